import { servicePrismaConfig } from '@jembatan/service-kit';
import { defineConfig } from 'prisma/config';

export default defineConfig(servicePrismaConfig('training'));
