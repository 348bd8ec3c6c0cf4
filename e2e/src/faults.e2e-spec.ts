// Fault tests: while a mixed workload runs (registrations, home-visit check-ins, referrals to a
// lender), kill -9 the Kafka broker, PostgreSQL, and each service and the gateway in turn.
// Clients behave like the portal: they retry with the same Idempotency-Key until the gateway
// accepts. Afterwards every accepted request's effect is in every read model exactly once,
// every service is ready again within 30 s without help, and replaying every topic from the
// start changes no figure.
import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '@jembatan/infra/stack';
import { SERVICES } from '@jembatan/infra/processes';
import kafkajs from 'kafkajs';
import { GatewayClient, eventually, family } from './api.js';
import { loan } from './partners-fixtures.js';

const REGISTRATIONS = 60; // each followed by a home visit to the family: 120 requests
const REFERRALS = 12;
const CONCURRENCY = 24;
/** Crash once this many operations have been accepted, so most of the load is still ahead. */
const CRASH_AFTER_ACCEPTED = 15;
const RECOVERY_BUDGET_MS = 30_000;

const FAULTS = [
  'kafka',
  'postgres',
  'caseload',
  'partners',
  'training',
  'microcredit',
  'supervision',
  'gateway',
] as const;
type Fault = (typeof FAULTS)[number];

let stack: Stack;
let siti: GatewayClient;
let offerId: string;
/** Families already known to partners, referred during the load: REFERRALS per fault. */
const referralPool: { kpmId: string; headName: string }[] = [];
const summary: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startStack('faults', 5000, { privatePostgresPort: 5099 });
  const anonymous = new GatewayClient(stack.gatewayUrl);
  siti = await anonymous.login('pendamping.matraman');
  const bank = await anonymous.login('mitra.bank');
  const offer = await bank.request<{ id: string }>(
    'POST',
    '/api/offers',
    loan({ capacity: 1_000 }),
  );
  expect(offer.status).toBe(201);
  offerId = offer.body.id;
  const inputs = Array.from({ length: REFERRALS * FAULTS.length }, (_, i) =>
    family({ headName: `Ibu Rujukan ${i}` }),
  );
  for (let i = 0; i < inputs.length; i += 8)
    await Promise.all(
      inputs.slice(i, i + 8).map(async (input) => {
        const created = await siti.request<{ id: string }>('POST', '/api/kpm', input);
        expect(created.status).toBe(201);
        referralPool.push({ kpmId: created.body.id, headName: input.headName as string });
      }),
    );
  // Known to partners (to be referred) and counted by supervision, before any fault.
  const ids = referralPool.map((f) => f.kpmId);
  await eventually(
    () => countWhere('partners.family_profile', 'kpm_id', ids),
    (n) => n === ids.length,
    60_000,
  );
  expect(await eventually(matramanCounted, (n) => n === ids.length, 60_000)).toBe(ids.length);
}, 300_000);

afterAll(async () => {
  console.log(`faults:\n  ${summary.join('\n  ')}`);
  await stack?.stop();
});

