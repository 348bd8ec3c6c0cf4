import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CapitalActionInput,
  CapitalDraftInput,
  CapitalDraftUpdate,
  CapitalProductQuery,
  CapitalReferralListQuery,
  ConsentInput,
  ParQuery,
  PaymentInput,
  WithdrawConsentBody,
} from '@jembatan/contracts';
import { z } from 'zod';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const Id = { schema: z.uuid() };

/**
 * Capital referrals (microcredit service): the assistant's wizard and tracker, the lender's
 * inbox and book, PAR for coordinators. Every step goes through one `actions` route.
 */
@ApiTags('capital')
@ApiBearerAuth()
@Controller('api/capital')
export class CapitalController {
  constructor(
    private readonly services: Services,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get('products')
  products(
    @Query({ schema: CapitalProductQuery }) query: z.input<typeof CapitalProductQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.product.list', query, caller);
  }

  @Post('referrals')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(CapitalDraftInput)
  create(
    @Body({ schema: CapitalDraftInput }) body: z.input<typeof CapitalDraftInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.referral.create', body, caller);
  }

  /** The lender's inbox, the assistant's tracker (`overdue=true`: late steps only). */
  @Get('referrals')
  @PersonalData('capital-referral')
  list(
    @Query({ schema: CapitalReferralListQuery }) query: z.input<typeof CapitalReferralListQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.referral.list', query, caller);
  }

  @Get('referrals/:id')
  @PersonalData('capital-referral')
  get(@Param('id', Id) referralId: string, @Caller() caller: CallerContext) {
    return this.services.call('microcredit.referral.get', { referralId }, caller);
  }

  @Patch('referrals/:id')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(CapitalDraftUpdate)
  update(
    @Param('id', Id) referralId: string,
    @Body({ schema: CapitalDraftUpdate }) body: z.input<typeof CapitalDraftUpdate>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.referral.update', { referralId, body }, caller);
  }

  /** Submit, acknowledge, schedule or record the survey, approve, reject, disburse, ... */
  @Post('referrals/:id/actions')
  @HttpCode(200)
  @BodySchema(CapitalActionInput)
  act(
    @Param('id', Id) referralId: string,
    @Body({ schema: CapitalActionInput }) body: z.input<typeof CapitalActionInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.referral.act', { referralId, body }, caller);
  }

  @Post('referrals/:id/consent')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(ConsentInput)
  consent(
    @Param('id', Id) referralId: string,
    @Body({ schema: ConsentInput }) body: z.input<typeof ConsentInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.consent.record', { ...body, referralId }, caller);
  }

  @Post('referrals/:id/consent/withdrawal')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(WithdrawConsentBody)
  withdrawConsent(
    @Param('id', Id) referralId: string,
    @Body({ schema: WithdrawConsentBody }) body: z.input<typeof WithdrawConsentBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.consent.withdraw', { ...body, referralId }, caller);
  }

  @Get('referrals/:id/schedule')
  @PersonalData('capital-referral')
  schedule(@Param('id', Id) referralId: string, @Caller() caller: CallerContext) {
    return this.services.call('microcredit.schedule.get', { referralId }, caller);
  }

  @Post('referrals/:id/payments')
  @Roles('partner')
  @BodySchema(PaymentInput)
  pay(
    @Param('id', Id) referralId: string,
    @Body({ schema: PaymentInput }) body: z.input<typeof PaymentInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.payment.record', { ...body, referralId }, caller);
  }

  /** Portfolio at risk (30 days) per lender, regency or assistant (named from accounts). */
  @Get('par')
  async par(
    @Query({ schema: ParQuery }) query: z.input<typeof ParQuery>,
    @Caller() caller: CallerContext,
  ) {
    const par = await this.services.call('microcredit.par.get', query, caller);
    if (query.by !== 'assistant') return par;
    const names = await this.accounts.namesOf(par.rows.map((row) => row.key));
    return {
      ...par,
      rows: par.rows.map((row) => ({ ...row, label: names.get(row.key) ?? row.key })),
    };
  }
}
