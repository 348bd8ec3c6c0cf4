import { TOPICS } from '@jembatan/contracts';
import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';
import { PartnersModule } from './partners.module.js';

runService('partners', {
  prisma: PrismaService,
  features: [PartnersModule],
  // Partner accounts (gateway), families' cards (caseload), training and capital outcomes.
  consumes: [
    TOPICS.events.gateway,
    TOPICS.events.caseload,
    TOPICS.events.training,
    TOPICS.events.microcredit,
  ],
});
