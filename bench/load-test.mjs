// The national load test (issue 10), on a private stack of the whole platform:
//   1. plans a synthetic nation (nation/plan.mjs) and loads it through the gateway as its users
//      would (nation/load.mjs);
//      then writes a year of history in SQL (nation/history.mjs);
//   2. measures the baselines at the test's rate: a bare NestJS route, the caseload list's SQL
//      on raw pg, raw kafkajs produce-to-consume (nation/baselines.mjs);
//   3. drives the day's mix (nation/workload.mjs) at a fixed arrival rate with the morning
//      check-in burst on top, sampling every service's outbox backlog and consumer lag;
//   4. steps the rate up, a minute each, to find the knee (where p99 doubles), with the CPU
//      each step used, so the cost of one more request (the slope) shows apart from what the
//      machine spends with no request at all (measured idle before the run);
//   5. closes the loop: a fixed number of callers, each sending its next request when the
//      last is answered, gives the most the deployment answers a second.
// Results: bench/results/load-test.json and a chart, bench/results/load-test.svg.
//   LOAD_FAMILIES (100,000)  LOAD_RATE (300 a second)  LOAD_SECONDS (600)
//   LOAD_BURST_SECONDS (60)  LOAD_KNEE_RATES (10,20,40,60,80)  LOAD_STEP_SECONDS (60)
//   LOAD_BASELINE_SECONDS (30)  LOAD_ACTIVE_ASSISTANTS (200)  LOAD_DETAIL_SHARE (0.05)
//   LOAD_IDLE_SECONDS (20)  LOAD_SATURATION_SECONDS (60)  LOAD_SATURATION_CALLERS (24)
//   LOAD_SEED (1)  LOAD_RESULTS (bench/results/load-test)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startStack } from '@jembatan/infra/stack';
import { lineCharts } from './lib/chart.mjs';
import { login } from './lib/http.mjs';
import { sampleBacklogs } from './lib/metrics.mjs';
import { machine } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';
import { bareNest, rawKafka, rawPg } from './nation/baselines.mjs';
import { writeHistory } from './nation/history.mjs';
import { loadNation } from './nation/load.mjs';
import { createRandom, nationPlan } from './nation/plan.mjs';
import { prepareWorkload, runClosedLoop, runWorkload } from './nation/workload.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ratio = (value, base) =>
  value === null || !base ? null : Math.round((value / base) * 10) / 10;

/** CPU seconds a process has used so far (user + system, from /proc; Linux only). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine has been busy so far (every core; /proc/stat). */
function machineBusySeconds() {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU seconds each of the stack's processes used while `work` ran, and the whole machine's
 * (PostgreSQL, Kafka and the load generator included); `machineCores`: how many cores the
 * machine kept busy on average over the wall time.
 */
async function cpuDuring(children, work) {
  const before = new Map([...children].map(([name, child]) => [name, cpuSeconds(child.pid)]));
  const machineBefore = machineBusySeconds();
  const started = performance.now();
  const result = await work();
  const wallSeconds = (performance.now() - started) / 1000;
  const machineAfter = machineBusySeconds();
  const used = Object.fromEntries(
    [...children].map(([name, child]) => {
      const now = cpuSeconds(child.pid);
      const was = before.get(name);
      return [name, now === null || was === null ? null : Math.round((now - was) * 10) / 10];
    }),
  );
  let machineCores = null;
  if (machineBefore !== null && machineAfter !== null) {
    used.machine = Math.round((machineAfter - machineBefore) * 10) / 10;
    machineCores = Math.round(((machineAfter - machineBefore) / wallSeconds) * 100) / 100;
  }
  return { result, used, machineCores };
}

/** Milliseconds of CPU per request, per process and for the machine, from CPU seconds used. */
export function msPerRequest(used, requests) {
  return Object.fromEntries(
    Object.entries(used).map(([name, seconds]) => [
      name,
      seconds === null || !requests ? null : Math.round((seconds * 1000 * 10) / requests) / 10,
    ]),
  );
}

/**
 * What one more request a second costs the machine: the least-squares slope of the cores it kept
 * busy against the rate it answered, over the steps it answered in full without running short of
 * cores (beyond that, busy cores stop rising with the rate and the slope would read low). Null
 * with fewer than two such steps.
 */
export function marginalCost(steps, cores) {
  const points = steps
    .filter((s) => s.achievedPerSecond >= 0.95 * s.rate && s.machineCores < 0.8 * cores)
    .map((s) => [s.achievedPerSecond, s.machineCores]);
  if (points.length < 2) return null;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0) / sxx;
  return {
    msPerRequest: Math.round(slope * 1000 * 10) / 10,
    /** Where the line meets no traffic: the cores the machine keeps busy regardless. */
    coresAtZero: Math.round((meanY - slope * meanX) * 100) / 100,
    steps: points.length,
  };
}

