import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';
import { KpmModule } from './kpm/kpm.module.js';

runService('caseload', { prisma: PrismaService, features: [KpmModule] });
