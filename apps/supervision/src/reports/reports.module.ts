import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module.js';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { DailyReportsHandlers } from './daily-reports.handlers.js';

/** Reports built from the work log: the assistant's daily report. */
@Module({ imports: [ActivityModule, AttendanceModule], providers: [DailyReportsHandlers] })
export class ReportsModule {}
