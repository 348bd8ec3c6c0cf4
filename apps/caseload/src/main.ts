import { TOPICS } from '@jembatan/contracts';
import { runService } from '@jembatan/service-kit';
import { CaseloadModule } from './caseload.module.js';
import { PrismaService } from './database/prisma.service.js';

runService('caseload', {
  prisma: PrismaService,
  // Training and microcredit report P2K2 attendance, trainings and capital outcomes.
  consumes: [TOPICS.events.training, TOPICS.events.microcredit],
  features: [CaseloadModule],
});
