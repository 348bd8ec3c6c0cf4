import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  AssessmentInput,
  ComplianceBody,
  DisbursementBody,
  LedgerBody,
  OpenCaseBody,
  ListKpmRequest,
  MoveStageBody,
  RecordFollowUpBody,
  RegisterKpmRequest,
  TransferKpmBody,
  UpdateKpmRequest,
  WithdrawFamilyConsentBody,
  type FamilyDataExport,
} from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';
import { fileReply } from '../common/file-reply.js';

const KpmId = { schema: z.uuid() };
const UpdateBody = UpdateKpmRequest.omit({ kpmId: true });

/** Families (KPM): their records, assessments and moves along the graduation pipeline. */
@ApiTags('kpm')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'On commands: retrying with the same key applies the command once',
})
@Controller('api/kpm')
export class KpmController {
  constructor(
    private readonly services: Services,
    private readonly accounts: AccountsRepository,
  ) {}

  @Post()
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(RegisterKpmRequest)
  register(
    @Body({ schema: RegisterKpmRequest }) body: z.input<typeof RegisterKpmRequest>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.kpm.register', body, caller);
  }

  @Get()
  @PersonalData('family')
  list(
    @Query({ schema: ListKpmRequest }) query: z.input<typeof ListKpmRequest>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.kpm.list', query, caller);
  }

  @Get(':id')
  @PersonalData('family')
  get(@Param('id', KpmId) kpmId: string, @Caller() caller: CallerContext) {
    return this.services.call('caseload.kpm.get', { kpmId }, caller);
  }

  /**
   * The family's right of access (UU PDP Art. 7): everything each service holds about it, as
   * one JSON document to hand over. Caseload decides who may ask before any other service is
   * asked; every export is in the audit trail as a read of personal data.
   */
  @Get(':id/data-export')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  @PersonalData('family')
  async exportData(
    @Param('id', KpmId) kpmId: string,
    @Caller() caller: CallerContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const caseload = await this.services.call('caseload.family-data.export', { kpmId }, caller);
    const others = await Promise.all(
      (['partners', 'training', 'microcredit', 'supervision'] as const).map((service) =>
        this.services.call(`${service}.family-data.export`, { kpmId }, caller),
      ),
    );
    const document: FamilyDataExport = {
      kpmId,
      exportedAt: new Date().toISOString(),
      exportedBy: { userId: caller.actor.userId, role: caller.actor.role },
      sections: [caseload, ...others],
    };
    return fileReply(response, {
      fileName: `data-keluarga-${kpmId}.json`,
      contentType: 'application/json; charset=utf-8',
      bytes: Buffer.from(JSON.stringify(document, null, 2)),
    });
  }

  /**
   * The family takes back its consent to share its data (UU PDP Art. 9): recorded and audited
   * in caseload; open referrals, nominations, mentoring and capital consents end in the other
   * services as they read the event.
   */
  @Post(':id/consent-withdrawal')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(WithdrawFamilyConsentBody)
  withdrawConsent(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: WithdrawFamilyConsentBody }) body: z.input<typeof WithdrawFamilyConsentBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.kpm.consent.withdraw', { ...body, kpmId }, caller);
  }

  @Patch(':id')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(UpdateBody)
  update(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: UpdateBody }) body: z.input<typeof UpdateBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.kpm.update', { ...body, kpmId }, caller);
  }

  /** The gateway owns accounts, so it resolves the receiving assistant before caseload decides. */
  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @BodySchema(TransferKpmBody)
  async transfer(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: TransferKpmBody }) body: z.output<typeof TransferKpmBody>,
    @Caller() caller: CallerContext,
  ) {
    const target = await this.accounts.findAssistant(body.toAssistantId);
    if (!target) {
      throw DomainError.invalid([
        { path: 'toAssistantId', message: 'is not an active assistant account' },
      ]);
    }
    return this.services.call(
      'caseload.kpm.transfer',
      {
        kpmId,
        reason: body.reason,
        toAssistant: { userId: target.id, regionCode: target.regionCode },
      },
      caller,
    );
  }

  @Post(':id/assessments')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(AssessmentInput)
  assess(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: AssessmentInput }) assessment: z.input<typeof AssessmentInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.assessment.record', { kpmId, assessment }, caller);
  }

  @Post(':id/stage')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(MoveStageBody)
  moveStage(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: MoveStageBody }) body: z.input<typeof MoveStageBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.stage.move', { ...body, kpmId }, caller);
  }

  @Post(':id/follow-ups/:followUpId')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(RecordFollowUpBody)
  recordFollowUp(
    @Param('id', KpmId) kpmId: string,
    @Param('followUpId', KpmId) followUpId: string,
    @Body({ schema: RecordFollowUpBody }) body: z.input<typeof RecordFollowUpBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.follow-up.record', { ...body, kpmId, followUpId }, caller);
  }

  @Post(':id/cases')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(OpenCaseBody)
  openCase(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: OpenCaseBody }) body: z.input<typeof OpenCaseBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.case.open', { ...body, kpmId }, caller);
  }

  @Post(':id/disbursements')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(DisbursementBody)
  recordDisbursement(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: DisbursementBody }) body: z.input<typeof DisbursementBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.benefit.record', { ...body, kpmId }, caller);
  }

  @Post(':id/compliance')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(ComplianceBody)
  recordCompliance(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: ComplianceBody }) body: z.input<typeof ComplianceBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.compliance.record', { ...body, kpmId }, caller);
  }

  @Post(':id/ledger')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(LedgerBody)
  recordLedger(
    @Param('id', KpmId) kpmId: string,
    @Body({ schema: LedgerBody }) body: z.input<typeof LedgerBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.ledger.record', { ...body, kpmId }, caller);
  }
}
