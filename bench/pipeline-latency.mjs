// Pipeline latency benchmark. On a private stack (own Kafka broker and database, every service
// running from its build), it measures at a fixed rate, in one run and on one broker:
//   1. raw kafkajs produce -> consume latency (the floor any Kafka pipeline stands on);
//   2. Jembatan's pipeline: caseload commits a registration with its outbox row, the relay
//      publishes it, supervision applies it to the per-region read model;
//   3. the command path the portal uses (request-reply into caseload, then the same pipeline)
//      at a lower rate, since one caseload instance is CPU-bound well below 500 commands/s.
//
//   BENCH_RATE (events/s, 500)  BENCH_SECONDS (60)  BENCH_WARMUP_SECONDS (5)
//   BENCH_COMMAND_RATE (commands/s, 100)
// Results go to bench/results/pipeline-latency-<rate>eps.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutboxWriter, ServiceRpcClient, createKafka } from '@jembatan/messaging';
import pg from 'pg';
import { syntheticNik } from '@jembatan/infra/fixtures';
import { kafkaVersion } from '@jembatan/infra/kafka';
import { startStack } from '@jembatan/infra/stack';
import { machine, summarise } from './lib/stats.mjs';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const COMMAND_RATE = Number(process.env.BENCH_COMMAND_RATE ?? 100);
const RESULTS = join(
  dirname(fileURLToPath(import.meta.url)),
  'results',
  `pipeline-latency-${RATE}eps.json`,
);

const ASSISTANT = {
  userId: '00000000-0000-4000-8000-000000000004', // pendamping.matraman (demo account)
  role: 'assistant',
  regionCode: '31.75.01',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();

/** Calls `fire(i)` for i = 0..rate*seconds-1 on schedule; returns the rate actually achieved. */
async function paced(rate, seconds, fire) {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    while (sent < due) fire(sent++);
    await sleep(1);
  }
  return total / ((performance.now() - started) / 1000);
}

async function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function measureRawKafka(brokers) {
  const topic = 'jembatan.bench.raw';
  const kafka = createKafka('bench-raw', brokers);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });
  await admin.disconnect();

  const latencies = [];
  let warm = 0;
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { sentAt, measured } = JSON.parse(String(message.value));
      if (measured) latencies.push(now() - sentAt);
      else warm += 1;
    },
  });
  await joined;
  // kafkajs defaults (acks from all in-sync replicas), one send per message: the plain floor.
  const producer = kafka.producer();
  await producer.connect();
  let failures = 0;
  const send = (measured) =>
    producer
      .send({
        topic,
        messages: [{ key: randomUUID(), value: JSON.stringify({ sentAt: now(), measured }) }],
      })
      .catch(() => void (failures += 1));

  await paced(RATE, WARMUP_SECONDS, () => send(false));
  await waitFor(() => warm >= RATE * WARMUP_SECONDS - failures, 60_000, 'raw warm-up');
  const achievedRate = await paced(RATE, SECONDS, () => send(true));
  const expected = Math.round(RATE * SECONDS);
  await waitFor(() => latencies.length + failures >= expected, 120_000, 'raw messages');
  await producer.disconnect();
  await consumer.disconnect();
  return { achievedRate: Math.round(achievedRate), failures, latency: summarise(latencies) };
}

/** supervision's applying transaction minus caseload's writing transaction, per event. */
async function pipelineLatencies(db, afterOutboxId) {
  // Both timestamps come from PostgreSQL's clock: the caseload transaction that wrote the family
  // with its outbox row, the relay's publish, supervision's applying transaction.
  const { rows } = await db.query(
    `SELECT extract(epoch FROM p.processed_at - o.created_at) * 1000 AS total,
            extract(epoch FROM o.published_at - o.created_at) * 1000 AS relay,
            extract(epoch FROM p.processed_at - o.published_at) * 1000 AS consume
       FROM supervision.processed_event p JOIN caseload.outbox_event o ON o.event_id = p.event_id
      WHERE o.id > $1`,
    [afterOutboxId],
  );
  return {
    latency: summarise(rows.map((row) => Number(row.total))),
    stages: {
      outboxToKafka: summarise(rows.map((row) => Number(row.relay))),
      kafkaToReadModel: summarise(rows.map((row) => Number(row.consume))),
    },
  };
}

const lastOutboxId = async (db) =>
  (await db.query(`SELECT coalesce(max(id), 0) AS id FROM caseload.outbox_event`)).rows[0].id;
const appliedAfter = async (db, outboxId) =>
  Number(
    (
      await db.query(
        `SELECT count(*) AS n FROM supervision.processed_event p
           JOIN caseload.outbox_event o ON o.event_id = p.event_id WHERE o.id > $1`,
        [outboxId],
      )
    ).rows[0].n,
  );

/** Waits until supervision has applied `expected` events written after `outboxId`. */
const waitUntilApplied = (db, outboxId, expected, what) =>
  waitFor(async () => (await appliedAfter(db, outboxId)) >= expected, 180_000, what);

let familyNumber = 0;
const nextFamily = () => {
  const n = familyNumber++;
  return {
    headName: `Keluarga Uji ${n}`,
    nik: syntheticNik('31.75.01', n),
    villageCode: '31.75.01.1001',
    address: 'Jl. Pisangan Baru No. 1',
    pkhEntryYear: 2018,
  };
};

/**
 * The event pipeline alone, at RATE state changes per second: each is the transaction caseload
 * runs for a registration (family row, audit row, outbox event through @jembatan/messaging's
 * OutboxWriter, which NOTIFYs the relay at commit). The running caseload's relay publishes
 * them; the running supervision applies them.
 */
