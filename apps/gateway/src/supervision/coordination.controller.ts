import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ListMeetings,
  PostAnnouncement,
  RecordMeeting,
  ScheduleMeeting,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const Id = { schema: z.uuid() };
const RecordBody = RecordMeeting.request.omit({ meetingId: true });

/** Coordination meetings (register and minutes) and announcements with read receipts. */
@ApiTags('coordination')
@ApiBearerAuth()
@Controller('api')
export class CoordinationController {
  constructor(private readonly services: Services) {}

  @Post('meetings')
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(ScheduleMeeting.request)
  schedule(
    @Body({ schema: ScheduleMeeting.request }) body: z.input<typeof ScheduleMeeting.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.meeting.schedule', body, caller);
  }

  @Get('meetings')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  meetings(
    @Query({ schema: ListMeetings.request }) query: z.input<typeof ListMeetings.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.meeting.list', query, caller);
  }

  @Get('meetings/:id')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  meeting(@Param('id', Id) meetingId: string, @Caller() caller: CallerContext) {
    return this.services.call('supervision.meeting.get', { meetingId }, caller);
  }

  @Post('meetings/:id/record')
  @HttpCode(200)
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(RecordBody)
  record(
    @Param('id', Id) meetingId: string,
    @Body({ schema: RecordBody }) body: z.input<typeof RecordBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.meeting.record', { ...body, meetingId }, caller);
  }

  @Post('announcements')
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(PostAnnouncement.request)
  announce(
    @Body({ schema: PostAnnouncement.request }) body: z.input<typeof PostAnnouncement.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.announcement.post', body, caller);
  }

  @Get('announcements')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  announcements(@Caller() caller: CallerContext) {
    return this.services.call('supervision.announcement.list', {}, caller);
  }

  @Post('announcements/:id/read')
  @HttpCode(200)
  @Roles('assistant')
  read(@Param('id', Id) announcementId: string, @Caller() caller: CallerContext) {
    return this.services.call('supervision.announcement.read', { announcementId }, caller);
  }

  @Get('announcements/:id/receipts')
  @Roles('coordinator', 'dinas', 'admin')
  receipts(@Param('id', Id) announcementId: string, @Caller() caller: CallerContext) {
    return this.services.call('supervision.announcement.receipts', { announcementId }, caller);
  }
}
