// Brings up a private copy of the whole system for a test file or a benchmark: a fresh Kafka
// broker on its own ports, a fresh database, every service and the gateway, on ports that do
// not clash with `npm start` (gateway = portBase, services = portBase+1.., Kafka = portBase+92).
// Avoid bases near ports that fetch() refuses to call (6000 is X11's, for one).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDependencies } from './dependencies.mjs';
import { startKafka, stopKafka } from './kafka.mjs';
import { copyDatabase, startPrivatePostgres } from './postgres.mjs';
import {
  REPO_ROOT,
  SERVICES,
  migrateAll,
  startService,
  stopProcess,
  waitForHealthy,
} from './processes.mjs';

export async function startStack(
  name,
  portBase,
  {
    logLevel = 'warn',
    rpcTimeoutMs = 5000,
    rateLimitPerMinute = 1_000_000,
    privatePostgresPort = undefined,
  } = {},
) {
  const kafkaPort = portBase + 92;
  const database = `jembatan_${name}`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${database}`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: logLevel,
    DATABASE_URL: databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    GATEWAY_PORT: String(portBase),
    RPC_TIMEOUT_MS: String(rpcTimeoutMs),
    // Suites and benchmarks drive thousands of requests a minute from one address and account.
    RATE_LIMIT_PER_IP_PER_MINUTE: String(rateLimitPerMinute),
    RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: String(rateLimitPerMinute),
    // Suites and benchmarks hold one sign-in for their whole run, which may pass 15 minutes.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  };
  const portOf = (service) =>
    service === 'gateway'
      ? portBase
      : portBase + (SERVICES.findIndex((s) => s.name === service) + 1);
  for (const { name: service } of SERVICES)
    env[`${service.toUpperCase()}_PORT`] = String(portOf(service));

  await ensureDependencies({ databaseUrl, redisUrl: env.REDIS_URL });
  await createMigratedDatabase(database, env);
  // Fault tests crash PostgreSQL: they get a server of their own with a copy of the database.
  const postgres = privatePostgresPort
    ? await startPrivatePostgres({ name, port: privatePostgresPort })
    : undefined;
  if (postgres) {
    const admin = new pg.Client({ connectionString: postgres.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    copyDatabase(databaseUrl, postgres.url(database));
    env.DATABASE_URL = postgres.url(database);
  }
  const dataDir = join(REPO_ROOT, '.run', `kafka-stack-${name}`);
  await stopKafka({ port: kafkaPort, dataDir, kill: true });
  await startKafka({ port: kafkaPort, dataDir, fresh: true, heapMb: 384 });
  execFileSync(process.execPath, [join(REPO_ROOT, 'apps/gateway/dist/seed.js')], {
    env: { ...process.env, ...env },
  });

  const children = new Map();
  const logDir = join(REPO_ROOT, 'test-artifacts', 'logs', name);
  const start = async (service) => {
    const child = startService(service, { env, logDir });
    children.set(service, child);
    await waitForHealthy(`http://127.0.0.1:${portOf(service)}/health/ready`, {
      child,
      timeoutMs: 120_000,
    });
  };
  const stopProcessesAndKafka = async () => {
    await Promise.all([...children.values()].map((child) => stopProcess(child)));
    await stopKafka({ port: kafkaPort, dataDir });
    await postgres?.stop();
  };
  try {
    // Backend services first (they create topics and join their groups), then the gateway.
    await Promise.all(SERVICES.filter((s) => s.name !== 'gateway').map((s) => start(s.name)));
    await start('gateway');
  } catch (error) {
    await stopProcessesAndKafka(); // a half-started stack must not outlive the failure
    throw error;
  }

  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3 });
  db.on('error', () => undefined); // an idle client's server went away (a fault test's doing)
  // Demo partners reach the registry through the gateway's outbox and Kafka: tests sign in as
  // them at once, so wait until the partners service holds their profiles.
  const deadline = Date.now() + 60_000;
  while ((await db.query(`SELECT count(*)::int AS n FROM partners.partner`)).rows[0].n < 3) {
    if (Date.now() > deadline) {
      await db.end();
      await stopProcessesAndKafka();
      throw new Error('the demo partners never reached the partners service');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const stack = {
    env,
    gatewayUrl: `http://127.0.0.1:${portBase}`,
    kafkaPort,
    brokers: [env.KAFKA_BROKERS],
    db,
    children,
    portOf,
    start,
    async kill(service, signal = 'SIGKILL') {
      const child = children.get(service);
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    async restartKafka({ kill = true, downMs = 3000 } = {}) {
      await stopKafka({ port: kafkaPort, dataDir, kill });
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await startKafka({ port: kafkaPort, dataDir, heapMb: 384 });
    },
    async restartPostgres({ downMs = 3000 } = {}) {
      if (!postgres) throw new Error('restartPostgres needs the privatePostgresPort option');
      await postgres.crash();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await postgres.start();
    },
    async stop() {
      await stack.db.end();
      await stopProcessesAndKafka();
    },
  };
  return stack;
}

/** A fingerprint of every service's migrations: names and SQL, in order. */
function migrationsFingerprint() {
  const hash = createHash('sha256');
  for (const { name } of SERVICES) {
    const dir = join(REPO_ROOT, 'apps', name, 'prisma', 'migrations');
    for (const migration of readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()) {
      hash.update(`${name}/${migration}\n`);
      hash.update(readFileSync(join(dir, migration, 'migration.sql')));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A fresh database with every service's migrations applied. Running Prisma's migrations takes
 * over a minute here (six schema engines, one after the other), so the first stack of a given
 * set of migrations applies them for real to a template database and every stack after that
 * copies the template (CREATE DATABASE ... TEMPLATE, about a second). A new or changed
 * migration changes the fingerprint, so it is always applied by Prisma before it is copied.
 */
async function createMigratedDatabase(database, env) {
  const template = `jembatan_template_${migrationsFingerprint()}`;
  const admin = new pg.Client({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  try {
    // One builder at a time (a benchmark and a test run may start together).
    await admin.query(`SELECT pg_advisory_lock(hashtext('jembatan-template'))`);
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [
      template,
    ]);
    if (rowCount === 0) {
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      await migrateAll({
        ...env,
        DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${building}`,
      });
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      // Templates of older migrations are of no further use.
      const { rows } = await admin.query(
        `SELECT datname FROM pg_database WHERE datname LIKE 'jembatan\\_template\\_%' AND datname <> $1`,
        [template],
      );
      for (const { datname } of rows)
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  } finally {
    await admin.end(); // also releases the advisory lock
  }
}
