import { pgConnectionConfig, type ServiceDatabase } from '@jembatan/messaging';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

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

/** Creates the database named in the URL when it is missing (first start on a new machine). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  maintenance.search = '';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error; // created concurrently by another service
    });
  } finally {
    await client.end();
  }
}
