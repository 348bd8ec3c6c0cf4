import type { Actor } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import { exportFamilyData, jsonSafe, type FamilyDataPlan } from './family-data.js';

const KPM = '7a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b';
const ASSISTANT = 'assistant-1';
const scope = { assistantId: ASSISTANT, villageCode: '31.75.01.1001' };
const row = { id: KPM, nik: '3175014101900001', phone: '081234567890', amount: 1_500_000n };

/** A database answering the plan's scope query, then one row per table. */
function database(known: boolean): SqlClient & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    $executeRawUnsafe: async () => 0,
    $queryRawUnsafe: async <T>(sql: string) => {
      queries.push(sql);
      if (sql.startsWith('SCOPE')) return (known ? [scope] : []) as T;
      return [{ ...row }] as T;
    },
  };
}

const plan: FamilyDataPlan = {
  scopeSql: 'SCOPE',
  tables: { kpm: 'KPM', kpm_case: 'CASES' },
  identity: { kpm: { nik: 'nik', phone: 'phone' } },
  withheldFor: (actor) =>
    actor.role === 'dinas' ? [{ table: 'kpm_case', reason: 'child protection' }] : [],
};
const actor = (role: Actor['role'], userId = 'someone'): Actor => ({
  userId,
  role,
  regionCode: role === 'admin' ? null : '31.75',
});

describe('exportFamilyData', () => {
  it("gives the family's own assistant every table with the NIK and phone in full", async () => {
    const section = await exportFamilyData(
      database(true),
      actor('assistant', ASSISTANT),
      KPM,
      'caseload',
      plan,
    );
    expect(section.tables.kpm).toEqual([
      { id: KPM, nik: '3175014101900001', phone: '081234567890', amount: '1500000' },
    ]);
    expect(Object.keys(section.tables)).toEqual(['kpm', 'kpm_case']);
  });

  it('masks identity for the coordinator and withholds what the Dinas may not see', async () => {
    const forCoordinator = await exportFamilyData(
      database(true),
      actor('coordinator'),
      KPM,
      'caseload',
      plan,
    );
    expect(forCoordinator.tables.kpm![0]).toMatchObject({
      nik: '317501********01',
      phone: '0812****7890',
    });
    const db = database(true);
    const forDinas = await exportFamilyData(db, actor('dinas'), KPM, 'caseload', plan);
    expect(Object.keys(forDinas.tables)).toEqual(['kpm']);
    expect(forDinas.withheld).toEqual([{ table: 'kpm_case', reason: 'child protection' }]);
    expect(db.queries).not.toContain('CASES'); // not read at all
  });

  it('refuses a caller outside the family’s scope', async () => {
    await expect(
      exportFamilyData(database(true), actor('assistant', 'another'), KPM, 'caseload', plan),
    ).rejects.toMatchObject({ statusCode: 403 });
  });

  it('answers empty tables for a family a service never heard of, but 404 from its owner and 403 to partners', async () => {
    const empty = await exportFamilyData(database(false), actor('admin'), KPM, 'training', plan);
    expect(empty.tables).toEqual({ kpm: [], kpm_case: [] });
    await expect(
      exportFamilyData(database(false), actor('admin'), KPM, 'caseload', { ...plan, owner: true }),
    ).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      exportFamilyData(database(false), actor('partner'), KPM, 'training', plan),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('jsonSafe', () => {
  it('turns what PostgreSQL returns into what JSON can carry, exactly', () => {
    const decimal = { toString: () => '6.125' };
    Object.setPrototypeOf(decimal, { constructor: class Decimal {} });
    expect(
      jsonSafe({
        big: 9_007_199_254_740_993n,
        at: new Date('2026-12-05T01:02:03.000Z'),
        photo: Buffer.from('abc'),
        rate: decimal,
        nested: { list: [1n, null] },
        missing: undefined,
      }),
    ).toEqual({
      big: '9007199254740993',
      at: '2026-12-05T01:02:03.000Z',
      photo: '(3 bytes)',
      rate: '6.125',
      nested: { list: ['1', null] },
      missing: null,
    });
  });
});
