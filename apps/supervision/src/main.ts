import { TOPICS } from '@jembatan/contracts';
import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';
import { RegionCountsModule } from './region-counts/region-counts.module.js';
import { RegionStatsModule } from './region-stats/region-stats.module.js';

runService('supervision', {
  prisma: PrismaService,
  // Caseload's families and stages, training's P2K2 sessions.
  consumes: [TOPICS.events.caseload, TOPICS.events.training],
  features: [RegionCountsModule, RegionStatsModule],
});
