// Supervision benchmark, on a private stack: the morning burst of check-ins. 40,000 assistants
// (spread over every real kecamatan of idn-area-data) check in at the office within 15 minutes,
// about 45 a second, each through the gateway with its own token and location. Requests are
// sent on a fixed schedule (open loop), so a slow answer does not slow the arrivals down.
// Target: p99 under 100 ms and none lost (every check-in counted in the live figures).
// The roster is written straight into supervision's tables (it stands in for 40,000 account
// events); tokens are signed with the stack's development JWT secret instead of 40,000 logins.
// Afterwards, today's attendance dashboard (nation, a province, a city) is timed too.
// Results go to bench/results/supervision-checkins.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '@jembatan/infra/stack';
import { measure } from './lib/http.mjs';
import { machine, summarise } from './lib/stats.mjs';
import { ADMIN, loadRoster, realDistricts, token } from './lib/roster.mjs';

const ASSISTANTS = Number(process.env.BENCH_ASSISTANTS ?? 40_000);
const RATE = Number(process.env.BENCH_RATE ?? 45); // check-ins per second
const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results', 'supervision-checkins.json');

async function main() {
  const districts = realDistricts();
  const stack = await startStack('bench-supervision', 7600);
  try {
    const loadStarted = performance.now();
    const assistants = await loadRoster(stack.db, ASSISTANTS, districts);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    console.warn(`roster of ${ASSISTANTS} assistants in ${districts.length} kecamatan loaded`);

    const checkIn = async (assistant) => {
      const t0 = performance.now();
      const response = await fetch(`${stack.gatewayUrl}/api/attendance/check-in`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token(assistant)}`,
          'idempotency-key': `bench-${assistant.id}`,
        },
        body: JSON.stringify({
          kind: 'office',
          location: { lat: -6.2, lng: 106.85, accuracyM: 20 },
        }),
      });
      await response.arrayBuffer();
      return { ms: performance.now() - t0, status: response.status };
    };
    // Warm-up on assistants outside the measured set would change the roster; warm on 50 of the
    // 40,000 instead and leave them out of the latency figures (they still count as checked in).
    const warm = assistants.slice(0, 50);
    for (const a of warm) await checkIn(a);
    const measured = assistants.slice(50);
    const started = performance.now();
    const results = await Promise.all(
      measured.map(
        (a, i) =>
          new Promise((resolve) =>
            setTimeout(
              () => checkIn(a).then(resolve, (e) => resolve({ ms: NaN, status: String(e) })),
              (i * 1000) / RATE,
            ),
          ),
      ),
    );
    const burstSeconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r.status !== 201);
    // Latency per minute of the burst: a backlog shows as a p99 that keeps growing.
    const perMinute = [];
    for (let from = 0; from < results.length; from += RATE * 60) {
      const slice = results.slice(from, from + RATE * 60).filter((r) => r.status === 201);
      perMinute.push(summarise(slice.map((r) => r.ms)));
    }
    const latencies = results.filter((r) => r.status === 201).map((r) => r.ms);
    const [counted] = (
      await stack.db.query(
        `SELECT (SELECT count(*)::int FROM supervision.attendance_entry) AS entries,
                (SELECT present FROM supervision.region_day WHERE region_code = '' ORDER BY day DESC LIMIT 1) AS "nationPresent"`,
      )
    ).rows;

    // The dashboard after the burst, as the Dinas and an admin read it.
    const adminJwt = token(ADMIN, 'admin');
    const dashboard = {};
    for (const [name, query] of [
      ['nation', ''],
      ['province 32 (Jawa Barat)', '?regionCode=32'],
      ['city 31.75 (Jakarta Timur)', '?regionCode=31.75'],
      ['kecamatan 31.75.01 with its assistants', '?regionCode=31.75.01'],
    ]) {
      dashboard[name] = await measure(
        async () => {
          const r = await fetch(`${stack.gatewayUrl}/api/attendance/today${query}`, {
            headers: { authorization: `Bearer ${adminJwt}` },
          });
          if (r.status !== 200) throw new Error(`today ${query}: ${r.status}`);
          await r.arrayBuffer();
        },
        { clients: 1, requests: 300 },
      );
    }

    const result = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      assistants: ASSISTANTS,
      kecamatan: districts.length,
      rosterLoadSeconds: Math.round(loadSeconds * 10) / 10,
      burst: {
        targetRatePerSecond: RATE,
        checkIns: measured.length,
        seconds: Math.round(burstSeconds),
        achievedRatePerSecond: Math.round((measured.length / burstSeconds) * 10) / 10,
        failed: failed.length,
        failures: failed.slice(0, 5),
        latency: summarise(latencies),
        perMinute,
      },
      counted: {
        entries: counted.entries,
        nationPresentToday: counted.nationPresent,
        expected: ASSISTANTS,
      },
      dashboardAfterBurst: dashboard,
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    if (failed.length > 0 || counted.entries !== ASSISTANTS) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

await main();
