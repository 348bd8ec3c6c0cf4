// Brings up a private copy of the whole system for a test file or a benchmark: a fresh Kafka
// broker on its own ports, a fresh database, every service and the gateway, on ports that do
// not clash with `npm start` (gateway = portBase, services = portBase+1.., Kafka = portBase+92).
// Avoid bases near ports that fetch() refuses to call (6000 is X11's, for one).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { ensureDependencies } from './dependencies.mjs';
import { startKafka, stopKafka } from './kafka.mjs';
import {
  REPO_ROOT,
  SERVICES,
  migrateAll,
  startService,
  stopProcess,
  waitForHealthy,
} from './processes.mjs';

export async function startStack(name, portBase, { logLevel = 'warn', rpcTimeoutMs = 5000 } = {}) {
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
  };
  const portOf = (service) =>
    service === 'gateway'
      ? portBase
      : portBase + (SERVICES.findIndex((s) => s.name === service) + 1);
  for (const { name: service } of SERVICES)
    env[`${service.toUpperCase()}_PORT`] = String(portOf(service));

  await ensureDependencies({ databaseUrl, redisUrl: env.REDIS_URL });
  const admin = new pg.Client({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const dataDir = join(REPO_ROOT, '.run', `kafka-stack-${name}`);
  await stopKafka({ port: kafkaPort, dataDir, kill: true });
  await startKafka({ port: kafkaPort, dataDir, fresh: true, heapMb: 384 });
  await migrateAll(env);
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
  };
  try {
    // Backend services first (they create topics and join their groups), then the gateway.
    await Promise.all(SERVICES.filter((s) => s.name !== 'gateway').map((s) => start(s.name)));
    await start('gateway');
  } catch (error) {
    await stopProcessesAndKafka(); // a half-started stack must not outlive the failure
    throw error;
  }

  const stack = {
    env,
    gatewayUrl: `http://127.0.0.1:${portBase}`,
    kafkaPort,
    brokers: [env.KAFKA_BROKERS],
    db: new pg.Pool({ connectionString: databaseUrl, max: 3 }),
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
    async stop() {
      await stack.db.end();
      await stopProcessesAndKafka();
    },
  };
  return stack;
}
