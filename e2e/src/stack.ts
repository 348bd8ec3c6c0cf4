// Brings up the real stack for a test file: a fresh Kafka broker on its own ports, a fresh
// database, every service and the gateway, on ports that do not clash with `npm start`.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies } from '@jembatan/infra/dependencies';
import { startKafka, stopKafka } from '@jembatan/infra/kafka';
import {
  REPO_ROOT,
  SERVICES,
  migrateAll,
  startService,
  stopProcess,
  waitForHealthy,
} from '@jembatan/infra/processes';
import pg from 'pg';

export interface Stack {
  env: Record<string, string>;
  gatewayUrl: string;
  kafkaPort: number;
  brokers: string[];
  db: pg.Pool;
  children: Map<string, ChildProcess>;
  portOf(service: string): number;
  start(service: string): Promise<void>;
  kill(service: string, signal?: NodeJS.Signals): Promise<void>;
  restartKafka(options?: { kill?: boolean; downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(name: string, portBase: number): Promise<Stack> {
  const kafkaPort = portBase + 92;
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/jembatan_${name}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    GATEWAY_PORT: String(portBase),
    RPC_TIMEOUT_MS: '5000',
  };
  const portOf = (service: string) =>
    service === 'gateway'
      ? portBase
      : portBase + (SERVICES.findIndex((s) => s.name === service) + 1);
  for (const { name: service } of SERVICES)
    env[`${service.toUpperCase()}_PORT`] = String(portOf(service));

  await ensureDependencies({ databaseUrl, redisUrl: env.REDIS_URL as string });
  const admin = new pg.Client({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "jembatan_${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "jembatan_${name}"`);
  await admin.end();
  const dataDir = join(REPO_ROOT, '.run', `kafka-e2e-${name}`);
  await stopKafka({ port: kafkaPort, dataDir, kill: true });
  await startKafka({ port: kafkaPort, dataDir, fresh: true, heapMb: 384 });
  await migrateAll(env);
  execFileSync(process.execPath, [join(REPO_ROOT, 'apps/gateway/dist/seed.js')], {
    env: { ...process.env, ...env },
  });

  const children = new Map<string, ChildProcess>();
  const logDir = join(REPO_ROOT, 'test-artifacts', 'logs', name);
  const start = async (service: string) => {
    const child = startService(service, { env, logDir });
    children.set(service, child);
    await waitForHealthy(`http://127.0.0.1:${portOf(service)}/health/ready`, {
      child,
      timeoutMs: 120_000,
    });
  };
  // Backend services first (they create topics and join their groups), then the gateway.
  await Promise.all(SERVICES.filter((s) => s.name !== 'gateway').map((s) => start(s.name)));
  await start('gateway');

  const stack: Stack = {
    env,
    gatewayUrl: `http://127.0.0.1:${portBase}`,
    kafkaPort,
    brokers: [env.KAFKA_BROKERS as string],
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
      await Promise.all([...children.values()].map((child) => stopProcess(child)));
      await stack.db.end();
      await stopKafka({ port: kafkaPort, dataDir });
    },
  };
  return stack;
}
