import { randomUUID } from 'node:crypto';
import { pgConnectionConfig, type ServiceDatabase } from '@jembatan/messaging';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

/** Driver adapter for the service's PrismaClient at runtime. */
export function createPrismaAdapter(database: ServiceDatabase): PrismaPg {
  return new PrismaPg(pgConnectionConfig(database), { schema: database.schema });
}

/**
 * Driver adapter for the Prisma CLI (prisma.config.ts). PrismaPg.connectToShadowDb (6.19 and
 * 7.x) points the "shadow" pool at the main database, because a connectionString wins over
 * `database`, and drops the shadow database before closing its pool; this fixes both, so
 * `prisma migrate dev` works offline with the WASM schema engine.
 */
export class MigrationAdapter extends PrismaPg {
  constructor(private readonly database: ServiceDatabase) {
    super(pgConnectionConfig(database), { schema: database.schema });
  }

  override async connectToShadowDb(): Promise<Awaited<ReturnType<PrismaPg['connect']>>> {
    const shadowName = `prisma_shadow_${this.database.schema}_${randomUUID().replaceAll('-', '')}`;
    await runAdminStatement(this.database, `CREATE DATABASE "${shadowName}"`);
    const shadowUrl = new URL(this.database.url);
    shadowUrl.pathname = `/${shadowName}`;
    const shadow = await new PrismaPg(
      pgConnectionConfig({ ...this.database, url: shadowUrl.toString(), poolSize: 2 }),
      { schema: this.database.schema },
    ).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await runAdminStatement(this.database, `DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    };
    return shadow;
  }
}

async function runAdminStatement(database: ServiceDatabase, sql: string): Promise<void> {
  const client = new pg.Client(pgConnectionConfig(database));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
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
