#!/usr/bin/env node
// `npm start`: Kafka, migrations, demo data, every service and the portal, then the URLs.
// Ctrl+C stops everything it started.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDatabase, ensureDependencies } from '@jembatan/infra/dependencies';
import { startKafka, stopKafka } from '@jembatan/infra/kafka';
import {
  REPO_ROOT,
  SERVICES,
  migrateAll,
  startService,
  stopProcess,
  waitForHealthy,
} from '@jembatan/infra/processes';
import { importDemoCsv, seedDemoFamilies } from './demo-families.mjs';
import { DEMO_TREASURER, seedDemoSavings } from './demo-savings.mjs';
import { seedDemoTraining } from './demo-training.mjs';

const env = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/jembatan',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
};
const portalPort = Number(process.env.PORTAL_PORT ?? 5173);
const children = [];
let kafkaStartedHere = false;
let stopping = false;

/** Starts a service and starts it again whenever it exits on its own (crash-only recovery). */
function supervise(name) {
  const child = startService(name, { env });
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    children.splice(children.indexOf(child), 1);
    console.log(`  ${name} exited (${signal ?? `code ${code}`}); starting it again`);
    setTimeout(() => stopping || supervise(name), 1_000);
  });
  return child;
}

async function shutdown(code) {
  stopping = true;
  console.log('\nStopping Jembatan...');
  await Promise.all(children.map((child) => stopProcess(child)));
  if (kafkaStartedHere) await stopKafka({ port: Number(env.KAFKA_BROKERS.split(':').pop()) });
  process.exit(code);
}

async function main() {
  const step = (text) => console.log(`• ${text}`);
  step('PostgreSQL and Redis');
  await ensureDependencies({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });

  const kafkaPort = Number(env.KAFKA_BROKERS.split(',')[0].split(':').pop());
  const kafka = await startKafka({ port: kafkaPort });
  kafkaStartedHere = !kafka.reused;
  step(
    `Apache Kafka ${kafka.version} on 127.0.0.1:${kafkaPort}${kafka.reused ? ' (already running)' : ''}`,
  );

  step('Building (cached by Turborepo)');
  execFileSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });

  step('Migrations');
  await ensureDatabase(env.DATABASE_URL);
  await migrateAll(env);
  execFileSync(process.execPath, [join(REPO_ROOT, 'apps/gateway/dist/seed.js')], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });

  step('Services');
  for (const { name, port } of SERVICES) {
    const child = supervise(name);
    await waitForHealthy(`http://127.0.0.1:${port}/health/ready`, { child, timeoutMs: 90_000 });
  }

  step('Demo families');
  const seeded = await seedDemoFamilies('http://127.0.0.1:3000');
  console.log(`  ${seeded} families registered through the gateway`);
  const imported = await importDemoCsv('http://127.0.0.1:3000');
  console.log(
    `  sample CSV imported: ${imported.rowsInserted} new, ${imported.rowsAlreadyRegistered} already registered`,
  );

  const training = await seedDemoTraining('http://127.0.0.1:3000');
  console.log(`  training demo: ${training.join(', ') || 'already there'}`);
  const savings = await seedDemoSavings('http://127.0.0.1:3000');
  console.log(`  savings demo: ${savings.join(', ') || 'already there'}`);

  step('Portal');
  // The vite binary itself, not npx: stopping npx would leave vite running.
  const portal = spawn(
    join(REPO_ROOT, 'node_modules/.bin/vite'),
    ['preview', '--port', String(portalPort), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: join(REPO_ROOT, 'apps/portal'),
      env: { ...process.env, GATEWAY_URL: 'http://127.0.0.1:3000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(portal);
  await waitForHealthy(`http://127.0.0.1:${portalPort}/`, { child: portal });

  console.log(`
Jembatan is running.
  Portal          http://127.0.0.1:${portalPort}/   (demo sign-in: pendamping.matraman / jembatan123;
                  a group treasurer: ${DEMO_TREASURER})
  API             http://127.0.0.1:3000/api
  API docs        http://127.0.0.1:3000/api/docs   (OpenAPI JSON at /api/docs/openapi.json)
  Health          ${SERVICES.map(({ name, port }) => `${name} http://127.0.0.1:${port}/health/ready`).join('\n                  ')}
  Kafka           127.0.0.1:${kafkaPort} (Apache Kafka ${kafka.version}, KRaft)
  Logs            .run/logs/<service>.log
Press Ctrl+C to stop.`);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (error) => {
  console.error(`Jembatan could not start: ${error.message}`);
  await shutdown(1);
});