/** The database's size once loaded, in MB: in all and per service's schema (indexes included). */
async function databaseSize(db) {
  const MB = (bytes) => Math.round(Number(bytes) / 1_048_576);
  const { rows: schemas } = await db.query(
    `SELECT n.nspname AS schema, sum(pg_total_relation_size(c.oid)) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      GROUP BY 1 ORDER BY 2 DESC`,
  );
  const { rows } = await db.query(`SELECT pg_database_size(current_database()) AS bytes`);
  return {
    totalMB: MB(rows[0].bytes),
    schemas: Object.fromEntries(schemas.map((s) => [s.schema, MB(s.bytes)])),
  };
}

/** The first rate whose p99 (reads or writes) is at least twice the lowest rate's. */
export function kneeOf(steps) {
  const [first] = steps;
  if (!first) return null;
  const doubled = steps.find(
    (s) => s.reads.p99 >= 2 * first.reads.p99 || s.writes.p99 >= 2 * first.writes.p99,
  );
  return doubled ? doubled.rate : null;
}

/** Seconds from `from` until the consumer lag summed over services first reads zero. */
export function secondsUntilNoLag(samples, from) {
  const zero = samples.find((s) => s.atSeconds >= from && s.lag === 0);
  return zero ? Math.round((zero.atSeconds - from) * 10) / 10 : null;
}

