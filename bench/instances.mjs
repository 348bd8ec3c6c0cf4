// Many instances (issue 10, step 5): every service run twice, each pair in one consumer group,
// against every service once.
//   1. Same results: one fixed sequence of the day's requests (one at a time, alternating over
//      the gateways) on a deployment of one instance each and on one of two leaves the same
//      rows in every table and shows every user the same screens.
//   2. Throughput: the closed-loop rate the platform sustains with one instance of each service
//      and with two. On this 2-core machine both are run twice: free (every process anywhere),
//      and with each instance set held to a CPU of its own (taskset), as if each set had a
//      machine to itself; PostgreSQL, Kafka and Redis are shared in both.
// Results: bench/results/instances.json.
//   INSTANCES_FAMILIES (3,000)  INSTANCES_OPERATIONS (300)  INSTANCES_SECONDS (45)
//   INSTANCES_CONCURRENCY (24)  INSTANCES_SEED (1)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVICES } from '@jembatan/infra/processes';
import { instanceName, startStack } from '@jembatan/infra/stack';
import kafkajs from 'kafkajs';
import { apiClient, login } from './lib/http.mjs';
import { sampleBacklogs, sumOf } from './lib/metrics.mjs';
import { machine } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';
import { loadNation } from './nation/load.mjs';
import { createRandom, nationPlan } from './nation/plan.mjs';
import { prepareWorkload, runClosedLoop, wholeCaseload } from './nation/workload.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVICE_NAMES = SERVICES.map((s) => s.name);
const BACKEND = SERVICE_NAMES.filter((name) => name !== 'gateway');

/**
 * A private stack of `instances` of every service with `plan` loaded through its gateway and the
 * events of the load drained; the workload's context sends to every gateway in turn.
 */
