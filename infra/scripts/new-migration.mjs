#!/usr/bin/env node
// Creates the next Prisma migration of the service whose folder this runs in:
//   npm run db:migration:new -w @jembatan/caseload -- add_assessments
// It diffs the schema as it was when the newest migration was committed against the schema
// now. (`prisma migrate dev` cannot run offline here: with the pg driver adapter its
// introspection fails on PostgreSQL's "char" type, and the adapter's shadow database is broken.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureDatabase } from '../lib/dependencies.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration:new -w @jembatan/<service> -- <snake_case_name>');
  process.exit(2);
}
const serviceDir = process.cwd();
const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: serviceDir })
  .toString()
  .trim();
// From the top: run in a subfolder, `git ls-tree` lists only entries under that folder.
const git = (...args) => execFileSync('git', args, { cwd: top, encoding: 'utf8' }).trim();
const migrationsDir = join(serviceDir, 'prisma/migrations');
const schemaDir = join(serviceDir, 'prisma/schema');

const existing = readdirSync(migrationsDir, { withFileTypes: true }).filter((entry) =>
  entry.isDirectory(),
);
const since =
  existing.length > 0 ? git('log', '-1', '--format=%H', '--', relative(top, migrationsDir)) : '';
const prisma = (...args) =>
  execFileSync('npx', ['prisma', ...args], {
    cwd: serviceDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });

// `migrate diff` connects to the configured database even when diffing two schema files.
await ensureDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/jembatan');

let from = ['--from-empty'];
let previous;
if (since) {
  previous = mkdtempSync(join(tmpdir(), 'jembatan-schema-'));
  const schemaPath = relative(top, schemaDir);
  for (const file of git('ls-tree', '--name-only', `${since}:${schemaPath}`)
    .split('\n')
    .filter(Boolean)) {
    writeFileSync(join(previous, file), git('show', `${since}:${schemaPath}/${file}`) + '\n');
  }
  from = ['--from-schema-datamodel', previous];
}
const sql = prisma('migrate', 'diff', ...from, '--to-schema-datamodel', schemaDir, '--script');
if (previous) rmSync(previous, { recursive: true, force: true });
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log('No schema change since the last migration.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const target = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(join(target, 'migration.sql'), sql);
console.log(
  `Created ${relative(top, target)}/migration.sql; review it and commit it with the schema change.`,
);
