import { MigrationAdapter } from '@jembatan/service-kit';
import { defineConfig } from 'prisma/config';

// The CLI fetches a native engine (and fails offline) when env("DATABASE_URL") in the schema
// cannot be resolved, even for `generate`; so the default must be in the environment.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/jembatan';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  adapter: async () =>
    new MigrationAdapter({ url: process.env.DATABASE_URL as string, schema: 'gateway' }),
});
