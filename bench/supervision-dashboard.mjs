// Supervision benchmark, on a private stack: the Dinas dashboard at national scale. 10,000,000
// families in 40,000 assistants' caseloads over every real village of idn-area-data are loaded
// into supervision's read model (family_state, the base table the family cards keep), the live
// counters are built from it as the card handler would have kept them, and then:
//   - the dashboard through the gateway (HTTP -> Kafka request-reply -> supervision -> counters):
//     region stats and today's attendance, for the nation and for a city;
//   - the same stats figures with a plain GROUP BY over the base table, straight on PostgreSQL
//     (no HTTP, no Kafka: the comparison favours the GROUP BY).
// Target: p99 under 100 ms for the national and city dashboards; the ratio to the GROUP BY is
// reported. Results go to bench/results/supervision-dashboard.json.
//   BENCH_FAMILIES (10,000,000)  BENCH_ASSISTANTS (40,000)  BENCH_REQUESTS (300)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '@jembatan/infra/stack';
import { measure } from './lib/http.mjs';
import { ADMIN, loadRoster, token } from './lib/roster.mjs';
import { machine, summarise } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 10_000_000);
const ASSISTANTS = Number(process.env.BENCH_ASSISTANTS ?? 40_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const GROUP_BY_RUNS = Number(process.env.BENCH_GROUP_BY_RUNS ?? 10);
const RESULTS = join(
  dirname(fileURLToPath(import.meta.url)),
  'results',
  'supervision-dashboard.json',
);
const IN_CASELOAD = `('active', 'potential', 'candidate')`;
const YEAR = new Date().getUTCFullYear();

/**
 * Families over the assistants' kecamatan (each assistant's families in the villages of their
 * kecamatan), stages as a caseload ages: mostly active, some graduated this year.
 */
async function loadFamilies(db) {
  const villages = realVillages();
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await db.query(
    `CREATE TEMP TABLE bench_assistant AS
       SELECT (row_number() OVER (ORDER BY account_id) - 1)::int AS i, account_id::text AS id,
              region_code AS district
       FROM supervision.staff_member WHERE role = 'assistant'`,
  );
  await db.query(
    `CREATE TEMP TABLE bench_village AS
       SELECT left(code, 8) AS district, array_agg(code ORDER BY code) AS codes
       FROM unnest($1::text[]) AS code GROUP BY 1`,
    [villages],
  );
  await db.query(`ALTER TABLE supervision.family_state DROP CONSTRAINT family_state_pkey`);
  await db.query(
    `INSERT INTO supervision.family_state (kpm_id, assistant_id, village_code, stage, pkh_entry_year, as_of)
     SELECT gen_random_uuid(), a.id, v.codes[1 + (n / $2) % cardinality(v.codes)],
            (ARRAY['active', 'active', 'active', 'active', 'active', 'potential', 'candidate',
                   'graduated-self-reliant', 'graduated-natural', 'active'])[1 + (n / 7) % 10],
            (2010 + n % 16)::smallint, now()
     FROM generate_series(0, $1::int - 1) AS n
     JOIN bench_assistant a ON a.i = n % $2
     JOIN bench_village v ON v.district = a.district`,
    [FAMILIES, ASSISTANTS],
  );
  await db.query(`ALTER TABLE supervision.family_state ADD PRIMARY KEY (kpm_id)`);
}

/** The counters the family-card handler keeps, built in bulk from the same base table. */
async function buildCounters(db) {
  await db.query(
    `WITH per_village AS (
       SELECT village_code, stage, count(*)::int AS n FROM supervision.family_state GROUP BY 1, 2)
     INSERT INTO supervision.region_stage_count (region_code, stage, shard, families)
     SELECT code, stage, 0, sum(n) FROM per_village,
       LATERAL unnest(ARRAY[left(village_code, 2), left(village_code, 5), left(village_code, 8), village_code]) AS code
     GROUP BY 1, 2`,
  );
  await db.query(
    `WITH per_village AS (
       SELECT village_code, stage, count(*)::int AS n FROM supervision.family_state
       WHERE stage LIKE 'graduated-%' GROUP BY 1, 2)
     INSERT INTO supervision.region_graduation (region_code, year, kind, shard, families)
     SELECT code, $1, stage, 0, sum(n) FROM per_village,
       LATERAL unnest(ARRAY[left(village_code, 2), left(village_code, 5), left(village_code, 8), village_code]) AS code
     GROUP BY 1, 3`,
    [YEAR],
  );
  await db.query(
    `INSERT INTO supervision.assistant_region_load (assistant_id, region_code, families)
     SELECT assistant_id, code, sum(n)::int
     FROM (SELECT assistant_id, village_code, count(*)::int AS n FROM supervision.family_state
           WHERE stage IN ${IN_CASELOAD} GROUP BY 1, 2) per_village,
       LATERAL unnest(ARRAY['', left(village_code, 2), left(village_code, 5), left(village_code, 8), village_code]) AS code
     GROUP BY 1, 2`,
  );
  await db.query(
    `INSERT INTO supervision.region_caseload_assistants (region_code, assistants)
     SELECT region_code, count(*)::int FROM supervision.assistant_region_load
     WHERE families > 0 GROUP BY 1`,
  );
  await db.query(
    `INSERT INTO supervision.assistant_cohort (assistant_id, pkh_entry_year, families)
     SELECT assistant_id, pkh_entry_year, count(*) FROM supervision.family_state
     WHERE stage IN ${IN_CASELOAD} GROUP BY 1, 2`,
  );
  await db.query(`ANALYZE supervision.family_state`);
  await db.query(
    `ANALYZE supervision.region_stage_count; ANALYZE supervision.region_graduation;
     ANALYZE supervision.assistant_cohort;
     ANALYZE supervision.assistant_region_load; ANALYZE supervision.region_caseload_assistants`,
  );
  // The plain GROUP BY gets the index a prefix filter needs, so it is compared at its best.
  await db.query(
    `CREATE INDEX bench_family_state_village ON supervision.family_state (village_code text_pattern_ops)`,
  );
}

/** The stats figures of a region's children straight from the base table: the plain way. */
function groupBy(db, prefix, childLength) {
  const like = prefix ? `${prefix}.%` : '%';
  return Promise.all([
    db.query(
      `SELECT left(village_code, $2) AS region, stage, count(*)::int AS families
       FROM supervision.family_state WHERE village_code LIKE $1 GROUP BY 1, 2`,
      [like, childLength],
    ),
    db.query(
      `SELECT left(village_code, $2) AS region, count(DISTINCT assistant_id)::int AS assistants
       FROM supervision.family_state WHERE village_code LIKE $1 AND stage IN ${IN_CASELOAD} GROUP BY 1`,
      [like, childLength],
    ),
  ]);
}

async function main() {
  const stack = await startStack('bench-dashboard', 7700);
  try {
    const started = performance.now();
    await loadRoster(stack.db, ASSISTANTS);
    await loadFamilies(stack.db);
    const loadSeconds = (performance.now() - started) / 1000;
    console.warn(`${FAMILIES} families loaded in ${Math.round(loadSeconds)} s`);
    const countersStarted = performance.now();
    await buildCounters(stack.db);
    const counterSeconds = (performance.now() - countersStarted) / 1000;

    const admin = token(ADMIN, 'admin');
    const get = async (path) => {
      const r = await fetch(`${stack.gatewayUrl}${path}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const scopes = [
      ['nation', '', null, 2],
      ['city 31.75 (Jakarta Timur)', '?regionCode=31.75', '31.75', 8],
    ];
    const dashboard = {};
    const plain = {};
    for (const [name, query, prefix, childLength] of scopes) {
      dashboard[name] = {
        stats: await measure(() => get(`/api/regions/stats${query}`), {
          clients: 1,
          requests: REQUESTS,
        }),
        attendanceToday: await measure(() => get(`/api/attendance/today${query}`), {
          clients: 1,
          requests: REQUESTS,
        }),
      };
      const latencies = [];
      await groupBy(stack.db, prefix, childLength); // warm the cache as the dashboard was
      for (let i = 0; i < GROUP_BY_RUNS; i++) {
        const t0 = performance.now();
        await groupBy(stack.db, prefix, childLength);
        latencies.push(performance.now() - t0);
      }
      plain[name] = { runs: GROUP_BY_RUNS, latency: summarise(latencies) };
    }
    // The same figures both ways (the families per child region and stage).
    const nation = await get('/api/regions/stats');
    const [stages] = await groupBy(stack.db, null, 2);
    const fromCounters = nation.children.reduce((sum, p) => sum + p.families, 0);
    const fromBase = stages.rows.reduce((sum, r) => sum + r.families, 0);
    const {
      rows: [{ n: assistantsInBase }],
    } = await stack.db.query(
      `SELECT count(DISTINCT assistant_id)::int AS n FROM supervision.family_state
       WHERE stage IN ${IN_CASELOAD}`,
    );

    const ratio = (name) => Math.round(plain[name].latency.p50 / dashboard[name].stats.latency.p50);
    const result = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      families: FAMILIES,
      assistants: ASSISTANTS,
      loadSeconds: Math.round(loadSeconds),
      counterBuildSeconds: Math.round(counterSeconds),
      familiesCounted: { fromCounters, fromBaseTable: fromBase },
      assistantsWithCaseload: {
        fromCounters: nation.region.assistants,
        fromBaseTable: assistantsInBase,
      },
      dashboardThroughGateway: dashboard,
      plainGroupByOnPostgres: plain,
      groupByOverDashboardP50: Object.fromEntries(scopes.map(([name]) => [name, ratio(name)])),
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    if (fromCounters !== fromBase || fromBase !== FAMILIES) process.exitCode = 1;
    if (nation.region.assistants !== assistantsInBase) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

await main();
