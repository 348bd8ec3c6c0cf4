import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListCases, UpdateCaseBody } from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const CasesQuery = ListCases.request;

/** Cases across the caller's caseload or region (opened from a family: POST /api/kpm/:id/cases). */
@ApiTags('caseload')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(private readonly services: Services) {}

  @Get()
  @PersonalData('case')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  list(
    @Query({ schema: CasesQuery }) query: z.input<typeof CasesQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.case.list', query, caller);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(UpdateCaseBody)
  addNote(
    @Param('id', { schema: z.uuid() }) caseId: string,
    @Body({ schema: UpdateCaseBody }) body: z.input<typeof UpdateCaseBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('caseload.case.update', { ...body, caseId }, caller);
  }
}
