// Partners benchmark, on a private stack: the broker's matching at scale. 10,000 live offers of
// 500 verified partners, every one reaching Jakarta Timur (31.75) so each family there has all
// of them as candidates (the worst case), and 1,000,000 families in the broker's projection
// over Jakarta Timur's real villages, with businesses, needs and stages. Then, through the
// gateway (HTTP -> Kafka request-reply -> partners -> PostgreSQL):
//   - ranked offers for one family (all rules and factors worked out for 10,000 offers);
//     target p99 < 50 ms;
//   - the eligible families of one offer across the 1,000,000-family region, ranked, for the
//     Dinas (and for an assistant's caseload); target < 1 s.
// Results go to bench/results/partners-matching.json.
//   BENCH_OFFERS (10,000)  BENCH_FAMILIES (1,000,000)  BENCH_REQUESTS (300)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '@jembatan/infra/stack';
import { measure } from './lib/http.mjs';
import { token } from './lib/roster.mjs';
import { machine } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';

const OFFERS = Number(process.env.BENCH_OFFERS ?? 10_000);
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const REGION = '31.75';
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results', 'partners-matching.json');
const DINAS = { id: '00000000-0000-4000-8000-000000000002', region: REGION, name: 'Dinas' };

/** 500 verified partners across the kinds, serving the whole province. */
async function loadPartners(db) {
  await db.query(
    `INSERT INTO partners.partner (id, name, kind, contacts, service_area, address, village_code,
            status, registered_at, verified_at, updated_at)
     SELECT gen_random_uuid()::text, 'Mitra ' || n,
            (ARRAY['lender','training-provider','business-tutor','market-organiser','buyer','csr-funder'])[1 + n % 6],
            '[{"name":"Kontak"}]'::jsonb, ARRAY['31'], 'Jl. Mitra ' || n,
            v.codes[1 + n % cardinality(v.codes)], 'verified', now(), now(), now()
     FROM generate_series(0, 499) AS n, (SELECT $1::text[] AS codes) v`,
    [realVillages().filter((code) => code.startsWith('31.'))],
  );
}

/** Offers of every kind with a spread of rules, all live and all reaching 31.75. */
async function loadOffers(db, villages) {
  const districts = [...new Set(villages.map((v) => v.slice(0, 8)))];
  await db.query(
    `WITH p AS (SELECT id, name, kind, village_code, row_number() OVER (ORDER BY id) - 1 AS i FROM partners.partner)
     INSERT INTO partners.offer (id, partner_id, partner_name, kind, title, capacity, seats_taken,
            valid_from, valid_until, regions, business_kinds, min_business_months, stages,
            prior_training, place_village_code, details)
     SELECT gen_random_uuid(), p.id, p.name,
            k.kind, 'Penawaran ' || n, 10 + n % 90, n % 10,
            current_date - 1, current_date + 30 + n % 60,
            CASE n % 4 WHEN 0 THEN ARRAY['31'] WHEN 1 THEN ARRAY['31.75']
                       WHEN 2 THEN $1::text[]
                       ELSE ARRAY['32.76', '31.75'] END,
            CASE WHEN n % 3 = 0 THEN ARRAY['food'] WHEN n % 3 = 1 THEN ARRAY['food','retail','crafts'] ELSE ARRAY[]::text[] END,
            CASE WHEN n % 5 = 0 THEN NULL ELSE 3 * (n % 5) END,
            CASE WHEN n % 7 = 0 THEN ARRAY['potential','candidate'] ELSE ARRAY[]::text[] END,
            n % 11 = 0, p.village_code,
            CASE k.kind WHEN 'loan' THEN jsonb_build_object('amountMin', 1000000, 'amountMax', 1000000 * (2 + n % 10))
                        ELSE '{}'::jsonb END
     FROM generate_series(0, $2::int - 1) AS n
     JOIN p ON p.i = n % 500
     CROSS JOIN LATERAL (SELECT (ARRAY['loan','training','tutoring','bazaar','buyer-demand','grant'])[1 + (p.i % 6)] AS kind) k`,
    [districts, OFFERS],
  );
}

