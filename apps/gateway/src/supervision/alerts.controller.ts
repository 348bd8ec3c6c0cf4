import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AcknowledgeAlert, AddCoachingNote, ListAlerts } from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const Id = { schema: z.uuid() };
const AcknowledgeBody = AcknowledgeAlert.request.omit({ alertId: true });
const NoteBody = AddCoachingNote.request.omit({ assistantId: true });

/** Alerts raised by the supervision rules, and coordinators' coaching notes on assistants. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api')
export class AlertsController {
  constructor(private readonly services: Services) {}

  @Get('alerts')
  @Roles('coordinator', 'dinas', 'admin')
  alerts(
    @Query({ schema: ListAlerts.request }) query: z.input<typeof ListAlerts.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.alert.list', query, caller);
  }

  @Post('alerts/:id/acknowledge')
  @HttpCode(200)
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(AcknowledgeBody)
  acknowledge(
    @Param('id', Id) alertId: string,
    @Body({ schema: AcknowledgeBody }) body: z.input<typeof AcknowledgeBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.alert.acknowledge', { ...body, alertId }, caller);
  }

  /** Runs the alert rules now instead of at the next five-minute sweep. */
  @Post('alerts/evaluate')
  @HttpCode(200)
  @Roles('admin')
  evaluate(@Caller() caller: CallerContext) {
    return this.services.call('supervision.alert.evaluate', {}, caller);
  }

  @Get('attendance/assistants/:id/coaching')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  notes(@Param('id', Id) assistantId: string, @Caller() caller: CallerContext) {
    return this.services.call('supervision.coaching.list', { assistantId }, caller);
  }

  @Post('attendance/assistants/:id/coaching')
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(NoteBody)
  addNote(
    @Param('id', Id) assistantId: string,
    @Body({ schema: NoteBody }) body: z.input<typeof NoteBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.coaching.add', { ...body, assistantId }, caller);
  }

  @Post('coaching/:id/done')
  @HttpCode(200)
  @Roles('coordinator', 'dinas', 'admin')
  done(@Param('id', Id) noteId: string, @Caller() caller: CallerContext) {
    return this.services.call('supervision.coaching.complete', { noteId }, caller);
  }
}
