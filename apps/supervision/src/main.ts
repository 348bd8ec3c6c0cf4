import { TOPICS } from '@jembatan/contracts';
import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';
import { RegionCountsModule } from './region-counts/region-counts.module.js';

runService('supervision', {
  prisma: PrismaService,
  consumes: [TOPICS.events.caseload],
  features: [RegionCountsModule],
});
