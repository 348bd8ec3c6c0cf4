// PostgreSQL and Redis are the machine's own. Check them and start them when they are stopped.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function postgresAnswers(url) {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  maintenance.search = '';
  const client = new pg.Client({
    connectionString: maintenance.toString(),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function tryStartPostgres() {
  if (!existsSync('/etc/postgresql')) return false;
  const [version] = readdirSync('/etc/postgresql');
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: 'ignore' });
  return true;
}

function tryStartRedis() {
  execSync(
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /tmp',
    { stdio: 'ignore' },
  );
  return true;
}

async function ensure(name, answers, start) {
  if (await answers()) return;
  try {
    start();
  } catch (error) {
    throw new Error(
      `${name} is not answering and could not be started: ${error.message.split('\n')[0]}`,
      { cause: error },
    );
  }
  for (let i = 0; i < 50; i++) {
    if (await answers()) return;
    await sleep(200);
  }
  throw new Error(`${name} was started but does not answer`);
}

/** Throws one line naming what is down when PostgreSQL or Redis cannot be reached or started. */
export async function ensureDependencies({ databaseUrl, redisUrl }) {
  await ensure(
    'PostgreSQL at ' + new URL(databaseUrl).host,
    () => postgresAnswers(databaseUrl),
    tryStartPostgres,
  );
  await ensure('Redis at ' + new URL(redisUrl).host, () => redisAnswers(redisUrl), tryStartRedis);
}

/** Creates the database in the URL if missing. */
export async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  maintenance.search = '';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
