import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CreateReferralBody,
  ReferralDecisionBody,
  ReferralListQuery,
  SaleBody,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const Id = { schema: z.uuid() };

/** Referrals: created by the broker with the family's consent, answered by the partner. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/referrals')
export class ReferralsController {
  constructor(private readonly services: Services) {}

  @Post()
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(CreateReferralBody)
  create(
    @Body({ schema: CreateReferralBody }) body: z.input<typeof CreateReferralBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.referral.create', body, caller);
  }

  /** A partner's inbox; an assistant's referrals; a region's for coordinators and the Dinas. */
  @Get()
  @PersonalData('referral')
  list(
    @Query({ schema: ReferralListQuery }) query: z.input<typeof ReferralListQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.referral.list', query, caller);
  }

  @Get(':id')
  @PersonalData('referral')
  get(@Param('id', Id) referralId: string, @Caller() caller: CallerContext) {
    return this.services.call('partners.referral.get', { referralId }, caller);
  }

  /** The partner accepts, declines or completes; the assistant withdraws. */
  @Post(':id/decision')
  @HttpCode(200)
  @BodySchema(ReferralDecisionBody)
  decide(
    @Param('id', Id) referralId: string,
    @Body({ schema: ReferralDecisionBody }) body: z.input<typeof ReferralDecisionBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.referral.decide', { referralId, body }, caller);
  }

  /** Sales after a bazaar or a delivery to a buyer. */
  @Post(':id/sales')
  @BodySchema(SaleBody)
  sale(
    @Param('id', Id) referralId: string,
    @Body({ schema: SaleBody }) body: z.input<typeof SaleBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.referral.sale', { ...body, referralId }, caller);
  }
}
