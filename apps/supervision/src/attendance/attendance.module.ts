import { Module } from '@nestjs/common';
import { regionsProvider } from '@jembatan/service-kit';
import { ActivityModule } from '../activity/activity.module.js';
import { CoordinationModule } from '../coordination/coordination.module.js';
import { AttendanceHandlers } from './attendance.handlers.js';
import { AttendanceMonth } from './attendance-month.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceViewsHandlers } from './attendance-views.handlers.js';
import { CalendarHandlers } from './calendar.handlers.js';
import { CalendarRepository } from './calendar.repository.js';
import { CorrectionsHandlers } from './corrections.handlers.js';
import { AuditTrail } from './audit.repository.js';
import { CorrectionsRepository } from './corrections.repository.js';

/** Check-ins, working calendars, corrections and the attendance views built on them. */
@Module({
  imports: [CoordinationModule, ActivityModule],
  providers: [
    regionsProvider,
    AttendanceRepository,
    AttendanceMonth,
    CalendarRepository,
    CorrectionsRepository,
    AuditTrail,
    AttendanceHandlers,
    AttendanceViewsHandlers,
    CalendarHandlers,
    CorrectionsHandlers,
  ],
  exports: [CalendarRepository, AuditTrail, AttendanceMonth],
})
export class AttendanceModule {}