async function countWhere(table: string, column: string, ids: string[]): Promise<number> {
  const { rows } = await stack.db.query<{ n: number; distinct: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT ${column})::int AS distinct
     FROM ${table} WHERE ${column}::text = ANY($1)`,
    [ids],
  );
  // Twice the same effect would show as more rows than distinct ids.
  if (rows[0]!.n !== rows[0]!.distinct) return -rows[0]!.n;
  return rows[0]!.n;
}

const matramanCounted = async () =>
  Number(
    (
      await stack.db.query(
        `SELECT coalesce(sum(kpm_count), 0) AS n FROM supervision.region_kpm_count WHERE region_code = '31.75.01'`,
      )
    ).rows[0].n,
  );

interface Load {
  accepted: () => number;
  retries: () => number;
  done: Promise<{ registered: string[]; visited: string[]; referred: string[] }>;
}

/**
 * A POST retried with the same body and Idempotency-Key through 5xx answers, refusals of a
 * busy service (429) and dropped connections; any other 4xx fails the test.
 */
async function accepted(path: string, body: object, onRetry: () => void): Promise<string> {
  const key = randomUUID();
  for (let attempt = 0; ; attempt += 1) {
    const response = await siti
      .request<{ id: string }>('POST', path, body, { 'idempotency-key': key })
      .catch(() => ({ status: 0, body: { id: '' } }));
    if (response.status === 201) return response.body.id;
    if (response.status >= 400 && response.status < 500 && response.status !== 429)
      throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
    onRetry();
    await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
  }
}

/** Registrations, each followed by a home visit, with referrals interleaved. */
function mixedLoad(referrals: { kpmId: string; headName: string }[]): Load {
  const plan: (() => Promise<void>)[] = [];
  const registered: string[] = [];
  const visited: string[] = [];
  const referred: string[] = [];
  let accepts = 0;
  let retries = 0;
  const retry = () => void retries++;
  for (let i = 0; i < REGISTRATIONS; i++) {
    plan.push(async () => {
      const kpmId = await accepted('/api/kpm', family(), retry);
      registered.push(kpmId);
      accepts++;
      await accepted(
        '/api/attendance/check-in',
        { kind: 'home-visit', refId: kpmId, location: { lat: -6.21, lng: 106.86, accuracyM: 15 } },
        retry,
      );
      visited.push(kpmId);
      accepts++;
    });
    const every = REGISTRATIONS / referrals.length;
    const fam = i % every === 0 ? referrals[i / every] : undefined;
    if (fam)
      plan.push(async () => {
        await accepted(
          '/api/referrals',
          { offerId, kpmId: fam.kpmId, consent: true, consentGivenBy: fam.headName },
          retry,
        );
        referred.push(fam.kpmId);
        accepts++;
      });
  }
  let next = 0;
  const worker = async () => {
    while (next < plan.length) await plan[next++]!();
  };
  const done = Promise.all(Array.from({ length: CONCURRENCY }, worker)).then(() => ({
    registered,
    visited,
    referred,
  }));
  return { accepted: () => accepts, retries: () => retries, done };
}

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Every service and the gateway ready; how long that took from `since`. */
async function allReadyWithin(since: number): Promise<number> {
  const ready = async () => {
    for (const { name } of SERVICES) {
      const response = await fetch(`http://127.0.0.1:${stack.portOf(name)}/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      }).catch(() => null);
      if (response?.status !== 200) return false;
    }
    return true;
  };
  await eventually(ready, (ok) => ok, 120_000);
  return Date.now() - since;
}

async function inject(fault: Fault): Promise<number> {
  if (fault === 'kafka') {
    await stack.restartKafka({ kill: true, downMs: 3_000 });
  } else if (fault === 'postgres') {
    await stack.restartPostgres({ downMs: 3_000 });
  } else {
    await stack.kill(fault, 'SIGKILL');
    await sleep(2_000);
    await stack.start(fault);
  }
  return Date.now(); // the dependency or process is back: from here, recovery is the services'
}

/** Each effect once in every read model that holds it: counts of distinct ids, no duplicates. */
async function effects(ids: { registered: string[]; visited: string[]; referred: string[] }) {
  return {
    'partners.family_profile': await countWhere(
      'partners.family_profile',
      'kpm_id',
      ids.registered,
    ),
    'training.family': await countWhere('training.family', 'kpm_id', ids.registered),
    'microcredit.family': await countWhere('microcredit.family', 'kpm_id', ids.registered),
    'supervision.attendance_entry': await countWhere(
      'supervision.attendance_entry',
      'ref_id',
      ids.visited,
    ),
    'partners.referral': await countWhere('partners.referral', 'kpm_id', ids.referred),
    'microcredit.capital_referral': await countWhere(
      'microcredit.capital_referral',
      'kpm_id',
      ids.referred,
    ),
  };
}

