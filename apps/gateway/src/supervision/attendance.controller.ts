import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AttendanceRecord,
  AttendanceToday,
  CheckInCommand,
  CheckOutCommand,
  CorrectionDecisionBody,
  GetWorkCalendar,
  ListCorrections,
  RegionCode,
  RequestCorrection,
  SetHoliday,
  WorkCalendarInput,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const Id = { schema: z.uuid() };
const Month = { schema: AttendanceRecord.request.shape.month };
const CheckOutBody = CheckOutCommand.request.omit({ attendanceId: true });

/** Check-ins, records, today's attendance by region, corrections, and working calendars. */
@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api')
export class AttendanceController {
  constructor(private readonly services: Services) {}

  @Post('attendance/check-in')
  @Roles('assistant')
  @BodySchema(CheckInCommand.request)
  checkIn(
    @Body({ schema: CheckInCommand.request }) body: z.input<typeof CheckInCommand.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.attendance.check-in', body, caller);
  }

  @Post('attendance/:id/check-out')
  @HttpCode(200)
  @Roles('assistant')
  @BodySchema(CheckOutBody)
  checkOut(
    @Param('id', Id) attendanceId: string,
    @Body({ schema: CheckOutBody }) body: z.input<typeof CheckOutBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call(
      'supervision.attendance.check-out',
      { ...body, attendanceId },
      caller,
    );
  }

  /** The caller's own month (assistants). */
  @Get('attendance/me')
  @Roles('assistant')
  mine(@Query('month', Month) month: string | undefined, @Caller() caller: CallerContext) {
    return this.services.call('supervision.attendance.record', month ? { month } : {}, caller);
  }

  /** An assistant's month, for their coordinator or the Dinas of their region. */
  @Get('attendance/assistants/:id')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  record(
    @Param('id', Id) assistantId: string,
    @Query('month', Month) month: string | undefined,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call(
      'supervision.attendance.record',
      { assistantId, ...(month ? { month } : {}) },
      caller,
    );
  }

  @Get('attendance/today')
  @Roles('coordinator', 'dinas', 'admin')
  today(
    @Query({ schema: AttendanceToday.request }) query: z.input<typeof AttendanceToday.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.attendance.today', query, caller);
  }

  @Get('attendance/corrections')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  corrections(
    @Query({ schema: ListCorrections.request }) query: z.input<typeof ListCorrections.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.correction.list', query, caller);
  }

  @Post('attendance/corrections')
  @Roles('assistant')
  @BodySchema(RequestCorrection.request)
  requestCorrection(
    @Body({ schema: RequestCorrection.request }) body: z.input<typeof RequestCorrection.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.correction.request', body, caller);
  }

  @Post('attendance/corrections/:id/decision')
  @HttpCode(200)
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(CorrectionDecisionBody)
  decide(
    @Param('id', Id) correctionId: string,
    @Body({ schema: CorrectionDecisionBody }) body: z.input<typeof CorrectionDecisionBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.correction.decide', { ...body, correctionId }, caller);
  }

  @Get('calendar')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  calendar(
    @Query({ schema: GetWorkCalendar.request }) query: z.input<typeof GetWorkCalendar.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.calendar.get', query, caller);
  }

  @Put('calendar/holidays')
  @Roles('dinas', 'admin')
  @BodySchema(SetHoliday.request)
  setHoliday(
    @Body({ schema: SetHoliday.request }) body: z.input<typeof SetHoliday.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.holiday.set', body, caller);
  }

  @Put('calendar/:code')
  @Roles('dinas', 'admin')
  @BodySchema(WorkCalendarInput)
  setCalendar(
    @Param('code', { schema: RegionCode }) regionCode: string,
    @Body({ schema: WorkCalendarInput }) body: z.input<typeof WorkCalendarInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.calendar.set', { ...body, regionCode }, caller);
  }
}