async function deploy({
  name,
  portBase,
  instances,
  cpusOfInstance,
  plan,
  activeAssistants,
  detailShare = 0.1,
}) {
  const stack = await startStack(name, portBase, {
    instances,
    cpusOfInstance,
    rpcTimeoutMs: 30_000,
  });
  try {
    const loaded = await loadNation({
      baseUrl: stack.gatewayUrl,
      adminToken: await login(stack.gatewayUrl, 'admin'),
      plan,
      detailShare,
    });
    const ctx = await prepareWorkload({
      baseUrl: stack.gatewayUrl,
      plan,
      loaded,
      activeAssistants,
    });
    ctx.baseUrls = stack.gatewayUrls;
    // Outbox backlog and consumer lag are the group's and the schema's, not an instance's: the
    // first instance of each service reports them.
    const sampler = sampleBacklogs(
      Object.fromEntries(SERVICE_NAMES.map((s) => [s, `http://127.0.0.1:${stack.portOf(s)}`])),
    );
    if (!(await sampler.drained(120_000))) throw new Error(`${name}: the load never drained`);
    return { stack, ctx, sampler };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** Commands and events each instance of each service handled so far (from its /metrics). */
async function workPerInstance(stack, instances) {
  const handled = {};
  for (const service of SERVICE_NAMES)
    for (let instance = 1; instance <= instances; instance++) {
      const text = await (
        await fetch(`http://127.0.0.1:${stack.portOf(service, instance)}/metrics`)
      ).text();
      const count = (metric) => sumOf(text, metric);
      handled[instanceName(service, instance)] =
        service === 'gateway'
          ? { requests: count('jembatan_http_request_duration_seconds_count') }
          : {
              commands: count('jembatan_command_duration_seconds_count'),
              events: count('jembatan_events_consumed_total'),
            };
    }
  return handled;
}

/** Each service's consumer group: how many members hold partitions of its topics. */
async function groupMembers(stack) {
  const admin = new kafkajs.Kafka({
    clientId: 'instances-bench',
    brokers: stack.brokers,
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([...BACKEND, 'gateway-replies']);
    return Object.fromEntries(
      groups.map((g) => [g.groupId, g.members.filter((m) => m.memberAssignment.length > 0).length]),
    );
  } finally {
    await admin.disconnect();
  }
}

/** Ids, times and tokens differ between two deployments by nature: what is left is compared. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
export function comparable(value) {
  if (Array.isArray(value))
    return value
      .map(comparable)
      .map((v) => [JSON.stringify(v), v])
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, v]) => v);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/(^id$|Id$|Ids$|At$|^nextCursor$|[Tt]oken$)/.test(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, v]) => [key, comparable(v)]),
    );
  if (typeof value === 'string' && (UUID.test(value) || TIME.test(value))) return '·';
  return value;
}

/**
 * Lines on the gateway's audit trail, once every gateway has written what it holds: each
 * writes its lines in batches 200 ms apart, so the count is read until it holds for 600 ms.
 */
async function auditLines(stack) {
  const count = async () =>
    (await stack.db.query(`SELECT count(*)::int AS n FROM gateway.audit_event`)).rows[0].n;
  let last = await count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const now = await count();
    if (now === last) return now;
    last = now;
  }
}

/**
 * How many rows a table holds. A table sharded by the Kafka partition an event came on (its
 * primary key ends in `shard`; supervision's region counters) holds a row per key and shard,
 * and which partition a family's events take follows its random id: for those, the keys and the
 * sum of each counter, which do not depend on it.
 */
async function rowsOf(db, table) {
  const { rows: key } = await db.query(
    `SELECT a.attname AS name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary`,
    [table],
  );
  if (!key.some((column) => column.name === 'shard'))
    return (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  const [schema, name] = table.split('.');
  const { rows: counters } = await db.query(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = $2 AND data_type IN ('integer', 'bigint')
        AND column_name <> ALL($3)`,
    [schema, name, key.map((column) => column.name)],
  );
  const keys = key.map((column) => column.name).filter((column) => column !== 'shard');
  const sums = counters.map((c) => `sum(${c.name})::bigint::text AS ${c.name}`);
  const { rows } = await db.query(
    `SELECT count(DISTINCT (${keys.join(', ')}))::int AS keys${sums.map((sum) => `, ${sum}`).join('')}
       FROM ${table}`,
  );
  return rows[0];
}

/**
 * What a deployment holds after a run: the rows in each service's tables, and the screens its
 * users see (every active assistant's caseload, each coordinator's and Dinas office's dashboard
 * and attendance, each tutor's referrals), with ids and times taken out. The audit trail is
 * compared apart (by the run's own lines): loading polls and retries as long as it takes.
 */
export async function snapshotOf(stack, ctx) {
  const { rows } = await stack.db.query(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('_prisma_migrations', 'region_ref', 'audit_event')
      ORDER BY 1`,
    [SERVICE_NAMES],
  );
  const tables = {};
  for (const { name } of rows) tables[name] = await rowsOf(stack.db, name);
  const read = (who, path) => apiClient(stack.gatewayUrl, who.token).send('GET', path);
  const screens = {};
  for (const a of ctx.active)
    screens[`caseload of ${a.username}`] = comparable(
      await wholeCaseload(apiClient(stack.gatewayUrl, a.token)),
    );
  for (const who of [...ctx.coordinators, ...ctx.dinas])
    screens[`dashboard of ${who.username}`] = comparable(
      await read(who, `/api/regions/stats?regionCode=${who.regionCode}`),
    );
  for (const who of ctx.coordinators)
    screens[`attendance seen by ${who.username}`] = comparable(
      await read(who, `/api/attendance/today?regionCode=${who.regionCode}`),
    );
  // A regency's business tutor (ids differ between deployments; regencies do not).
  const tutors = new Map(
    ctx.active.filter((a) => a.tutoring).map((a) => [a.regionCode.slice(0, 5), a.tutoring]),
  );
  for (const [regency, tutor] of tutors)
    screens[`referrals of the tutor of ${regency}`] = comparable(
      (await read(tutor, '/api/referrals')).items ?? [],
    );
  return { tables, screens };
}

/**
 * Runs the same `operations` of the mix, one at a time, on a deployment of each size in
 * `instanceCounts`; returns, per size, what it holds afterwards and who did the work.
 */
export async function sameResults({
  families = 600,
  operations = 120,
  seed = 1,
  instanceCounts = [1, 2],
  portBase = 8800,
  log = () => undefined,
}) {
  const plan = nationPlan({ families, seed, villages: realVillages() });
  const runs = [];
  for (const [i, instances] of instanceCounts.entries()) {
    const { stack, ctx, sampler } = await deploy({
      name: `instances${i}`,
      portBase,
      instances,
      plan,
      activeAssistants: 8,
    });
    try {
      const before = await workPerInstance(stack, instances);
      const auditedBefore = await auditLines(stack);
      const run = await runClosedLoop(ctx, { operations, random: createRandom(seed) });
      const drained = await sampler.drained(120_000);
      const after = await workPerInstance(stack, instances);
      const audited = (await auditLines(stack)) - auditedBefore;
      const handled = Object.fromEntries(
        Object.entries(after).map(([name, counts]) => [
          name,
          Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n - before[name][k]])),
        ]),
      );
      runs.push({
        instances,
        run,
        drained,
        groups: await groupMembers(stack),
        handled,
        snapshot: { ...(await snapshotOf(stack, ctx)), audited },
      });
      log(`${instances} instance(s): ${run.requests} requests, ${run.errors} errors`);
    } finally {
      await sampler.stop();
      await stack.stop();
    }
  }
  return runs;
}

