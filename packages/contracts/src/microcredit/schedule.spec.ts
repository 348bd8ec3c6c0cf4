import { applyPayments, buildSchedule, instalmentCount } from './schedule.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('buildSchedule', () => {
  it('flat: interest on the original principal, remainders on the last instalment', () => {
    // KUR Mikro-like: Rp 10,000,001 at 6% a year flat over 12 months.
    const s = buildSchedule({
      principal: 10_000_001,
      interestRatePct: 6,
      method: 'flat',
      tenorMonths: 12,
      frequency: 'monthly',
      disbursedOn: '2026-01-31',
    });
    expect(s.totalInterest).toBe(600_000); // round(10,000,001 × 0.06)
    expect(s.instalments).toHaveLength(12);
    expect(s.instalments[0]).toMatchObject({
      principal: 833_333,
      interest: 50_000,
      dueOn: '2026-02-28',
    });
    expect(s.instalments[11]).toMatchObject({
      principal: 833_338,
      interest: 50_000,
      dueOn: '2027-01-31',
    });
    expect(sum(s.instalments.map((i) => i.principal))).toBe(10_000_001);
    expect(sum(s.instalments.map((i) => i.total))).toBe(s.total);
    expect(s.total).toBe(10_600_001);
  });

  it('declining: each period charges interest on the balance still owed', () => {
    const s = buildSchedule({
      principal: 1_200_000,
      interestRatePct: 12,
      method: 'declining',
      tenorMonths: 3,
      frequency: 'monthly',
      disbursedOn: '2026-03-15',
    });
    // 1% a month on 1.2M, 0.8M, 0.4M.
    expect(s.instalments.map((i) => i.interest)).toEqual([12_000, 8_000, 4_000]);
    expect(s.instalments.map((i) => i.principal)).toEqual([400_000, 400_000, 400_000]);
    expect(s.totalInterest).toBe(24_000);
    expect(sum(s.instalments.map((i) => i.total))).toBe(1_224_000);
  });

  it('weekly: 52 instalments a year, due every 7 days', () => {
    expect(instalmentCount(12, 'weekly')).toBe(52);
    expect(instalmentCount(6, 'weekly')).toBe(26);
    const s = buildSchedule({
      principal: 2_000_000,
      interestRatePct: 20,
      method: 'flat',
      tenorMonths: 6,
      frequency: 'weekly',
      disbursedOn: '2026-11-02',
    });
    expect(s.instalments).toHaveLength(26);
    expect(s.instalments[1]!.dueOn).toBe('2026-11-16');
    expect(s.totalInterest).toBe(200_000);
    expect(sum(s.instalments.map((i) => i.total))).toBe(2_200_000);
    expect(sum(s.instalments.map((i) => i.principal))).toBe(2_000_000);
  });

  it('totals stay exact for awkward amounts and rates', () => {
    for (const principal of [100_003, 7_777_777, 49_999_999])
      for (const method of ['flat', 'declining'] as const)
        for (const frequency of ['weekly', 'monthly'] as const) {
          const s = buildSchedule({
            principal,
            interestRatePct: 7.35,
            method,
            tenorMonths: 17,
            frequency,
            disbursedOn: '2026-05-31',
          });
          expect(sum(s.instalments.map((i) => i.principal))).toBe(principal);
          expect(sum(s.instalments.map((i) => i.interest))).toBe(s.totalInterest);
          expect(s.total).toBe(principal + s.totalInterest);
          expect(s.instalments.every((i) => Number.isInteger(i.total) && i.total > 0)).toBe(true);
        }
  });

  it('refuses a principal that is not whole rupiah', () => {
    expect(() =>
      buildSchedule({
        principal: 1000.5,
        interestRatePct: 6,
        method: 'flat',
        tenorMonths: 1,
        frequency: 'monthly',
        disbursedOn: '2026-01-01',
      }),
    ).toThrow(RangeError);
  });
});

describe('applyPayments', () => {
  const instalments = [
    { no: 1, dueOn: '2026-02-01', principal: 100, interest: 10, total: 110 },
    { no: 2, dueOn: '2026-03-01', principal: 100, interest: 10, total: 110 },
    { no: 3, dueOn: '2026-04-01', principal: 100, interest: 10, total: 110 },
  ];

  it('covers the oldest instalment first and counts days since the oldest unpaid fell due', () => {
    const r = applyPayments(instalments, [{ paidOn: '2026-02-01', amount: 150 }], '2026-03-31');
    expect(r.instalments.map((i) => i.paid)).toEqual([110, 40, 0]);
    expect(r.instalments[0]!.paidOn).toBe('2026-02-01');
    expect(r.daysInArrears).toBe(30); // instalment 2, due 1 March
    expect(r.paid).toBe(150);
  });

  it('is current when every instalment due is paid', () => {
    const r = applyPayments(instalments, [{ paidOn: '2026-02-28', amount: 220 }], '2026-03-15');
    expect(r.daysInArrears).toBe(0);
  });
});
