import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GetDailyReport, SubmitDailyReport } from '@jembatan/contracts';
import type { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

/** Assistants' daily reports: the day's work from the services' events, plus their notes. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly services: Services) {}

  @Get('daily')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  daily(
    @Query({ schema: GetDailyReport.request }) query: z.input<typeof GetDailyReport.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.daily-report.get', query, caller);
  }

  @Post('daily')
  @Roles('assistant')
  @BodySchema(SubmitDailyReport.request)
  submit(
    @Body({ schema: SubmitDailyReport.request }) body: z.input<typeof SubmitDailyReport.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.daily-report.submit', body, caller);
  }
}
