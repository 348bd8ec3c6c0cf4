// Against the machine's PostgreSQL: a backend killed under a checked-out client, the way a
// server crash leaves the clients of transactions that were running.
import pg from 'pg';
import { ReclaimingPool } from './pg-pool.js';

const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: url });

beforeAll(() => admin.connect());
afterAll(() => admin.end());

/**
 * What Prisma's engine does when a transaction's connection dies: its ROLLBACK fails and it
 * never releases the client.
 */
async function abandonAfterBackendDies(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  client.on('error', () => undefined); // the adapter's listener; the crash surfaces here
  await client.query('BEGIN');
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
  await expect(client.query('ROLLBACK')).rejects.toThrow();
}

async function canStillConnect(pool: pg.Pool): Promise<boolean> {
  try {
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until the pool has taken back `count` clients. The socket's end arrives some time after
 * the failed query; a fixed pause was too short on a busy CI machine. Gives up after 5 s, so a
 * pool that never reclaims still fails the expectation that follows.
 */
async function reclaimedBy(pool: ReclaimingPool, count: number): Promise<number> {
  const deadline = Date.now() + 5_000;
  while (pool.reclaimed < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return pool.reclaimed;
}

const settings = { connectionString: url, max: 2, connectionTimeoutMillis: 1_000 };

it('a plain pool loses a client for good to each such crash (the fault this pool fixes)', async () => {
  const pool = new pg.Pool(settings);
  await abandonAfterBackendDies(pool);
  await abandonAfterBackendDies(pool);
  expect(await canStillConnect(pool)).toBe(false);
  expect(pool.totalCount).toBe(2);
  // The leaked clients are still counted and the pool cannot end while they are.
  void pool.end().catch(() => undefined);
});

it('takes back every client whose connection died, and keeps serving', async () => {
  const pool = new ReclaimingPool(settings);
  for (let crash = 0; crash < 5; crash++) await abandonAfterBackendDies(pool);
  expect(await reclaimedBy(pool, 5)).toBe(5);
  expect(await canStillConnect(pool)).toBe(true);
  expect(pool.totalCount).toBeLessThanOrEqual(1);
  await pool.end();
});

it('lets the holder release a reclaimed client without the double-release error', async () => {
  const pool = new ReclaimingPool(settings);
  const client = await pool.connect();
  client.on('error', () => undefined);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
  expect(await reclaimedBy(pool, 1)).toBe(1);
  expect(() => client.release()).not.toThrow();
  // A client released in the normal way is not counted.
  const healthy = await pool.connect();
  healthy.release();
  expect(pool.reclaimed).toBe(1);
  expect(pool.idleCount).toBe(1);
  await pool.end();
});

it('survives a crash under a client whose holder listens for nothing', async () => {
  const pool = new ReclaimingPool(settings);
  const client = await pool.connect(); // no 'error' listener of its own, unlike the others here
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
  // An unhandled 'error' event would have failed this test run; the client was taken back.
  expect(await reclaimedBy(pool, 1)).toBe(1);
  await expect(client.query('SELECT 1')).rejects.toThrow();
  expect(await canStillConnect(pool)).toBe(true);
  await pool.end();
});
