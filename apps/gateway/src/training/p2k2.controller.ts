import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AvailabilityBody,
  HoldSessionBody,
  ListP2k2Groups,
  ListSessions,
  PlanSessionBody,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const Id = { schema: z.uuid() };
const CancelBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });
const SessionsQuery = ListSessions.request;
const GroupsQuery = ListP2k2Groups.request;

/** P2K2: groups' progress and availability, the session calendar, holding a session. */
@ApiTags('p2k2')
@ApiBearerAuth()
@Controller('api/p2k2')
export class P2k2Controller {
  constructor(private readonly services: Services) {}

  @Get('groups')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  groups(
    @Query({ schema: GroupsQuery }) query: z.input<typeof GroupsQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.p2k2.groups', query, caller);
  }

  @Put('groups/:id/availability')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(AvailabilityBody)
  setAvailability(
    @Param('id', Id) groupId: string,
    @Body({ schema: AvailabilityBody }) body: z.input<typeof AvailabilityBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.p2k2.availability.set', { ...body, groupId }, caller);
  }

  @Post('sessions')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(PlanSessionBody)
  plan(
    @Body({ schema: PlanSessionBody }) body: z.input<typeof PlanSessionBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.p2k2.session.plan', body, caller);
  }

  @Get('sessions')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  list(
    @Query({ schema: SessionsQuery }) query: z.input<typeof SessionsQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.p2k2.session.list', query, caller);
  }

  @Get('sessions/:id')
  @PersonalData('p2k2-session')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  get(@Param('id', Id) sessionId: string, @Caller() caller: CallerContext) {
    return this.services.call('training.p2k2.session.get', { sessionId }, caller);
  }

  @Post('sessions/:id/cancel')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(CancelBody)
  cancel(
    @Param('id', Id) sessionId: string,
    @Body({ schema: CancelBody }) body: z.input<typeof CancelBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.p2k2.session.cancel', { ...body, sessionId }, caller);
  }

  /** Holding the session: attendance of every family of the group, notes, check-in evidence. */
  @Post('sessions/:id/attendance')
  @HttpCode(200)
  @Roles('assistant')
  @BodySchema(HoldSessionBody)
  hold(
    @Param('id', Id) sessionId: string,
    @Body({ schema: HoldSessionBody }) body: z.input<typeof HoldSessionBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.p2k2.session.hold', { ...body, sessionId }, caller);
  }
}
