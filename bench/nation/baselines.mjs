// Baselines measured in the same run as the load test, on the same machine, at the same arrival
// rate: what a bare NestJS route, the caseload list's SQL on a raw pg pool, and a raw kafkajs
// produce-to-consume cost here. The load test reports Jembatan's figures as ratios to them, so
// a number means something on a noisy machine.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKafka } from '@jembatan/messaging';
import pg from 'pg';
import { evenly, openLoop } from '../lib/open-loop.mjs';
import { summarise } from '../lib/stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const wall = () => performance.timeOrigin + performance.now();

/** Latencies of `work()` fired at `rate` a second for `seconds` (open loop, from when due). */
async function timed(rate, seconds, work) {
  const ms = [];
  let failures = 0;
  const run = await openLoop(evenly(rate, seconds), async (_, due) => {
    try {
      await work();
      ms.push(performance.now() - due);
    } catch {
      failures++;
    }
  });
  return { rate, failures: failures + run.dropped, latency: summarise(ms) };
}

/** GET /ping on a NestJS app with the gateway's HTTP adapter and nothing behind it. */
export async function bareNest({ rate, seconds, port }) {
  const child = fork(join(HERE, '..', 'baselines', 'bare-nest.mjs'), [String(port)], {
    stdio: 'ignore',
  });
  try {
    await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`bare NestJS exited with ${code}`)));
    });
    const ping = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/ping`);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(String(response.status));
    };
    for (let i = 0; i < 200; i++) await ping(); // warm-up: JIT and sockets
    return await timed(rate, seconds, ping);
  } finally {
    child.kill();
  }
}

/**
 * The caseload list's two statements (first page of 50 by name, and the count) for a random
 * one of `assistantIds`, on a pool of 10: what the caseload service asks PostgreSQL per list.
 */
export async function rawPg({ databaseUrl, assistantIds, rate, seconds }) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    const list = async () => {
      const assistantId = assistantIds[Math.floor(Math.random() * assistantIds.length)];
      await Promise.all([
        pool.query(
          `SELECT k.id, k.head_name, k.nik, k.village_code, k.pkh_entry_year, k.assistant_id, k.stage,
                  k.readiness_score, k.ready, k.zero_balance, k.card_misheld, k.missed_stage,
                  k.non_compliant, k.group_id, g.name AS group_name, g.leader_kpm_id
           FROM caseload.kpm k LEFT JOIN caseload.kpm_group g ON g.id = k.group_id
           WHERE k.assistant_id = $1 ORDER BY k.head_name, k.id LIMIT 51`,
          [assistantId],
        ),
        pool.query(`SELECT count(*) AS total FROM caseload.kpm k WHERE k.assistant_id = $1`, [
          assistantId,
        ]),
      ]);
    };
    for (let i = 0; i < 200; i++) await list();
    return await timed(rate, seconds, list);
  } finally {
    await pool.end();
  }
}

/** kafkajs with its defaults, one send per message, to a consumer in this process. */
export async function rawKafka({ brokers, rate, seconds }) {
  const topic = 'jembatan.bench.baseline';
  const kafka = createKafka('bench-baseline', brokers);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });
  await admin.disconnect();
  const arrived = new Map();
  const consumer = kafka.consumer({ groupId: `bench-baseline-${randomUUID()}` });
  await consumer.connect();
  // From the beginning: a new group starting at "latest" fixes that offset only on its first
  // fetch, which may come after the first send (that message was then never seen: 'lost').
  // Messages of an earlier run carry keys nobody waits for and are passed over.
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = String(message.key);
      arrived.get(id)?.();
    },
  });
  await joined;
  const producer = kafka.producer();
  await producer.connect();
  try {
    // Latency counts until the consumer has the message, not only until the broker has it.
    const roundTrip = async () => {
      const id = randomUUID();
      const received = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('lost')), 30_000);
        arrived.set(id, () => {
          clearTimeout(timer);
          arrived.delete(id);
          resolve();
        });
      });
      await producer.send({ topic, messages: [{ key: id, value: String(wall()) }] });
      await received;
    };
    for (let i = 0; i < 100; i++) await roundTrip();
    return await timed(rate, seconds, roundTrip);
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
  }
}
