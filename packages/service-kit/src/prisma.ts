import { pgConnectionConfig, type ServiceDatabase } from '@jembatan/messaging';
import { PrismaPg } from '@prisma/adapter-pg';

/** Driver adapter for the service's PrismaClient at runtime. */
export function createPrismaAdapter(database: ServiceDatabase): PrismaPg {
  return new PrismaPg(pgConnectionConfig(database), { schema: database.schema });
}

/**
 * Driver adapter for the Prisma CLI (prisma.config.ts): pins search_path so `migrate deploy`
 * creates the tables and `_prisma_migrations` in the service's own schema.
 */
export class MigrationAdapter extends PrismaPg {
  constructor(database: ServiceDatabase) {
    super(pgConnectionConfig(database), { schema: database.schema });
  }
}
