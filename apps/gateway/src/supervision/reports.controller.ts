import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AssignTask,
  CompleteTask,
  ExportRegionMonthReport,
  ExportRhk,
  GetDailyReport,
  GetRegionMonthReport,
  GetRhk,
  ListRhk,
  ListTasks,
  ReviewRhkBody,
  SubmitDailyReport,
  SubmitRhk,
} from '@jembatan/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { fileReply } from '../common/file-reply.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const Id = { schema: z.uuid() };
const TaskDoneBody = CompleteTask.request.omit({ taskId: true });

/**
 * Reports from the work log: the assistant's daily report and monthly RHK (submitted, reviewed
 * by a coordinator, exported as PDF or XLSX), directed tasks, and the monthly region report.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(private readonly services: Services) {}

  @Get('reports/daily')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  daily(
    @Query({ schema: GetDailyReport.request }) query: z.input<typeof GetDailyReport.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.daily-report.get', query, caller);
  }

  @Post('reports/daily')
  @Roles('assistant')
  @BodySchema(SubmitDailyReport.request)
  submitDaily(
    @Body({ schema: SubmitDailyReport.request }) body: z.input<typeof SubmitDailyReport.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.daily-report.submit', body, caller);
  }

  @Get('reports/rhk')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  rhk(
    @Query({ schema: GetRhk.request }) query: z.input<typeof GetRhk.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.rhk.get', query, caller);
  }

  @Post('reports/rhk')
  @Roles('assistant')
  @BodySchema(SubmitRhk.request)
  submitRhk(
    @Body({ schema: SubmitRhk.request }) body: z.input<typeof SubmitRhk.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.rhk.submit', body, caller);
  }

  /** The coordinator's review queue: every assistant of the region and their RHK's status. */
  @Get('reports/rhk/queue')
  @Roles('coordinator', 'dinas', 'admin')
  rhkQueue(
    @Query({ schema: ListRhk.request }) query: z.input<typeof ListRhk.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.rhk.list', query, caller);
  }

  @Get('reports/rhk/export')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  async exportRhk(
    @Query({ schema: ExportRhk.request }) query: z.input<typeof ExportRhk.request>,
    @Caller() caller: CallerContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileReply(response, await this.services.call('supervision.rhk.export', query, caller));
  }

  @Post('reports/rhk/:assistantId/review')
  @HttpCode(200)
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(ReviewRhkBody)
  reviewRhk(
    @Param('assistantId', Id) assistantId: string,
    @Body({ schema: ReviewRhkBody }) body: z.input<typeof ReviewRhkBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.rhk.review', { ...body, assistantId }, caller);
  }

  @Get('reports/region')
  @Roles('coordinator', 'dinas', 'admin')
  region(
    @Query({ schema: GetRegionMonthReport.request })
    query: z.input<typeof GetRegionMonthReport.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.region-report.get', query, caller);
  }

  @Get('reports/region/export')
  @Roles('coordinator', 'dinas', 'admin')
  async exportRegion(
    @Query({ schema: ExportRegionMonthReport.request })
    query: z.input<typeof ExportRegionMonthReport.request>,
    @Caller() caller: CallerContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return fileReply(
      response,
      await this.services.call('supervision.region-report.export', query, caller),
    );
  }

  @Post('tasks')
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(AssignTask.request)
  assignTask(
    @Body({ schema: AssignTask.request }) body: z.input<typeof AssignTask.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.task.assign', body, caller);
  }

  @Get('tasks')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  tasks(
    @Query({ schema: ListTasks.request }) query: z.input<typeof ListTasks.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.task.list', query, caller);
  }

  @Post('tasks/:id/done')
  @HttpCode(200)
  @Roles('assistant')
  @BodySchema(TaskDoneBody)
  taskDone(
    @Param('id', Id) taskId: string,
    @Body({ schema: TaskDoneBody }) body: z.input<typeof TaskDoneBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.task.complete', { ...body, taskId }, caller);
  }
}
