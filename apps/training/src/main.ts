import { TOPICS } from '@jembatan/contracts';
import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';
import { TrainingModule } from './training.module.js';

runService('training', {
  prisma: PrismaService,
  // Caseload describes the families; partners post the trainings delivered here.
  consumes: [TOPICS.events.caseload, TOPICS.events.partners],
  features: [TrainingModule],
});
