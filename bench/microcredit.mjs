// Microcredit benchmark, on a private stack. 1,000,000 capital referrals of 200 loan products
// from 50 lenders over Jakarta Timur's real villages, 100,000 of them loans out (disbursed,
// repaying or in arrears) with their schedules; the rest spread over the other statuses. Then:
//   - schedules for the 100,000 loans computed with the service's own buildSchedule, and PAR 30
//     over them through the gateway (HTTP -> Kafka request-reply -> microcredit -> PostgreSQL),
//     by lender, regency and assistant; target: schedules + PAR under 5 s;
//   - referral transitions through the gateway among the 1,000,000 (lenders acknowledging
//     submitted referrals: row lock, legality, audit row, outbox event, reply); target p99 < 100 ms.
// Results go to bench/results/microcredit.json.
//   BENCH_REFERRALS (1,000,000)  BENCH_LOANS (100,000)  BENCH_TRANSITIONS (1,000)
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { applyPayments, buildSchedule } from '@jembatan/contracts';
import { startStack } from '@jembatan/infra/stack';
import pgCopy from 'pg-copy-streams';
import { measure } from './lib/http.mjs';
import { token } from './lib/roster.mjs';
import { machine, summarise } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 1_000_000);
const LOANS = Number(process.env.BENCH_LOANS ?? 100_000);
const TRANSITIONS = Number(process.env.BENCH_TRANSITIONS ?? 1_000);
const REGION = '31.75';
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results', 'microcredit.json');
const DINAS = { id: '00000000-0000-4000-8000-000000000002', region: REGION, name: 'Dinas' };
const LENDERS = Array.from({ length: 50 }, () => randomUUID());
const DAY = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

// Not yet disbursed or closed: where the other 900,000 referrals stand.
const OTHER_STATUSES = [
  'submitted',
  'acknowledged',
  'survey-scheduled',
  'surveyed',
  'approved',
  'rejected',
  'completed',
  'withdrawn',
  'written-off',
];

/** 200 loan products, four per lender: flat and declining, monthly and weekly, 6-24% a year. */
function products() {
  return Array.from({ length: 200 }, (_, n) => ({
    id: randomUUID(),
    partnerId: LENDERS[n % LENDERS.length],
    rate: 6 + (n % 4) * 6,
    method: n % 2 === 0 ? 'flat' : 'declining',
    frequency: n % 5 === 0 ? 'weekly' : 'monthly',
  }));
}

/** Rows as COPY text: tab-separated, \N for null. */
const line = (values) => `${values.map((v) => (v === null ? '\\N' : String(v))).join('\t')}\n`;

async function copyRows(pool, table, columns, rows) {
  const client = await pool.connect();
  try {
    await pipeline(
      Readable.from(rows),
      client.query(pgCopy.from(`COPY microcredit.${table} (${columns}) FROM STDIN`)),
    );
  } finally {
    client.release();
  }
}

async function loadProducts(db, catalogue) {
  const today = Date.now();
  await db.query(
    `INSERT INTO microcredit.product (id, kind, partner_id, partner_name, title, description,
            amount_min, amount_max, interest_rate_pct, interest_method, tenor_months_min,
            tenor_months_max, repayment_frequency, documents, eligibility, capacity, valid_from,
            valid_until, live, as_of)
     SELECT p.id, 'loan', p."partnerId", 'Lembaga ' || p."partnerId", 'Pinjaman ' || p.id,
            'Modal kerja', 1000000, 20000000, p.rate, p.method, 6, 24, p.frequency,
            ARRAY['KTP','KK'], '{}'::jsonb, 1000000, $2::date, $3::date, true, now()
     FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, "partnerId" text, rate numeric, method text, frequency text)`,
    [JSON.stringify(catalogue), isoDay(today - 400 * DAY), isoDay(today + 400 * DAY)],
  );
}

/**
 * The first LOANS referrals are loans out, disbursed over the last year, each with the schedule
 * buildSchedule gives it; what was paid leaves a fifth of them behind.
 */
