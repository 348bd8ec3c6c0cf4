import { TOPICS } from '@jembatan/contracts';
import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';
import { MicrocreditModule } from './microcredit.module.js';

runService('microcredit', {
  prisma: PrismaService,
  // Caseload describes the families, partners post the products and broker referrals,
  // training tells which families completed a training (a product's rule).
  consumes: [TOPICS.events.caseload, TOPICS.events.partners, TOPICS.events.training],
  features: [MicrocreditModule],
});
