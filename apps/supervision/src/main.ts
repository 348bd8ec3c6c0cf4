import { TOPICS } from '@jembatan/contracts';
import { runService } from '@jembatan/service-kit';
import { ActivityModule } from './activity/activity.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AttendanceModule } from './attendance/attendance.module.js';
import { CoordinationModule } from './coordination/coordination.module.js';
import { PrismaService } from './database/prisma.service.js';
import { PersonalDataModule } from './personal-data/family-data.handlers.js';
import { RegionCountsModule } from './region-counts/region-counts.module.js';
import { RegionStatsModule } from './region-stats/region-stats.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RosterModule } from './roster/roster.module.js';

runService('supervision', {
  prisma: PrismaService,
  // Accounts (the roster), caseload's families and stages, training's P2K2 sessions.
  consumes: [TOPICS.events.gateway, TOPICS.events.caseload, TOPICS.events.training],
  features: [
    RosterModule,
    RegionCountsModule,
    RegionStatsModule,
    CoordinationModule,
    ActivityModule,
    AttendanceModule,
    AlertsModule,
    ReportsModule,
    PersonalDataModule,
  ],
});
