import { DEFAULT_WORK_CALENDAR, NO_DAY_EXCEPTIONS } from '@jembatan/contracts';
import { previousWorkingDays } from './working-days.js';

describe('previousWorkingDays', () => {
  it('skips weekends and holidays, newest first', () => {
    // Tuesday 24 November 2026: Monday, then Friday and Thursday of the week before.
    expect(previousWorkingDays(DEFAULT_WORK_CALENDAR, NO_DAY_EXCEPTIONS, '2026-11-24', 3)).toEqual([
      '2026-11-23',
      '2026-11-20',
      '2026-11-19',
    ]);
    const holiday = { holidays: new Set(['2026-11-20']), workdays: new Set<string>() };
    expect(previousWorkingDays(DEFAULT_WORK_CALENDAR, holiday, '2026-11-24', 3)).toEqual([
      '2026-11-23',
      '2026-11-19',
      '2026-11-18',
    ]);
  });

  it('counts a declared working Saturday and stops after 30 days without enough', () => {
    const saturday = { holidays: new Set<string>(), workdays: new Set(['2026-11-21']) };
    expect(previousWorkingDays(DEFAULT_WORK_CALENDAR, saturday, '2026-11-24', 2)).toEqual([
      '2026-11-23',
      '2026-11-21',
    ]);
    expect(previousWorkingDays({ workdays: [] }, NO_DAY_EXCEPTIONS, '2026-11-24', 3)).toEqual([]);
  });
});
