import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  PartnerDecisionBody,
  PartnerListQuery,
  PartnerNoteBody,
  PartnerProfileInput,
  RegisterPartnerBody,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Public, Roles } from '../auth/auth.guard.js';
import type { Response } from 'express';
import { fileReply } from '../common/file-reply.js';
import { BodySchema } from '../common/openapi.js';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PartnerRegistration } from './partner-registration.js';

const PartnerId = { schema: z.uuid() };

/** The partner registry: self-registration, own profile, the directory, the Dinas' verification. */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('api/partners')
export class PartnersController {
  constructor(
    private readonly services: Services,
    private readonly registration: PartnerRegistration,
    private readonly accounts: AccountsRepository,
  ) {}

  /** Anyone may register as a partner; the profile waits for the Dinas' verification. */
  @Public()
  @Post('register')
  @HttpCode(202)
  @BodySchema(RegisterPartnerBody)
  register(@Body({ schema: RegisterPartnerBody }) body: z.output<typeof RegisterPartnerBody>) {
    return this.registration.register(body);
  }

  @Get('me')
  @Roles('partner')
  me(@Caller() caller: CallerContext) {
    return this.services.call('partners.partner.get', {}, caller);
  }

  @Put('me')
  @Roles('partner')
  @BodySchema(PartnerProfileInput)
  update(
    @Body({ schema: PartnerProfileInput }) profile: z.input<typeof PartnerProfileInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.partner.update', { profile }, caller);
  }

  @Get()
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  list(
    @Query({ schema: PartnerListQuery }) query: z.input<typeof PartnerListQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.partner.list', query, caller);
  }

  /** What the partner's offers did for the families they reached (the partner's own). */
  @Get('me/impact')
  @Roles('partner')
  myImpact(@Caller() caller: CallerContext) {
    return this.services.call('partners.impact.get', {}, caller);
  }

  @Get('me/impact/export')
  @Roles('partner')
  async myImpactExport(
    @Caller() caller: CallerContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileReply(response, await this.services.call('partners.impact.export', {}, caller));
  }

  @Get(':id/impact')
  @Roles('dinas', 'coordinator', 'admin')
  impact(@Param('id', PartnerId) partnerId: string, @Caller() caller: CallerContext) {
    return this.services.call('partners.impact.get', { partnerId }, caller);
  }

  @Get(':id')
  get(@Param('id', PartnerId) partnerId: string, @Caller() caller: CallerContext) {
    return this.services.call('partners.partner.get', { partnerId }, caller);
  }

  /** verify, suspend (with a reason) or reinstate (with a reason). */
  @Post(':id/verification')
  @HttpCode(200)
  @Roles('dinas', 'admin')
  @BodySchema(PartnerDecisionBody)
  decide(
    @Param('id', PartnerId) partnerId: string,
    @Body({ schema: PartnerDecisionBody }) body: z.input<typeof PartnerDecisionBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.partner.decide', { partnerId, body }, caller);
  }

  /** Notes shared among the assistants of a kecamatan about working with this partner. */
  @Get(':id/notes')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  notes(@Param('id', PartnerId) partnerId: string, @Caller() caller: CallerContext) {
    return this.services.call('partners.partner-note.list', { partnerId }, caller);
  }

  @Post(':id/notes')
  @Roles('assistant', 'coordinator', 'dinas')
  @BodySchema(PartnerNoteBody)
  async addNote(
    @Param('id', PartnerId) partnerId: string,
    @Body({ schema: PartnerNoteBody }) body: z.input<typeof PartnerNoteBody>,
    @Caller() caller: CallerContext,
  ) {
    const names = await this.accounts.namesOf([caller.actor.userId]);
    const authorName = names.get(caller.actor.userId) ?? caller.actor.userId;
    return this.services.call(
      'partners.partner-note.add',
      { ...body, partnerId, authorName },
      caller,
    );
  }
}
