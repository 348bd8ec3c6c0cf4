import { Module } from '@nestjs/common';
import { AnnouncementsHandlers } from './announcements.handlers.js';
import { MeetingsHandlers } from './meetings.handlers.js';
import { MeetingsRepository } from './meetings.repository.js';

/** Coordination meetings and announcements. */
@Module({
  providers: [MeetingsRepository, MeetingsHandlers, AnnouncementsHandlers],
  exports: [MeetingsRepository],
})
export class CoordinationModule {}
