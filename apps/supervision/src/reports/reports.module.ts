import { Module } from '@nestjs/common';
import { regionsProvider } from '@jembatan/service-kit';
import { ActivityModule } from '../activity/activity.module.js';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { DailyReportsHandlers } from './daily-reports.handlers.js';
import { RegionReportHandlers } from './region-report.handlers.js';
import { RegionReportQuery } from './region-report.query.js';
import { RhkBuilder } from './rhk.builder.js';
import { RhkHandlers } from './rhk.handlers.js';
import { RhkRepository } from './rhk.repository.js';
import { TasksHandlers } from './tasks.handlers.js';
import { TasksRepository } from './tasks.repository.js';

/**
 * Reports built from the work log: the assistant's daily report and monthly RHK (with the
 * coordinator's directed tasks and review), and the monthly region report.
 */
@Module({
  imports: [ActivityModule, AttendanceModule],
  providers: [
    regionsProvider,
    DailyReportsHandlers,
    TasksRepository,
    TasksHandlers,
    RhkRepository,
    RhkBuilder,
    RhkHandlers,
    RegionReportQuery,
    RegionReportHandlers,
  ],
})
export class ReportsModule {}
