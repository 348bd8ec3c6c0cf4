// Many instances (issue 10, step 5), short: the same fixed sequence of the day's requests on
// one instance of every service and on two gives the same results. Throughput is measured by
// the benchmark (npm run bench:instances -w @jembatan/bench), never asserted in a test.
import { describe, expect, it } from '@jest/globals';
import { comparable, sameResults } from './instances.mjs';

describe('what two deployments are compared on', () => {
  it('leaves out ids, times and tokens, and the order of lists', () => {
    const a = {
      id: '0b6f6a1e-5d0c-4c55-9d0e-3f1f3c2b9a11',
      kpmId: 'x',
      name: 'Siti',
      checkedInAt: '2026-12-05T08:00:00.000Z',
      accessToken: 'abc',
      items: [{ status: 'declined' }, { status: 'accepted' }],
      owner: '7d3c2d4e-1111-4c55-9d0e-3f1f3c2b9a11',
    };
    const b = {
      ...a,
      id: '11111111-2222-4333-8444-555555555555',
      checkedInAt: '2026-12-05T08:00:03.000Z',
      items: [{ status: 'accepted' }, { status: 'declined' }],
      owner: '99999999-2222-4333-8444-555555555555',
    };
    expect(comparable(b)).toEqual(comparable(a));
    expect(comparable({ ...a, name: 'Sri' })).not.toEqual(comparable(a));
    expect(comparable({ ...a, items: [{ status: 'accepted' }] })).not.toEqual(comparable(a));
  });
});

describe('two instances of every service', () => {
  it('give the same results as one, and the second instances take a share of the work', async () => {
    const [one, two] = await sameResults({ families: 600, operations: 120, seed: 7 });

    for (const run of [one, two]) {
      expect(run.run.errors).toBe(0);
      expect(run.run.operations).toBe(120);
      expect(run.drained).toBe(true);
    }
    // Every table holds as many rows, and every user sees the same screens.
    expect(two.snapshot.tables).toEqual(one.snapshot.tables);
    expect(two.snapshot.screens).toEqual(one.snapshot.screens);
    expect(two.snapshot.audited).toBe(one.snapshot.audited);
    expect(one.snapshot.audited).toBeGreaterThan(0);
    expect(Object.keys(one.snapshot.screens).length).toBeGreaterThan(8);
    expect(one.snapshot.tables['caseload.kpm']).toBe(600);

    // Two members in every consumer group, each holding partitions.
    expect(Object.values(one.groups)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Object.values(two.groups)).toEqual([2, 2, 2, 2, 2, 2]);
    // Both gateways answered requests, and the second instances did work of their own.
    expect(two.handled['gateway-2'].requests).toBeGreaterThan(0);
    expect(two.handled.gateway.requests).toBeGreaterThan(0);
    const secondInstancesWork = Object.entries(two.handled)
      .filter(([name]) => name.endsWith('-2') && name !== 'gateway-2')
      .reduce((sum, [, counts]) => sum + counts.commands + counts.events, 0);
    expect(secondInstancesWork).toBeGreaterThan(0);
  }, 600_000);
});
