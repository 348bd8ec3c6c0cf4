import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/jembatan';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => new PrismaPg({ connectionString: url, options: '-c search_path=caseload' }, { schema: 'caseload' }),
});
