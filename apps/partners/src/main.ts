import { runService } from '@jembatan/service-kit';
import { PrismaService } from './database/prisma.service.js';

// Skeleton: owns its schema, serves its rpc topic and health; features arrive with its issue.
runService('partners', { prisma: PrismaService });
