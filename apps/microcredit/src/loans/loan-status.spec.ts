import { daysLate, loanStatusAfter } from './loan-book.js';
import { deadlineOf } from '../referrals/lifecycle.js';
import { addWorkingDays } from '../common/dates.js';

describe('loanStatusAfter', () => {
  it('completes a loan paid in full, whatever it was', () => {
    expect(loanStatusAfter('in-arrears', 1_000n, 1_000n, 12)).toBe('completed');
    expect(loanStatusAfter('disbursed', 1_000n, 1_000n, 0)).toBe('completed');
  });

  it('is in arrears while an instalment is past due, repaying once caught up', () => {
    expect(loanStatusAfter('repaying', 300n, 1_000n, 3)).toBe('in-arrears');
    expect(loanStatusAfter('in-arrears', 600n, 1_000n, 0)).toBe('repaying');
  });

  it('stays disbursed until the first payment', () => {
    expect(loanStatusAfter('disbursed', 0n, 1_000n, 0)).toBe('disbursed');
    expect(loanStatusAfter('disbursed', 10n, 1_000n, 0)).toBe('repaying');
  });
});

describe('deadlines', () => {
  it('counts working days, skipping the weekend', () => {
    // Thursday 2026-11-26 + 5 working days = Thursday 2026-12-03.
    const thursday = new Date('2026-11-26T10:00:00Z');
    expect(addWorkingDays(thursday, 5).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    // Friday + 1 = Monday.
    expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 1).toISOString().slice(0, 10)).toBe(
      '2026-11-30',
    );
  });

  it('gives the lender 5 working days to acknowledge and a survey 2 after its date', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    expect(deadlineOf('submitted', now, null)?.toISOString().slice(0, 10)).toBe('2026-12-03');
    const surveyOn = new Date('2026-12-07T00:00:00Z'); // a Monday
    expect(deadlineOf('survey-scheduled', now, surveyOn)?.toISOString().slice(0, 10)).toBe(
      '2026-12-09',
    );
    expect(deadlineOf('repaying', now, null)).toBeNull();
  });
});

describe('daysLate', () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it('counts the days since the oldest unpaid instalment fell due', () => {
    expect(daysLate(day('2026-10-01'), '2026-11-01')).toBe(31);
  });

  it('is zero for a loan with nothing due yet or nothing left to pay', () => {
    expect(daysLate(day('2026-12-01'), '2026-11-01')).toBe(0);
    expect(daysLate(day('2026-11-01'), '2026-11-01')).toBe(0);
    expect(daysLate(null, '2026-11-01')).toBe(0);
  });
});