async function measureEventPipeline(stack) {
  const pool = new pg.Pool({
    connectionString: stack.env.DATABASE_URL,
    options: '-c search_path=caseload',
    max: 8,
  });
  const outbox = new OutboxWriter('caseload', 'caseload');
  let failures = 0;
  const registerDirectly = async () => {
    const family = nextFamily();
    const id = randomUUID();
    const client = await pool.connect();
    const tx = {
      $executeRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rowCount,
      $queryRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rows,
    };
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO kpm (id, head_name, nik, village_code, address, pkh_entry_year, assistant_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING registered_at`,
        [
          id,
          family.headName,
          family.nik,
          family.villageCode,
          family.address,
          family.pkhEntryYear,
          ASSISTANT.userId,
        ],
      );
      await client.query(
        `INSERT INTO kpm_audit (kpm_id, action, reason, actor_id, actor_role, correlation_id)
         VALUES ($1, 'registered', 'benchmark load', $2, $3, $4)`,
        [id, ASSISTANT.userId, ASSISTANT.role, randomUUID()],
      );
      await outbox.append(
        tx,
        {
          type: 'kpm.registered',
          version: 1,
          aggregateId: id,
          payload: {
            kpmId: id,
            assistantId: ASSISTANT.userId,
            villageCode: family.villageCode,
            pkhEntryYear: family.pkhEntryYear,
            registeredAt: rows[0].registered_at.toISOString(),
          },
        },
        { actor: ASSISTANT, correlationId: randomUUID() },
      );
      await client.query('COMMIT');
    } catch (error) {
      failures += 1;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const run = async (seconds) => {
    const writes = [];
    const achievedRate = await paced(RATE, seconds, () =>
      writes.push(registerDirectly().catch(() => undefined)),
    );
    await Promise.all(writes);
    return achievedRate;
  };

  const warmFrom = await lastOutboxId(stack.db);
  await run(WARMUP_SECONDS);
  await waitUntilApplied(stack.db, warmFrom, RATE * WARMUP_SECONDS - failures, 'pipeline warm-up');
  const mark = await lastOutboxId(stack.db);
  failures = 0;
  const achievedRate = await run(SECONDS);
  const expected = Math.round(RATE * SECONDS) - failures;
  await waitUntilApplied(stack.db, mark, expected, 'pipeline events');
  await pool.end();
  return {
    achievedRate: Math.round(achievedRate),
    failures,
    ...(await pipelineLatencies(stack.db, mark)),
  };
}

/**
 * The command path the portal uses, at COMMAND_RATE: `caseload.kpm.register` over Kafka
 * request-reply as the gateway sends it, then the same pipeline into supervision.
 */
async function measureCommandPath(stack) {
  const rpc = new ServiceRpcClient(stack.brokers, 30_000);
  await rpc.connect();
  const roundTrips = [];
  let failures = 0;
  let lastFailure;
  const register = (measured) => {
    const n = familyNumber;
    const started = now();
    return rpc
      .call('caseload.kpm.register', nextFamily(), {
        actor: ASSISTANT,
        correlationId: randomUUID(),
        idempotencyKey: `bench-${n}`,
      })
      .then(
        () => measured && roundTrips.push(now() - started),
        (error) => {
          failures += 1;
          lastFailure = error.message;
        },
      );
  };
  const run = async (seconds, measured) => {
    const calls = [];
    const achievedRate = await paced(COMMAND_RATE, seconds, () => calls.push(register(measured)));
    await Promise.all(calls);
    return achievedRate;
  };

  await run(WARMUP_SECONDS, false);
  const mark = await lastOutboxId(stack.db);
  failures = 0;
  const started = performance.now();
  const achievedRate = await run(SECONDS, true);
  const elapsed = (performance.now() - started) / 1000;
  const expected = Math.round(COMMAND_RATE * SECONDS) - failures;
  await waitUntilApplied(stack.db, mark, expected, 'command events');
  await rpc.close();
  return {
    rate: COMMAND_RATE,
    achievedRate: Math.round(achievedRate),
    committedPerSecond: Math.round(expected / elapsed),
    failures,
    ...(lastFailure ? { lastFailure } : {}),
    roundTrip: summarise(roundTrips),
    ...(await pipelineLatencies(stack.db, mark)),
  };
}

const stack = await startStack('bench', 7000);
try {
  console.log(`stack up; ${RATE} events/s for ${SECONDS} s (+${WARMUP_SECONDS} s warm-up) each`);
  const raw = await measureRawKafka(stack.brokers);
  console.log(`raw kafkajs: ${JSON.stringify(raw.latency)}`);
  const pipeline = await measureEventPipeline(stack);
  console.log(`pipeline:    ${JSON.stringify(pipeline.latency)}`);
  const commands = await measureCommandPath(stack);
  console.log(`commands at ${COMMAND_RATE}/s: round trip ${JSON.stringify(commands.roundTrip)}`);
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { ...machine(), kafka: kafkaVersion() },
    rate: RATE,
    seconds: SECONDS,
    rawKafka: raw,
    pipeline,
    ratio: {
      p50: Math.round((pipeline.latency.p50 / raw.latency.p50) * 10) / 10,
      p95: Math.round((pipeline.latency.p95 / raw.latency.p95) * 10) / 10,
      p99: Math.round((pipeline.latency.p99 / raw.latency.p99) * 10) / 10,
    },
    targetP99Ms: 250,
    metTarget: pipeline.latency.p99 < 250,
    commandPath: commands,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`ratio pipeline/raw: ${JSON.stringify(results.ratio)}; written to ${RESULTS}`);
} finally {
  await stack.stop();
}
