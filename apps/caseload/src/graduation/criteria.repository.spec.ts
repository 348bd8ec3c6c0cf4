import { jest } from '@jest/globals';
import type { Actor } from '@jembatan/contracts';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { CRITERIA_CACHE_MS, CriteriaRepository, NATIONAL } from './criteria.repository.js';
import { DEFAULT_CRITERIA } from './readiness.js';

/** A stand-in for the criteria table that counts how often it is read. */
function table(rows: { regionCode: string; readyScore: number }[] = []) {
  const findMany = jest.fn(async () =>
    rows.map((row) => ({
      ...row,
      criteria: DEFAULT_CRITERIA.criteria,
      updatedBy: 'dinas',
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    })),
  );
  const upsert = jest.fn(async () => undefined);
  const db = { graduationCriteria: { findMany, upsert } } as unknown as PrismaService & Tx;
  return { db, findMany, upsert };
}

const dinas = { userId: 'dinas', role: 'dinas', regionCode: '31.75' } as Actor;

describe('the criteria a village is scored against', () => {
  afterEach(() => jest.useRealTimers());

  it('are read once per village and reused for 30 seconds, then read again', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-05T08:00:00Z') });
    const { db, findMany } = table([{ regionCode: '31.75', readyScore: 70 }]);
    const repository = new CriteriaRepository(db);
    const first = await repository.effectiveFor(db, '31.75.01.1001');
    expect(first.regionCode).toBe('31.75');
    await repository.effectiveFor(db, '31.75.01.1001');
    expect(findMany).toHaveBeenCalledTimes(1);
    await repository.effectiveFor(db, '31.75.01.1002'); // another village: its own read
    expect(findMany).toHaveBeenCalledTimes(2);
    jest.setSystemTime(Date.now() + CRITERIA_CACHE_MS + 1);
    await repository.effectiveFor(db, '31.75.01.1001');
    expect(findMany).toHaveBeenCalledTimes(3);
  });

  it('are read afresh after this instance saves a change', async () => {
    const { db, findMany, upsert } = table();
    const repository = new CriteriaRepository(db);
    expect((await repository.effectiveFor(db, '31.75.01.1001')).regionCode).toBe(NATIONAL);
    await repository.save(db, '31.75', DEFAULT_CRITERIA, dinas);
    expect(upsert).toHaveBeenCalledTimes(1);
    await repository.effectiveFor(db, '31.75.01.1001');
    expect(findMany).toHaveBeenCalledTimes(2);
  });
});