/** 1,000,000 families over the region's villages, ~270 per assistant, businesses and needs mixed. */
async function loadFamilies(db, villages) {
  await db.query(`ALTER TABLE partners.family_profile DROP CONSTRAINT family_profile_pkey`);
  await db.query(
    `INSERT INTO partners.family_profile (kpm_id, head_name, assistant_id, village_code, stage,
            business_kind, business_started_on, need_capital, capital_amount, need_training,
            need_market, need_tutor, trainings_completed, as_of)
     SELECT gen_random_uuid(), 'Keluarga ' || n, 'assistant-' || (n / 270),
            ($1::text[])[1 + (n / 270) % cardinality($1::text[])],
            (ARRAY['active','active','potential','candidate','active'])[1 + n % 5],
            CASE WHEN n % 4 = 3 THEN NULL ELSE (ARRAY['food','retail','crafts','services','agriculture'])[1 + n % 5] END,
            CASE WHEN n % 4 = 3 THEN NULL ELSE current_date - (n % 1500) END,
            n % 2 = 0, CASE WHEN n % 2 = 0 THEN 500000 * (1 + n % 20) END,
            n % 3 = 0, n % 5 = 0, n % 7 = 0, (n % 9 = 0)::int, now()
     FROM generate_series(0, $2::int - 1) AS n`,
    [villages, FAMILIES],
  );
  await db.query(`ALTER TABLE partners.family_profile ADD PRIMARY KEY (kpm_id)`);
  await db.query(
    `ANALYZE partners.family_profile; ANALYZE partners.offer; ANALYZE partners.partner`,
  );
}

async function main() {
  const stack = await startStack('bench-partners', 7900);
  try {
    const villages = realVillages().filter((code) => code.startsWith(`${REGION}.`));
    const started = performance.now();
    await loadPartners(stack.db);
    await loadOffers(stack.db, villages);
    await loadFamilies(stack.db, villages);
    const loadSeconds = (performance.now() - started) / 1000;
    console.warn(
      `${OFFERS} offers and ${FAMILIES} families loaded in ${Math.round(loadSeconds)} s`,
    );

    const { rows: sample } = await stack.db.query(
      `SELECT kpm_id, assistant_id FROM partners.family_profile TABLESAMPLE SYSTEM (1) LIMIT 1000`,
    );
    const { rows: offerSample } = await stack.db.query(
      `SELECT id, kind FROM partners.offer ORDER BY random() LIMIT 60`,
    );
    const get = async (path, bearer) => {
      const r = await fetch(`${stack.gatewayUrl}${path}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const assistantToken = (id) => token({ id, region: null, name: id }, 'assistant');
    const dinas = token(DINAS, 'dinas');

    // The request-reply path's own cost on this machine: one offer by id.
    const baseline = await measure(
      (i) => get(`/api/offers/${offerSample[i % offerSample.length].id}`, dinas),
      { clients: 1, requests: REQUESTS },
    );
    let candidates = 0;
    const offersForFamily = await measure(
      async (i) => {
        const family = sample[i % sample.length];
        const body = await get(
          `/api/kpm/${family.kpm_id}/offers?limit=20`,
          assistantToken(family.assistant_id),
        );
        candidates = Math.max(candidates, body.live);
      },
      { clients: 1, requests: REQUESTS },
    );
    let largest = 0;
    const familiesForOfferRegion = await measure(
      async (i) => {
        const offer = offerSample[i % offerSample.length];
        const body = await get(
          `/api/offers/${offer.id}/families?regionCode=${REGION}&limit=50`,
          dinas,
        );
        largest = Math.max(largest, body.total + (body.more ? 1 : 0));
      },
      { clients: 1, requests: Math.min(REQUESTS, 60), warmup: 5 },
    );
    const familiesForOfferCaseload = await measure(
      async (i) => {
        const offer = offerSample[i % offerSample.length];
        const family = sample[i % sample.length];
        await get(`/api/offers/${offer.id}/families?limit=50`, assistantToken(family.assistant_id));
      },
      { clients: 1, requests: REQUESTS },
    );

    const result = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      offers: OFFERS,
      families: FAMILIES,
      loadSeconds: Math.round(loadSeconds),
      liveOffersReachingEachFamily: candidates,
      // Counted up to 10,000 (the answer says "more"): 10,001 means the cap was reached.
      largestEligibleCountInRegion: largest,
      baselineOneOfferByIdThroughGateway: baseline,
      offersForFamilyThroughGateway: offersForFamily,
      familiesForOfferAcrossRegionThroughGateway: familiesForOfferRegion,
      familiesForOfferInCaseloadThroughGateway: familiesForOfferCaseload,
      targets: {
        offersForFamilyP99Ms: 50,
        familiesForOfferRegionMs: 1000,
        met: offersForFamily.latency.p99 < 50 && familiesForOfferRegion.latency.max < 1000,
      },
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await stack.stop();
  }
}

await main();
