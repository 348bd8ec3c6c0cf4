import { pgConnectionConfig, type ServiceDatabase } from '@jembatan/messaging';
import { PrismaPg } from '@prisma/adapter-pg';
import { ReclaimingPool } from './pg-pool.js';

/** Driver adapter for the service's PrismaClient at runtime, over a pool that survives crashes. */
export function createPrismaAdapter(database: ServiceDatabase): PrismaPg {
  return new PrismaPg(new ReclaimingPool(pgConnectionConfig(database)), {
    schema: database.schema,
    disposeExternalPool: true,
  });
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

/**
 * The Prisma CLI settings of a service (for its prisma.config.ts): offline WASM schema engine,
 * multi-file schema in prisma/schema, migrations in the service's own PostgreSQL schema.
 */
export function servicePrismaConfig(schema: string) {
  // The CLI fetches a native engine (and fails offline) when env("DATABASE_URL") in the schema
  // cannot be resolved, even for `generate`; so the default must be in the environment.
  process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/jembatan';
  const url = process.env.DATABASE_URL;
  return {
    experimental: { adapter: true },
    engine: 'js',
    schema: 'prisma/schema',
    migrations: { path: 'prisma/migrations' },
    adapter: async () => new MigrationAdapter({ url, schema }),
  } as const;
}
