import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';
import { PartnersModule } from './partners.module.js';

runService('partners', { prisma: PrismaService, features: [PartnersModule] });
