// Fault tests: crash the broker or the consuming service with `kill -9` while registrations are
// in flight. Clients behave like the portal: they retry with the same Idempotency-Key until the
// gateway accepts. Afterwards supervision must have counted every family exactly once.
import { randomUUID } from 'node:crypto';
import { GatewayClient, eventually, family } from './api.js';
import { startStack, type Stack } from '@jembatan/infra/stack';

interface Counts {
  total: number;
}

const REGISTRATIONS = 1_200;
const CONCURRENCY = 40;
/** Crash once this many registrations have been accepted, so at least 1,000 are still ahead. */
const CRASH_AFTER_ACCEPTED = 150;

let stack: Stack;
let assistant: GatewayClient;
let dinas: GatewayClient;

const matramanCount = async () => {
  const response = await dinas.request<Counts>(
    'GET',
    '/api/regions/kpm-counts?regionCode=31.75.01',
  );
  return response.status === 200 ? response.body.total : -1;
};
const countedInDatabase = async () =>
  Number(
    (
      await stack.db.query(
        `SELECT coalesce(sum(kpm_count), 0) AS n FROM supervision.region_kpm_count WHERE region_code = '31.75.01'`,
      )
    ).rows[0].n,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Load {
  accepted: () => number;
  retries: () => number;
  done: Promise<string[]>;
}

/**
 * Registers `total` families with `concurrency` clients. A 5xx or a network error is retried
 * with the same body and Idempotency-Key until it succeeds; a 4xx is a failure of the test.
 */
function registerFamilies(total: number, concurrency: number): Load {
  let next = 0;
  let accepted = 0;
  let retries = 0;
  const ids: string[] = [];
  const worker = async () => {
    while (next < total) {
      next += 1;
      const body = family();
      const key = randomUUID();
      for (let attempt = 0; ; attempt += 1) {
        const response = await assistant
          .request<{ id: string }>('POST', '/api/kpm', body, { 'idempotency-key': key })
          .catch(() => ({ status: 0, body: { id: '' } }));
        if (response.status === 201) {
          ids.push(response.body.id);
          accepted += 1;
          break;
        }
        if (response.status >= 400 && response.status < 500)
          throw new Error(
            `registration refused: ${response.status} ${JSON.stringify(response.body)}`,
          );
        retries += 1;
        await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
      }
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, worker)).then(() => ids);
  return { accepted: () => accepted, retries: () => retries, done };
}

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** The count must reach `expected` and then stay there: exactly once, not at least once. */
async function expectCountedExactly(expected: number, crash: { at: number; label: string }) {
  const reached = await eventually(countedInDatabase, (n) => n >= expected, 180_000);
  expect(reached).toBe(expected);
  console.log(`${crash.label}: all counted ${Date.now() - crash.at} ms after the crash`);
  await sleep(3_000); // redeliveries after a crash arrive late; none may count twice
  expect(await countedInDatabase()).toBe(expected);
  expect(await matramanCount()).toBe(expected);
}

beforeAll(async () => {
  stack = await startStack('faults', 5000);
  const anonymous = new GatewayClient(stack.gatewayUrl);
  assistant = await anonymous.login('pendamping.matraman');
  dinas = await anonymous.login('dinas.jaktim');
});

afterAll(async () => {
  await stack?.stop();
});

describe('fault tolerance of the registration pipeline', () => {
  it('counts every registration once when the Kafka broker is killed mid-load', async () => {
    const before = await countedInDatabase();
    const load = registerFamilies(REGISTRATIONS, CONCURRENCY);
    await waitUntil(() => load.accepted() >= CRASH_AFTER_ACCEPTED, 120_000);

    const countedAtCrash = await countedInDatabase();
    const crashedAt = Date.now();
    await stack.restartKafka({ kill: true, downMs: 3_000 });
    const ids = await load.done;
    console.log(
      `kafka kill -9: ${REGISTRATIONS - (countedAtCrash - before)} not yet counted at the crash, ${load.retries()} client retries`,
    );

    expect(REGISTRATIONS - (countedAtCrash - before)).toBeGreaterThanOrEqual(1_000);
    expect(load.retries()).toBeGreaterThan(0); // the crash was felt by clients
    expect(new Set(ids).size).toBe(REGISTRATIONS);
    await expectCountedExactly(before + REGISTRATIONS, { at: crashedAt, label: 'kafka kill -9' });
  });

  it('counts every registration once when the supervision service is killed mid-load', async () => {
    const before = await countedInDatabase();
    const load = registerFamilies(REGISTRATIONS, CONCURRENCY);
    await waitUntil(() => load.accepted() >= CRASH_AFTER_ACCEPTED, 120_000);

    const countedAtCrash = await countedInDatabase();
    const crashedAt = Date.now();
    await stack.kill('supervision', 'SIGKILL');
    await sleep(2_000);
    await stack.start('supervision');
    const ids = await load.done;

    expect(REGISTRATIONS - (countedAtCrash - before)).toBeGreaterThanOrEqual(1_000);
    expect(new Set(ids).size).toBe(REGISTRATIONS);
    console.log(
      `supervision kill -9: ${REGISTRATIONS - (countedAtCrash - before)} not yet counted at the crash`,
    );
    await expectCountedExactly(before + REGISTRATIONS, {
      at: crashedAt,
      label: 'supervision kill -9',
    });
  });
});