/**
 * The closed-loop rate of the mix with one instance of every service and with two, each for
 * `seconds` with `concurrency` callers; `pinned` holds instance n's processes to CPU n-1.
 */
export async function throughput({
  families = 3_000,
  seconds = 45,
  concurrency = 24,
  seed = 1,
  pinned = false,
  instanceCounts = [1, 2],
  detailShare = 0.1,
  portBase = 8800,
  log = () => undefined,
}) {
  const plan = nationPlan({ families, seed, villages: realVillages() });
  const results = [];
  for (const instances of instanceCounts) {
    const { stack, ctx, sampler } = await deploy({
      name: `throughput${instances}`,
      portBase,
      instances,
      cpusOfInstance: pinned ? (instance) => String(instance - 1) : undefined,
      plan,
      activeAssistants: 40,
      detailShare,
    });
    try {
      // A short warm-up (JIT, connection pools, caches) before the measured run.
      await runClosedLoop(ctx, { concurrency, seconds: 10, random: createRandom(seed + 1) });
      const run = await runClosedLoop(ctx, {
        concurrency,
        seconds,
        round: 1,
        random: createRandom(seed),
      });
      const drained = await sampler.drained(120_000);
      results.push({
        instances,
        pinned,
        perSecond: run.achievedPerSecond,
        requests: run.requests,
        errors: run.errors,
        // What the errors were: under many callers at once, some are the platform's conflict
        // answers (409: a family referred to an offer it was just referred to), not failures.
        refused: Object.fromEntries(
          Object.entries(run.endpoints)
            .map(([endpoint, { statuses }]) => [
              endpoint,
              Object.fromEntries(Object.entries(statuses).filter(([status]) => !/^2/.test(status))),
            ])
            .filter(([, statuses]) => Object.keys(statuses).length > 0),
        ),
        reads: run.reads,
        writes: run.writes,
        drained,
      });
      log(
        `${instances} instance(s)${pinned ? ', one CPU each' : ''}: ${run.achievedPerSecond}/s, p99 reads ${run.reads.p99} ms, writes ${run.writes.p99} ms, ${run.errors} errors`,
      );
    } finally {
      await sampler.stop();
      await stack.stop();
    }
  }
  return results;
}

async function main() {
  const env = (name, fallback) => Number(process.env[name] ?? fallback);
  const families = env('INSTANCES_FAMILIES', 3_000);
  const seed = env('INSTANCES_SEED', 1);
  const runs = await sameResults({
    families: Math.min(families, 2_000),
    operations: env('INSTANCES_OPERATIONS', 300),
    seed,
    log: console.log,
  });
  const [one, two] = runs.map((r) => r.snapshot);
  const differences = [
    ...Object.keys(one.tables).filter(
      (t) => JSON.stringify(one.tables[t]) !== JSON.stringify(two.tables[t]),
    ),
    ...Object.keys(one.screens).filter(
      (k) => JSON.stringify(one.screens[k]) !== JSON.stringify(two.screens[k]),
    ),
    ...(one.audited === two.audited ? [] : ['audit lines of the run']),
  ];
  console.log(`same results: ${differences.length === 0 ? 'yes' : differences.join(', ')}`);
  const options = {
    families,
    seed,
    seconds: env('INSTANCES_SECONDS', 45),
    concurrency: env('INSTANCES_CONCURRENCY', 24),
    log: console.log,
  };
  const free = await throughput({ ...options, pinned: false });
  const pinned = await throughput({ ...options, pinned: true });
  const results = join(HERE, 'results', 'instances.json');
  mkdirSync(dirname(results), { recursive: true });
  writeFileSync(
    results,
    `${JSON.stringify(
      {
        machine: machine(),
        at: new Date().toISOString(),
        sameResults: {
          differences,
          runs: runs.map(({ snapshot, run, ...rest }) => ({
            ...rest,
            requests: run.requests,
            errors: run.errors,
            tables: Object.keys(snapshot.tables).length,
            screens: Object.keys(snapshot.screens).length,
          })),
        },
        throughput: { ...options, log: undefined, free, pinned },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written to ${results}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
