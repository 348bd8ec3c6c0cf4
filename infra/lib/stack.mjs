// Brings up a private copy of the whole system for a test file or a benchmark: a fresh Kafka
// broker on its own ports, a fresh database, every service and the gateway, on ports that do
// not clash with `npm start` (gateway = portBase, services = portBase+1.., Kafka = portBase+92).
// Avoid bases near ports that fetch() refuses to call (6000 is X11's, for one).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

const execFileAsync = promisify(execFile);

export async function startStack(
  name,
  portBase,
  {
    logLevel = 'warn',
    rpcTimeoutMs = 5000,
    rateLimitPerMinute = 1_000_000,
    privatePostgresPort = undefined,
    instances = 1,
    cpusOfInstance = undefined,
  } = {},
) {
  if (!Number.isInteger(instances) || instances < 1 || instances > 8)
    throw new Error(`instances must be 1 to 8, not ${instances}`);
  const kafkaPort = portBase + 92;
  const database = `jembatan_${name}`;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${database}`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: logLevel,
    DATABASE_URL: databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    // Stacks run side by side (two test suites at a time) on the machine's one Redis.
    REDIS_KEY_PREFIX: `stack-${name}:`,
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    GATEWAY_PORT: String(portBase),
    RPC_TIMEOUT_MS: String(rpcTimeoutMs),
    // Suites and benchmarks drive thousands of requests a minute from one address and account.
    RATE_LIMIT_PER_IP_PER_MINUTE: String(rateLimitPerMinute),
    RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: String(rateLimitPerMinute),
    // Suites and benchmarks hold one sign-in for their whole run, which may pass 15 minutes.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  };
  // Instance n of every service sits 10 ports above instance n-1: the gateway on portBase+10(n-1),
  // the services on the ports after it.
  const portOf = (service, instance = 1) =>
    portBase +
    10 * (instance - 1) +
    (service === 'gateway' ? 0 : SERVICES.findIndex((s) => s.name === service) + 1);
  const portsOf = (instance) =>
    Object.fromEntries(
      SERVICES.map(({ name: service }) => [
        `${service.toUpperCase()}_PORT`,
        String(portOf(service, instance)),
      ]),
    );
  Object.assign(env, portsOf(1));

  await ensureDependencies({ databaseUrl, redisUrl: env.REDIS_URL });
  // The broker boots (a JVM, seconds) while the database is copied and seeded.
  const dataDir = join(REPO_ROOT, '.run', `kafka-stack-${name}`);
  const kafkaStarted = stopKafka({ port: kafkaPort, dataDir, kill: true }).then(() =>
    startKafka({ port: kafkaPort, dataDir, fresh: true, heapMb: 384 }),
  );
  let postgres;
  try {
    await createMigratedDatabase(database, env);
    // Fault tests crash PostgreSQL: they get a server of their own with a copy of the database.
    if (privatePostgresPort) {
      postgres = await startPrivatePostgres({ name, port: privatePostgresPort });
      const admin = new pg.Client({ connectionString: postgres.url('postgres') });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      copyDatabase(databaseUrl, postgres.url(database));
      env.DATABASE_URL = postgres.url(database);
    }
    await execFileAsync(process.execPath, [join(REPO_ROOT, 'apps/gateway/dist/seed.js')], {
      env: { ...process.env, ...env },
    });
    await kafkaStarted;
  } catch (error) {
    await kafkaStarted.catch(() => undefined);
    await stopKafka({ port: kafkaPort, dataDir, kill: true });
    await postgres?.stop();
    throw error;
  }

  const children = new Map();
  const logDir = join(REPO_ROOT, 'test-artifacts', 'logs', name);
  // Each instance's gateway reaches its own instances' HTTP ports (file uploads stream there);
  // every instance of a service joins the service's one consumer group.
  const start = async (service, instance = 1) => {
    const child = startService(service, {
      env: { ...env, ...portsOf(instance) },
      logDir,
      logName: instanceName(service, instance),
      cpus: cpusOfInstance?.(instance),
    });
    children.set(instanceName(service, instance), child);
    await waitForHealthy(`http://127.0.0.1:${portOf(service, instance)}/health/ready`, {
      child,
      timeoutMs: 120_000,
    });
  };
  const everyInstance = (services) =>
    services.flatMap(({ name: service }) =>
      Array.from({ length: instances }, (_, i) => start(service, i + 1)),
    );
  // The stack's broker and database are thrown away with it, so nothing is gained by a graceful
  // shutdown (a service's takes up to 5 s, the consumer waiting out its fetch). Graceful SIGTERM
  // has tests of its own (faults, supervision). A profiled process (--cpu-prof) writes its
  // profile only when it exits of itself, so it gets the grace.
  const graceMs = (process.env.JEMBATAN_NODE_ARGS ?? '').includes('--cpu-prof') ? 15_000 : 0;
  const stopProcessesAndKafka = async () => {
    await Promise.all([...children.values()].map((child) => stopProcess(child, graceMs)));
    await stopKafka({ port: kafkaPort, dataDir, kill: true });
    await postgres?.stop();
  };
  try {
    // Backend services first (they create topics and join their groups), then the gateway.
    await Promise.all(everyInstance(SERVICES.filter((s) => s.name !== 'gateway')));
    await Promise.all(everyInstance(SERVICES.filter((s) => s.name === 'gateway')));
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
    gatewayUrls: Array.from(
      { length: instances },
      (_, i) => `http://127.0.0.1:${portOf('gateway', i + 1)}`,
    ),
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

/** A child's name in the stack: `caseload` for the first instance, `caseload-2` for the second. */
export const instanceName = (service, instance = 1) =>
  instance === 1 ? service : `${service}-${instance}`;

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
