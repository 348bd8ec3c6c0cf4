// The load test's short version (issue 10): the whole path at small sizes, so the load test
// cannot rot. It asserts what must hold at any size (everything planned is loaded, every kind of
// request in the mix is answered, nothing fails, the event backlog drains), never a latency:
// speed is the full run's business (npm run bench:load -w @jembatan/bench).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { kneeOf, marginalCost, runLoadTest, secondsUntilNoLag } from './load-test.mjs';
import { MIX } from './nation/workload.mjs';

const RESULTS = join(process.cwd(), '..', 'test-artifacts', 'load-test-short');

describe('the knee and the lag', () => {
  const step = (rate, readP99, writeP99) => ({
    rate,
    reads: { p99: readP99 },
    writes: { p99: writeP99 },
  });

  it('puts the knee at the first rate whose p99 doubles, reads or writes', () => {
    expect(kneeOf([step(100, 50, 120), step(200, 60, 150), step(300, 101, 160)])).toBe(300);
    expect(kneeOf([step(100, 50, 120), step(200, 60, 240)])).toBe(200);
    expect(kneeOf([step(100, 50, 120), step(200, 90, 230)])).toBeNull();
  });

  it('counts the seconds from a moment until the consumer lag first reads zero', () => {
    const samples = [
      { atSeconds: 0, lag: 0 },
      { atSeconds: 10, lag: 400 },
      { atSeconds: 12, lag: 90 },
      { atSeconds: 14.5, lag: 0 },
    ];
    expect(secondsUntilNoLag(samples, 10)).toBe(4.5);
    expect(secondsUntilNoLag(samples.slice(0, 3), 10)).toBeNull();
  });
});

describe('the cost of one more request', () => {
  const step = (rate, machineCores, achievedPerSecond = rate) => ({
    rate,
    achievedPerSecond,
    machineCores,
  });

  it('is the slope of busy cores against the rate, apart from what no traffic costs', () => {
    // 0.3 cores with no traffic, 15 ms a request.
    const steps = [step(10, 0.45), step(20, 0.6), step(40, 0.9)];
    expect(marginalCost(steps, 2)).toEqual({ msPerRequest: 15, coresAtZero: 0.3, steps: 3 });
  });

  it('leaves out steps the machine could not answer in full or ran short of cores for', () => {
    const steps = [step(10, 0.45), step(20, 0.6), step(60, 1.95), step(80, 1.99, 61)];
    expect(marginalCost(steps, 2)).toEqual({ msPerRequest: 15, coresAtZero: 0.3, steps: 2 });
    expect(marginalCost(steps.slice(0, 1), 2)).toBeNull();
  });
});

describe('the load test, short', () => {
  it('loads a small nation through the gateway and drives the whole mix without a failure', async () => {
    const summary = await runLoadTest({
      families: 2_000,
      rate: 12,
      seconds: 60,
      burstSeconds: 10,
      kneeRates: [6, 12],
      stepSeconds: 10,
      baselineSeconds: 5,
      activeAssistants: 8,
      detailShare: 0.02,
      idleSeconds: 3,
      saturationSeconds: 10,
      saturationCallers: 4,
      results: RESULTS,
      // Apart from a full run's stack (8600), so both may run on one machine.
      portBase: 8700,
      stackName: 'loadshort',
      log: () => undefined,
    });

    expect(summary.load.families).toBe(2_000);
    expect(summary.load.drained).toBe(true);
    expect(summary.plan.assistants).toBe(8);
    expect(summary.load.database.schemas.caseload).toBeGreaterThan(0);

    const { main } = summary;
    expect(main.burstCheckIns).toBe(8);
    // Every request of the mix was sent and answered; none failed.
    const statuses = Object.values(main.endpoints).flatMap((e) => Object.keys(e.statuses));
    expect(statuses.filter((s) => !/^2\d\d$/.test(s))).toEqual([]);
    expect(main.errors).toBe(0);
    expect(Object.keys(main.endpoints)).toEqual(
      expect.arrayContaining([
        'GET /api/kpm',
        'GET /api/kpm/:id',
        'POST /api/attendance/check-in',
        'POST /api/kpm/:id/assessments',
        'POST /api/referrals',
        'GET /api/regions/stats',
      ]),
    );
    expect(main.requests).toBeGreaterThan(12 * 60 * 0.9);
    expect(main.lag.drainedAfterRun).toBe(true);
    expect(summary.knee.steps.map((s) => s.rate)).toEqual([6, 12]);
    for (const baseline of Object.values(summary.baselines)) {
      expect(baseline.failures).toBe(0);
      expect(baseline.latency.count).toBe(60);
    }
    expect(MIX.length).toBeGreaterThan(10);
    // The CPU is read for each step and for the machine with no traffic.
    expect(summary.idle.machineCores).toBeGreaterThan(0);
    for (const s of summary.knee.steps) expect(s.cpuMsPerRequest.gateway).toBeGreaterThan(0);
    // The closed loop answered what it was sent; none of it failed.
    expect(summary.saturation.requests).toBeGreaterThan(10);
    expect(summary.saturation.errors).toBe(0);

    const written = JSON.parse(readFileSync(`${RESULTS}.json`, 'utf8'));
    expect(written.main.requests).toBe(main.requests);
    expect(existsSync(`${RESULTS}.svg`)).toBe(true);
    expect(readFileSync(`${RESULTS}.svg`, 'utf8')).toContain('consumer lag');
  }, 600_000);
});
