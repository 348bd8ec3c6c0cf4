import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AssistantCaseloads, CreateGroupRequest, ListGroups } from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const LeaderBody = z.strictObject({ kpmId: z.uuid() });
const GroupsQuery = ListGroups.request;
const CaseloadsQuery = AssistantCaseloads.request;

/** KPM groups (kelompok) and each assistant's caseload. */
@ApiTags('caseload')
@ApiBearerAuth()
@Controller('api')
export class GroupsController {
  constructor(
    private readonly services: Services,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get('groups')
  groups(
    @Query({ schema: GroupsQuery }) query: z.input<typeof GroupsQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.group.list', query, caller);
  }

  @Post('groups')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(CreateGroupRequest)
  createGroup(
    @Body({ schema: CreateGroupRequest }) body: z.input<typeof CreateGroupRequest>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.group.create', body, caller);
  }

  @Put('groups/:id/leader')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(LeaderBody)
  setLeader(
    @Param('id', { schema: z.uuid() }) groupId: string,
    @Body({ schema: LeaderBody }) body: z.input<typeof LeaderBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.group.set-leader', { groupId, kpmId: body.kpmId }, caller);
  }

  /** Families per assistant in a region, with the assistants' names (accounts live here). */
  @Get('caseloads')
  @Roles('coordinator', 'dinas', 'admin')
  async caseloads(
    @Query({ schema: CaseloadsQuery }) query: z.input<typeof CaseloadsQuery>,
    @Caller() caller: CallerContext,
  ) {
    const { items } = await this.services.call('caseload.assistant.caseloads', query, caller);
    const names = await this.accounts.namesOf(items.map((item) => item.assistantId));
    return {
      items: items.map((item) => ({ ...item, assistantName: names.get(item.assistantId) ?? null })),
    };
  }
}