function* referralRows(catalogue, villages, loans) {
  const now = Date.now();
  const today = isoDay(now);
  const stamp = new Date(now).toISOString();
  for (let n = 0; n < REFERRALS; n++) {
    const product = catalogue[n % catalogue.length];
    const amount = 1_000_000 * (1 + (n % 10));
    const tenor = 6 + (n % 4) * 6;
    const village = villages[Math.floor(n / 270) % villages.length];
    const common = [randomUUID(), product.id, 'loan', product.partnerId, randomUUID()];
    const assistant = `assistant-${Math.floor(n / 270)}`;
    if (n < LOANS) {
      const disbursedOn = isoDay(now - (20 + (n % 340)) * DAY);
      const schedule = buildSchedule({
        principal: amount,
        interestRatePct: product.rate,
        method: product.method,
        tenorMonths: tenor,
        frequency: product.frequency,
        disbursedOn,
      });
      const dueSoFar = schedule.instalments
        .filter((i) => i.dueOn <= today)
        .reduce((sum, i) => sum + i.total, 0);
      // Four in five are up to date; the others paid half of what is due by now.
      const paid = n % 5 === 0 ? Math.floor(dueSoFar / 2) : dueSoFar;
      const book = applyPayments(
        schedule.instalments,
        paid ? [{ paidOn: today, amount: paid }] : [],
        today,
      );
      // The loan book as the service keeps it: interest first, then principal, oldest first.
      const outstandingPrincipal = book.instalments.reduce(
        (sum, i) => sum + i.principal - Math.max(0, i.paid - i.interest),
        0,
      );
      const firstUnpaid = book.instalments.find((i) => i.paid < i.total)?.dueOn ?? null;
      const status = paid === 0 ? 'disbursed' : book.daysInArrears > 0 ? 'in-arrears' : 'repaying';
      loans.push({ id: common[0], schedule });
      yield line([
        ...common,
        assistant,
        village,
        status,
        amount,
        tenor,
        amount,
        disbursedOn,
        schedule.total,
        paid,
        'wizard',
        stamp,
        outstandingPrincipal,
        book.daysInArrears,
        firstUnpaid,
      ]);
    } else {
      const status = OTHER_STATUSES[n % OTHER_STATUSES.length];
      yield line([
        ...common,
        assistant,
        village,
        status,
        amount,
        tenor,
        null,
        null,
        null,
        0,
        'wizard',
        stamp,
        null,
        0,
        null,
      ]);
    }
  }
}

function* instalmentRows(loans) {
  for (const loan of loans)
    for (const i of loan.schedule.instalments)
      yield line([loan.id, i.no, i.dueOn, i.principal, i.interest, i.total]);
}

async function load(db, villages) {
  const catalogue = products();
  await loadProducts(db, catalogue);
  const loans = [];
  await copyRows(
    db,
    'capital_referral',
    `id, product_id, kind, partner_id, kpm_id, assistant_id, village_code, status, amount,
     tenor_months, approved_amount, disbursed_on, total_due, paid, source, updated_at,
     outstanding_principal, days_in_arrears, first_unpaid_due_on`,
    referralRows(catalogue, villages, loans),
  );
  // Every referral past draft carries the family's consent to share it with its lender.
  await db.query(
    `INSERT INTO microcredit.consent (referral_id, given_by, relationship, given_at, scope,
            partner_id, recorded_by)
     SELECT id, 'Ibu ' || left(kpm_id::text, 6), 'head', now(), 'bench', partner_id, assistant_id
     FROM microcredit.capital_referral`,
  );
  await copyRows(
    db,
    'instalment',
    'referral_id, no, due_on, principal, interest, total',
    instalmentRows(loans),
  );
  await db.query(`ANALYZE microcredit.capital_referral; ANALYZE microcredit.instalment;
                  ANALYZE microcredit.consent; ANALYZE microcredit.product`);
  return {
    instalments: loans.reduce((sum, l) => sum + l.schedule.instalments.length, 0),
  };
}

/** buildSchedule for every loan, as the service does at disbursement, timed on its own. */
function scheduleAll(db) {
  return db
    .query(
      `SELECT r.amount::int AS principal, r.tenor_months AS tenor, r.disbursed_on::text AS day,
              p.interest_rate_pct::float AS rate, p.interest_method AS method,
              p.repayment_frequency AS frequency
       FROM microcredit.capital_referral r JOIN microcredit.product p ON p.id = r.product_id
       WHERE r.disbursed_on IS NOT NULL`,
    )
    .then(({ rows }) => {
      const t0 = performance.now();
      let total = 0;
      for (const row of rows)
        total += buildSchedule({
          principal: row.principal,
          interestRatePct: row.rate,
          method: row.method,
          tenorMonths: row.tenor,
          frequency: row.frequency,
          disbursedOn: row.day,
        }).total;
      return { loans: rows.length, ms: performance.now() - t0, total };
    });
}

