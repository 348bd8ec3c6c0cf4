import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CriteriaSet, GraduationBoard, ListDueFollowUps, RegionCode } from '@jembatan/contracts';
import { z } from 'zod';
import { PersonalData } from '../audit/personal-data.js';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const BoardQuery = GraduationBoard.request;
const DueFollowUpsQuery = ListDueFollowUps.request;

/** The graduation board and the per-region criteria behind readiness scores. */
@ApiTags('graduation')
@ApiBearerAuth()
@Controller('api/graduation')
export class GraduationController {
  constructor(private readonly services: Services) {}

  @Get('board')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  board(
    @Query({ schema: BoardQuery }) query: z.input<typeof BoardQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.graduation.board', query, caller);
  }

  /** Follow-up visits to graduated families that are late or due within `withinDays`. */
  @Get('follow-ups')
  @PersonalData('family')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  dueFollowUps(
    @Query({ schema: DueFollowUpsQuery }) query: z.input<typeof DueFollowUpsQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.follow-up.due', query, caller);
  }

  @Get('criteria/:regionCode')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  criteria(
    @Param('regionCode', { schema: RegionCode }) regionCode: string,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.criteria.get', { regionCode }, caller);
  }

  @Put('criteria/:regionCode')
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(CriteriaSet)
  setCriteria(
    @Param('regionCode', { schema: RegionCode }) regionCode: string,
    @Body({ schema: CriteriaSet }) body: z.input<typeof CriteriaSet>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.criteria.set', { ...body, regionCode }, caller);
  }
}