describe('fault tolerance under a mixed workload', () => {
  it.each(FAULTS)(
    'keeps every accepted effect exactly once when %s is killed mid-load',
    async (fault) => {
      const index = FAULTS.indexOf(fault);
      const countedBefore = await matramanCounted();
      const load = mixedLoad(referralPool.slice(index * REFERRALS, (index + 1) * REFERRALS));
      await waitUntil(() => load.accepted() >= CRASH_AFTER_ACCEPTED, 120_000);
      const acceptedAtCrash = load.accepted();
      const backAt = await inject(fault);
      const recoveryMs = await allReadyWithin(backAt);
      const ids = await load.done;
      expect(ids.registered).toHaveLength(REGISTRATIONS);
      expect(ids.referred).toHaveLength(REFERRALS);

      const expected = {
        'partners.family_profile': REGISTRATIONS,
        'training.family': REGISTRATIONS,
        'microcredit.family': REGISTRATIONS,
        'supervision.attendance_entry': REGISTRATIONS,
        'partners.referral': REFERRALS,
        'microcredit.capital_referral': REFERRALS,
      };
      expect(
        await eventually(
          () => effects(ids),
          (e) => equal(e, expected),
          120_000,
        ),
      ).toEqual(expected);
      expect(
        await eventually(matramanCounted, (n) => n >= countedBefore + REGISTRATIONS, 60_000),
      ).toBe(countedBefore + REGISTRATIONS);
      await sleep(2_000); // redeliveries after a crash arrive late; none may count twice
      expect(await effects(ids)).toEqual(expected);
      expect(await matramanCounted()).toBe(countedBefore + REGISTRATIONS);

      summary.push(
        `${fault} kill -9 after ${acceptedAtCrash} of ${2 * REGISTRATIONS + REFERRALS} accepted: ` +
          `${load.retries()} client retries, all ready ${recoveryMs} ms after it was back, ` +
          `${Object.keys(expected).length + 1} read models exact`,
      );
      // Training and microcredit only consume events: their fault is felt downstream, not by
      // clients. Every other fault sits on the request path and must have cost retries.
      if (fault !== 'training' && fault !== 'microcredit')
        expect(load.retries()).toBeGreaterThan(0);
      expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
    },
    300_000,
  );

  it('changes no figure when every service replays every topic from the start', async () => {
    const figures = async () => ({
      counted: await matramanCounted(),
      ...Object.fromEntries(
        await Promise.all(
          [
            'partners.family_profile',
            'training.family',
            'microcredit.family',
            'supervision.attendance_entry',
            'partners.referral',
            'microcredit.capital_referral',
            'supervision.activity_item',
            'supervision.family_state',
          ].map(async (table) => [
            table,
            Number((await stack.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n),
          ]),
        ),
      ),
    });
    const before = await figures();
    const kafka = new kafkajs.Kafka({ brokers: stack.brokers, logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const groups = SERVICES.map((s) => s.name).filter((name) => name !== 'gateway');
    const committed = new Map<string, string[]>();
    await Promise.all(groups.map((group) => stack.kill(group, 'SIGTERM')));
    for (const group of groups)
      committed.set(
        group,
        (await admin.fetchOffsets({ groupId: group })).map((o) => o.topic),
      );
    // Each group's topics one after another (a reset joins the group), the groups at once.
    let replayed = 0;
    await Promise.all(
      [...committed].map(async ([group, topics]) => {
        for (const topic of topics) {
          // The group must be empty before its offsets can move; a clean leave empties it soon.
          const moved = await eventually(
            () =>
              admin.resetOffsets({ groupId: group, topic, earliest: true }).then(
                () => true,
                () => false,
              ),
            (done) => done,
            30_000,
          );
          expect({ group, topic, moved }).toEqual({ group, topic, moved: true });
          replayed += (await admin.fetchTopicOffsets(topic)).reduce(
            (sum, p) => sum + Number(p.offset),
            0,
          );
        }
      }),
    );
    const resetAt = Date.now();
    await Promise.all(groups.map((group) => stack.start(group)));
    const lag = async () => {
      let behind = 0;
      for (const [group, topics] of committed)
        for (const topic of topics) {
          const [mine] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
          for (const end of await admin.fetchTopicOffsets(topic)) {
            const at = mine?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
            behind += Number(end.offset) - Math.max(0, Number(at));
          }
        }
      return behind;
    };
    expect(await eventually(lag, (n) => n === 0, 120_000)).toBe(0);
    const caughtUpMs = Date.now() - resetAt;
    await admin.disconnect();
    expect(await figures()).toEqual(before);
    summary.push(
      `replay: ${groups.length} consumer groups re-read ${replayed} messages (restarted and caught up in ${caughtUpMs} ms); ${Object.keys(before).length} figures unchanged`,
    );
  }, 300_000);
});

function equal(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(b).every((key) => a[key] === b[key]);
}