async function main() {
  const stack = await startStack('bench-microcredit', 8100);
  try {
    const villages = realVillages().filter((code) => code.startsWith(`${REGION}.`));
    const started = performance.now();
    const loaded = await load(stack.db, villages);
    const loadSeconds = (performance.now() - started) / 1000;
    console.warn(
      `${REFERRALS} referrals, ${LOANS} loans, ${loaded.instalments} instalments loaded in ${Math.round(loadSeconds)} s`,
    );
    const call = async (path, bearer, init = {}) => {
      const r = await fetch(`${stack.gatewayUrl}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
      if (r.status !== 200 && r.status !== 201)
        throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const dinas = token(DINAS, 'dinas');

    // Schedules: the 100,000 loans' schedules built again from their terms, three rounds.
    const scheduleRuns = [];
    for (let round = 0; round < 3; round++) scheduleRuns.push(await scheduleAll(stack.db));
    // PAR 30 over the whole region's book, each grouping, a few times each.
    const parRuns = { lender: [], region: [], assistant: [] };
    let par = null;
    for (let round = 0; round < 5; round++)
      for (const by of Object.keys(parRuns)) {
        const t0 = performance.now();
        const body = await call(`/api/capital/par?by=${by}`, dinas);
        parRuns[by].push(performance.now() - t0);
        if (by === 'region') par = body.total;
      }
    const schedulesMs = summarise(scheduleRuns.map((r) => r.ms));
    const parMs = Object.fromEntries(Object.entries(parRuns).map(([k, v]) => [k, summarise(v)]));
    const worstPar = Math.max(...Object.values(parMs).map((s) => s.max));

    // Transitions: lenders acknowledge submitted referrals addressed to them.
    const { rows: submitted } = await stack.db.query(
      `SELECT id, partner_id FROM microcredit.capital_referral
       WHERE status = 'submitted' ORDER BY id LIMIT $1`,
      [2 * TRANSITIONS + 100],
    );
    const lenderToken = new Map(
      LENDERS.map((id) => [id, token({ id, region: null, name: 'Lembaga' }, 'partner')]),
    );
    const acknowledge = (i) => {
      const referral = submitted[i];
      return call(
        `/api/capital/referrals/${referral.id}/actions`,
        lenderToken.get(referral.partner_id),
        {
          method: 'POST',
          body: JSON.stringify({ action: 'acknowledge' }),
        },
      );
    };
    // The same referrals read back by their lender: the request-reply path with no writes.
    const readBack = await measure(
      (i) => {
        const referral = submitted[i % submitted.length];
        return call(`/api/capital/referrals/${referral.id}`, lenderToken.get(referral.partner_id));
      },
      { clients: 1, requests: TRANSITIONS, warmup: 50 },
    );
    // One lender at a time (latency), then four at once (what two cores sustain); the second
    // run takes the next referrals (indexes shifted past the first run and its warm-up).
    const transitions = await measure(acknowledge, {
      clients: 1,
      requests: TRANSITIONS,
      warmup: 50,
    });
    const concurrent = await measure((i) => acknowledge(TRANSITIONS + 50 + i), {
      clients: 4,
      requests: TRANSITIONS - 50,
      warmup: 0,
    });

    const result = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      referrals: REFERRALS,
      loans: LOANS,
      instalments: loaded.instalments,
      loadSeconds: Math.round(loadSeconds),
      schedulesFor100kLoansMs: schedulesMs,
      parThroughGatewayMs: parMs,
      parTotal: par,
      schedulesPlusWorstParMs: Math.round(schedulesMs.max + worstPar),
      readOneReferralThroughGateway: readBack,
      acknowledgeThroughGateway: transitions,
      acknowledgeFourLendersAtOnce: concurrent,
      targets: {
        schedulesAndParMs: 5000,
        transitionP99Ms: 100,
        met: schedulesMs.max + worstPar < 5000 && transitions.latency.p99 < 100,
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
