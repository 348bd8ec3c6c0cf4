// Caseload list benchmark. On a private stack, it loads 1,000,000 families (and their heads as
// household members) into caseload's tables, 300 of them in the demo assistant's caseload,
// spread over real villages from idn-area-data, then measures through the gateway (HTTP ->
// Kafka request-reply -> caseload -> PostgreSQL and back) what the portal asks most:
//   - an assistant's caseload list (first page of 50, the whole 300 in pages of 200, a name
//     search, a flag filter), sequentially and with 8 concurrent clients;
//   - a coordinator's first page over a regency (informational: no target was set for it).
//
//   BENCH_FAMILIES (1,000,000)  BENCH_REQUESTS (1,000 per scenario)
// Results go to bench/results/caseload-list.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_NAMES, LAST_NAMES } from '@jembatan/infra/fixtures';
import { startStack } from '@jembatan/infra/stack';
import { login, measure } from './lib/http.mjs';
import { machine } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const CASELOAD = 300;
const ASSISTANT_ID = '00000000-0000-4000-8000-000000000004'; // pendamping.matraman
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results', 'caseload-list.json');

/**
 * Loads the families with set-based SQL (the CSV import is its own benchmark). Secondary
 * indexes are dropped first and rebuilt after, as a bulk load would, and recreated from their
 * own definitions so the schema ends exactly as the migrations left it.
 */
async function seed(db) {
  const villages = realVillages();
  const matraman = villages.filter((code) => code.startsWith('31.75.01.'));
  const started = performance.now();
  const { rows: indexes } = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = 'caseload' AND tablename IN ('kpm', 'kpm_member') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const { indexname } of indexes) await db.query(`DROP INDEX caseload."${indexname}"`);
  await db.query(
    `WITH families AS (
       INSERT INTO caseload.kpm (id, head_name, nik, village_code, address, pkh_entry_year, assistant_id,
                                 stage, readiness_score, ready, registered_at)
       SELECT gen_random_uuid(),
              ($1::text[])[1 + (n * 7) % cardinality($1::text[])] || ' ' || ($2::text[])[1 + (n * 13) % cardinality($2::text[])] || ' ' || n,
              '32' || lpad(n::text, 14, '0'),
              CASE WHEN n < $5 THEN ($4::text[])[1 + n % cardinality($4::text[])]
                   ELSE ($3::text[])[1 + ((n::bigint * 7919) % cardinality($3::text[]))::int] END,
              'Jl. Contoh No. ' || (n % 200 + 1),
              2010 + n % 16,
              CASE WHEN n < $5 THEN $6 ELSE 'bench-assistant-' || (n / $5) END,
              (ARRAY['active', 'active', 'active', 'potential', 'candidate', 'graduated-natural'])[1 + n % 6],
              (n * 37) % 101,
              n % 9 = 0,
              now() - (n % 3650) * interval '1 day'
       FROM generate_series(0, $7 - 1) n
       RETURNING id, head_name, nik)
     INSERT INTO caseload.kpm_member (id, kpm_id, name, nik, birth_date, sex, relation)
     SELECT gen_random_uuid(), id, head_name, nik, DATE '1980-01-01', 'F', 'head' FROM families`,
    [FIRST_NAMES, LAST_NAMES, villages, matraman, CASELOAD, ASSISTANT_ID, FAMILIES],
  );
  const loadedMs = performance.now() - started;
  for (const { indexdef } of indexes) await db.query(indexdef);
  // Settle the table as a live system would be (vacuumed, analysed, checkpointed), so the
  // autovacuum that a million fresh rows trigger does not run during the measurements.
  await db.query('VACUUM (ANALYZE) caseload.kpm, caseload.kpm_member');
  await db.query('CHECKPOINT');
  const { rows } = await db.query('SELECT count(*)::int AS families FROM caseload.kpm');
  return {
    families: rows[0].families,
    loadSeconds: Math.round(loadedMs / 100) / 10,
    indexSeconds: Math.round((performance.now() - started - loadedMs) / 100) / 10,
  };
}

function listRequest(baseUrl, token, query, { expectTotal, allPages = false } = {}) {
  return async () => {
    let cursor = null;
    let seen = 0;
    do {
      const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
      const response = await fetch(`${baseUrl}/api/kpm?${params}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200)
        throw new Error(`list ${params}: ${response.status} ${await response.text()}`);
      const page = await response.json();
      if (expectTotal !== undefined && page.total !== expectTotal)
        throw new Error(`expected ${expectTotal} families, got ${page.total}`);
      seen += page.items.length;
      cursor = allPages ? page.nextCursor : null;
    } while (cursor);
    return seen;
  };
}

const stack = await startStack('benchlist', 7200, { rpcTimeoutMs: 30_000 });
try {
  console.log(`stack up; loading ${FAMILIES.toLocaleString('en')} families...`);
  const loaded = await seed(stack.db);
  console.log(`loaded ${JSON.stringify(loaded)}`);
  const assistant = await login(stack.gatewayUrl, 'pendamping.matraman');
  const coordinator = await login(stack.gatewayUrl, 'koordinator.jaktim');
  const base = stack.gatewayUrl;
  const scenarios = {
    'assistant first page (50 of 300)': listRequest(
      base,
      assistant,
      { limit: '50' },
      { expectTotal: CASELOAD },
    ),
    'assistant whole caseload (300, pages of 200)': listRequest(
      base,
      assistant,
      { limit: '200' },
      { expectTotal: CASELOAD, allPages: true },
    ),
    'assistant name search (q=siti)': listRequest(base, assistant, { limit: '50', q: 'siti' }),
    'assistant flag filter (long-stay)': listRequest(base, assistant, {
      limit: '50',
      flag: 'long-stay',
    }),
    'coordinator first page over Jakarta Timur': listRequest(base, coordinator, { limit: '50' }),
    // The first scenario again, last: tells a slow start (the machine settling after loading a
    // million rows) from a slow query.
    'assistant first page again, after the others': listRequest(
      base,
      assistant,
      { limit: '50' },
      { expectTotal: CASELOAD },
    ),
  };
  const results = {};
  for (const [name, run] of Object.entries(scenarios)) {
    results[name] = {};
    for (const clients of [1, 8]) {
      results[name][`${clients} client(s)`] = await measure(run, {
        clients,
        requests: REQUESTS,
      });
      console.log(
        `${name}, ${clients} client(s): ${JSON.stringify(results[name][`${clients} client(s)`])}`,
      );
    }
  }
  const output = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    families: loaded.families,
    assistantCaseload: CASELOAD,
    seed: loaded,
    requestsPerScenario: REQUESTS,
    targetP99Ms: 50,
    scenarios: results,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`written to ${RESULTS}`);
} finally {
  await stack.stop();
}
