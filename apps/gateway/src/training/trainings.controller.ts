import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CompleteNominationBody,
  DecideNominationBody,
  ListTrainingOffers,
  NominateBody,
  TrainingAttendanceBody,
  TrainingOfferInput,
} from '@jembatan/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { Roles } from '../auth/auth.guard.js';
import { fileReply } from '../common/file-reply.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const Id = { schema: z.uuid() };
const OffersQuery = ListTrainingOffers.request;

/** Partner trainings: offers, nominations (seat or waitlist), decisions, attendance, certificates. */
@ApiTags('trainings')
@ApiBearerAuth()
@Controller('api')
export class TrainingsController {
  constructor(
    private readonly services: Services,
    private readonly accounts: AccountsRepository,
  ) {}

  /** A training provider posts a training (owned by the partners service). */
  @Post('trainings')
  @Roles('partner')
  @BodySchema(TrainingOfferInput)
  async post(
    @Body({ schema: TrainingOfferInput }) body: z.input<typeof TrainingOfferInput>,
    @Caller() caller: CallerContext,
  ) {
    const names = await this.accounts.namesOf([caller.actor.userId]);
    const partnerName = names.get(caller.actor.userId) ?? caller.actor.userId;
    return this.services.call('partners.training-offer.post', { ...body, partnerName }, caller);
  }

  @Get('trainings')
  list(
    @Query({ schema: OffersQuery }) query: z.input<typeof OffersQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.offer.list', query, caller);
  }

  @Get('trainings/:id')
  get(@Param('id', Id) offerId: string, @Caller() caller: CallerContext) {
    return this.services.call('training.offer.get', { offerId }, caller);
  }

  @Post('trainings/:id/nominations')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(NominateBody)
  nominate(
    @Param('id', Id) offerId: string,
    @Body({ schema: NominateBody }) body: z.input<typeof NominateBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.nomination.create', { ...body, offerId }, caller);
  }

  @Post('trainings/:id/attendance')
  @HttpCode(200)
  @Roles('partner', 'admin')
  @BodySchema(TrainingAttendanceBody)
  attendance(
    @Param('id', Id) offerId: string,
    @Body({ schema: TrainingAttendanceBody }) body: z.input<typeof TrainingAttendanceBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.attendance.record', { ...body, offerId }, caller);
  }

  /** The partner accepts or declines; the family's assistant withdraws. */
  @Post('nominations/:id/decision')
  @HttpCode(200)
  @BodySchema(DecideNominationBody)
  decide(
    @Param('id', Id) nominationId: string,
    @Body({ schema: DecideNominationBody }) body: z.input<typeof DecideNominationBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.nomination.decide', { ...body, nominationId }, caller);
  }

  @Post('nominations/:id/completion')
  @HttpCode(200)
  @Roles('partner', 'admin')
  @BodySchema(CompleteNominationBody)
  complete(
    @Param('id', Id) nominationId: string,
    @Body({ schema: CompleteNominationBody }) body: z.input<typeof CompleteNominationBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.nomination.complete', { ...body, nominationId }, caller);
  }

  @Get('nominations/:id/certificate')
  @PersonalData('nomination')
  async certificate(
    @Param('id', Id) nominationId: string,
    @Caller() caller: CallerContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { fileName, pdfBase64 } = await this.services.call(
      'training.certificate.get',
      { nominationId },
      caller,
    );
    return fileReply(response, { fileName, contentType: 'application/pdf', base64: pdfBase64 });
  }
}