export async function runLoadTest({
  families = 100_000,
  rate = 300,
  seconds = 600,
  burstSeconds = 60,
  kneeRates = [10, 20, 40, 60, 80],
  stepSeconds = 60,
  baselineSeconds = 30,
  activeAssistants = 200,
  detailShare = 0.05,
  idleSeconds = 20,
  saturationSeconds = 60,
  saturationCallers = 24,
  seed = 1,
  portBase = 8600,
  stackName = 'loadtest',
  results = join(HERE, 'results', 'load-test'),
  log = console.log,
} = {}) {
  const stack = await startStack(stackName, portBase, { rpcTimeoutMs: 30_000 });
  try {
    const plan = nationPlan({ families, seed, villages: realVillages() });
    log(`stack up; loading ${families} families of ${plan.assistants.length} assistants...`);
    const loaded = await loadNation({
      baseUrl: stack.gatewayUrl,
      adminToken: await login(stack.gatewayUrl, 'admin'),
      plan,
      detailShare,
      log,
    });
    const history = await writeHistory(stack.db, { log });
    const database = await databaseSize(stack.db);
    log(`database: ${database.totalMB} MB ${JSON.stringify(database.schemas)}`);
    const ctx = await prepareWorkload({
      baseUrl: stack.gatewayUrl,
      plan,
      loaded,
      activeAssistants,
    });
    const services = Object.fromEntries(
      [...stack.children.keys()].map((name) => [name, `http://127.0.0.1:${stack.portOf(name)}`]),
    );
    const sampler = sampleBacklogs(services);
    const loadDrained = await sampler.drained(300_000);
    log(`loaded: ${JSON.stringify(loaded.seconds)}; events drained: ${loadDrained}`);

    // What the machine spends with nothing asked of it: polling consumers, outbox relays,
    // heartbeats, the metrics sampler, PostgreSQL's background work.
    const { machineCores: idleCores } = await cpuDuring(
      stack.children,
      () => new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000)),
    );
    const idle = { seconds: idleSeconds, machineCores: idleCores };
    log(`idle: ${idle.machineCores} cores busy`);

    log('baselines...');
    const baselines = {
      bareNest: await bareNest({ rate, seconds: baselineSeconds, port: portBase + 50 }),
      rawPg: await rawPg({
        databaseUrl: stack.env.DATABASE_URL,
        assistantIds: ctx.active.map((a) => a.id),
        rate,
        seconds: baselineSeconds,
      }),
      rawKafka: await rawKafka({ brokers: stack.brokers, rate, seconds: baselineSeconds }),
    };
    log(
      JSON.stringify(Object.fromEntries(Object.entries(baselines).map(([k, v]) => [k, v.latency]))),
    );

    const random = createRandom(seed);
    log(
      `the day's mix at ${rate}/s for ${seconds} s, burst of ${burstSeconds > 0 ? ctx.everyAssistant.length : 0} check-ins...`,
    );
    const mainStarted = sampler.samples.at(-1).atSeconds;
    const {
      result: main,
      used: cpu,
      machineCores: mainCores,
    } = await cpuDuring(stack.children, () =>
      runWorkload(ctx, { rate, seconds, burstSeconds, random }),
    );
    const mainEnded = sampler.samples.at(-1).atSeconds;
    const drainedAfterRun = await sampler.drained(180_000);
    log(
      `main: reads ${JSON.stringify(main.reads)} writes ${JSON.stringify(main.writes)} errors ${main.errors}`,
    );
    log(`CPU seconds during the run: ${JSON.stringify(cpu)}`);

    const steps = [];
    for (const [i, stepRate] of kneeRates.entries()) {
      const {
        result: step,
        used,
        machineCores,
      } = await cpuDuring(stack.children, () =>
        runWorkload(ctx, { rate: stepRate, seconds: stepSeconds, round: i + 1, random }),
      );
      steps.push({
        rate: stepRate,
        achievedPerSecond: step.achievedPerSecond,
        errorRate: step.errorRate,
        reads: step.reads,
        writes: step.writes,
        machineCores,
        cpuMsPerRequest: msPerRequest(used, step.requests),
      });
      log(
        `step ${stepRate}/s: reads p99 ${step.reads.p99} writes p99 ${step.writes.p99} errors ${step.errors}, ${steps.at(-1).machineCores} cores`,
      );
      await sampler.drained(120_000);
    }

    let saturation = null;
    if (saturationSeconds > 0) {
      const {
        result: closed,
        used,
        machineCores,
      } = await cpuDuring(stack.children, () =>
        runClosedLoop(ctx, {
          concurrency: saturationCallers,
          seconds: saturationSeconds,
          round: kneeRates.length + 1,
          random,
        }),
      );
      saturation = {
        callers: saturationCallers,
        seconds: saturationSeconds,
        perSecond: closed.achievedPerSecond,
        requests: closed.requests,
        errors: closed.errors,
        reads: closed.reads,
        writes: closed.writes,
        machineCores,
        cpuMsPerRequest: msPerRequest(used, closed.requests),
      };
      log(
        `closed loop, ${saturationCallers} callers: ${closed.achievedPerSecond}/s, p99 reads ${closed.reads.p99} writes ${closed.writes.p99}, ${closed.errors} errors`,
      );
      await sampler.drained(120_000);
    }
    const backlog = await sampler.stop();

    const burstEnd = mainStarted + burstSeconds;
    const window = (from, to) => backlog.filter((s) => s.atSeconds >= from && s.atSeconds <= to);
    const duringRun = window(mainStarted, mainEnded);
    const caseloadList = main.endpoints['GET /api/kpm'];
    const summary = {
      machine: machine(),
      at: new Date().toISOString(),
      plan: {
        families,
        assistants: plan.assistants.length,
        regencies: plan.regencies.length,
        partners: plan.partners.length,
        seed,
      },
      load: {
        seconds: loaded.seconds,
        families: loaded.families,
        detailed: loaded.detailed,
        drained: loadDrained,
        history,
        database,
      },
      baselines,
      main: {
        ...main,
        /** CPU seconds per service during the run, and milliseconds of CPU per request. */
        cpu: {
          seconds: cpu,
          machineCores: mainCores,
          msPerRequest: msPerRequest(cpu, main.requests),
        },
        lag: {
          peak: Math.max(0, ...duringRun.map((s) => s.lag)),
          peakOutbox: Math.max(0, ...duringRun.map((s) => s.outbox)),
          secondsToZeroAfterBurst: burstSeconds > 0 ? secondsUntilNoLag(backlog, burstEnd) : null,
          secondsToZeroAfterRun: secondsUntilNoLag(backlog, mainEnded),
          drainedAfterRun,
        },
      },
      ratios: {
        readsToBareNest: {
          p50: ratio(main.reads.p50, baselines.bareNest.latency.p50),
          p99: ratio(main.reads.p99, baselines.bareNest.latency.p99),
        },
        caseloadListToRawPg: caseloadList && {
          p50: ratio(caseloadList.p50, baselines.rawPg.latency.p50),
          p99: ratio(caseloadList.p99, baselines.rawPg.latency.p99),
        },
        writesToRawKafka: {
          p50: ratio(main.writes.p50, baselines.rawKafka.latency.p50),
          p99: ratio(main.writes.p99, baselines.rawKafka.latency.p99),
        },
      },
      knee: { stepSeconds, steps, rate: kneeOf(steps) },
      idle,
      marginal: marginalCost(steps, machine().cpus),
      saturation,
      backlog,
    };
    mkdirSync(dirname(results), { recursive: true });
    writeFileSync(`${results}.json`, `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(`${results}.svg`, chartOf(summary, mainStarted, burstEnd, mainEnded));
    log(`written to ${results}.json and .svg`);
    return summary;
  } finally {
    await stack.stop();
  }
}

function chartOf(summary, mainStarted, burstEnd, mainEnded) {
  const { timeline } = summary.main;
  const marks = [
    { x: summary.main.burstCheckIns ? burstEnd - mainStarted : 0, label: 'burst ends' },
    { x: mainEnded - mainStarted, label: 'run ends' },
  ];
  const backlog = summary.backlog.filter((s) => s.atSeconds >= mainStarted);
  return lineCharts([
    {
      title: `Requests per 5 s at ${summary.main.rate}/s (${summary.plan.families.toLocaleString('en')} families)`,
      unit: 'req',
      series: [
        { name: 'requests', points: timeline.map((b) => [b.atSeconds, b.requests]) },
        { name: 'errors', points: timeline.map((b) => [b.atSeconds, b.errors]) },
      ],
      marks,
    },
    {
      title: 'Gateway p99 per 5 s',
      unit: 'ms',
      series: [
        { name: 'reads p99', points: timeline.map((b) => [b.atSeconds, b.readP99]) },
        { name: 'writes p99', points: timeline.map((b) => [b.atSeconds, b.writeP99]) },
      ],
      marks,
    },
    {
      title: 'Kafka consumer lag and outbox backlog (all services)',
      unit: 'msgs',
      series: [
        { name: 'consumer lag', points: backlog.map((s) => [s.atSeconds - mainStarted, s.lag]) },
        {
          name: 'outbox backlog',
          points: backlog.map((s) => [s.atSeconds - mainStarted, s.outbox]),
        },
      ],
      marks,
    },
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const number = (name, fallback) => Number(process.env[name] ?? fallback);
  await runLoadTest({
    families: number('LOAD_FAMILIES', 100_000),
    rate: number('LOAD_RATE', 300),
    seconds: number('LOAD_SECONDS', 600),
    burstSeconds: number('LOAD_BURST_SECONDS', 60),
    kneeRates: (process.env.LOAD_KNEE_RATES ?? '10,20,40,60,80')
      .split(',')
      .filter(Boolean)
      .map(Number),
    stepSeconds: number('LOAD_STEP_SECONDS', 60),
    baselineSeconds: number('LOAD_BASELINE_SECONDS', 30),
    activeAssistants: number('LOAD_ACTIVE_ASSISTANTS', 200),
    detailShare: number('LOAD_DETAIL_SHARE', 0.05),
    idleSeconds: number('LOAD_IDLE_SECONDS', 20),
    saturationSeconds: number('LOAD_SATURATION_SECONDS', 60),
    saturationCallers: number('LOAD_SATURATION_CALLERS', 24),
    seed: number('LOAD_SEED', 1),
    results: process.env.LOAD_RESULTS ?? join(HERE, 'results', 'load-test'),
  });
}
