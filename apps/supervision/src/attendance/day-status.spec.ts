import { DEFAULT_WORK_CALENDAR, NO_DAY_EXCEPTIONS } from '@jembatan/contracts';
import { dayStatus, daysBetween, monthRange } from './day-status.js';

const base = {
  calendar: DEFAULT_WORK_CALENDAR,
  exceptions: NO_DAY_EXCEPTIONS,
  regionCode: '31.75.01',
  since: '2026-01-05',
  // Tuesday 24 November 2026, 10:00 in Jakarta: the office (08:00-16:00) is open.
  now: new Date('2026-11-24T10:00:00+07:00'),
};

describe('dayStatus', () => {
  it('reads a check-in as present or late', () => {
    expect(dayStatus({ ...base, day: '2026-11-23', checkedIn: { late: false } })).toBe('present');
    expect(dayStatus({ ...base, day: '2026-11-23', checkedIn: { late: true } })).toBe('late');
  });

  it('calls a past working day without check-in absent, today upcoming until the office closes', () => {
    expect(dayStatus({ ...base, day: '2026-11-23', checkedIn: null })).toBe('absent');
    expect(dayStatus({ ...base, day: '2026-11-24', checkedIn: null })).toBe('upcoming');
    const evening = new Date('2026-11-24T16:30:00+07:00');
    expect(dayStatus({ ...base, day: '2026-11-24', checkedIn: null, now: evening })).toBe('absent');
    expect(dayStatus({ ...base, day: '2026-11-25', checkedIn: null })).toBe('upcoming');
  });

  it('does not expect anyone on a weekend, a holiday or before their account existed', () => {
    expect(dayStatus({ ...base, day: '2026-11-22', checkedIn: null })).toBe('off');
    expect(dayStatus({ ...base, day: '2026-08-17', checkedIn: null })).toBe('off');
    expect(dayStatus({ ...base, since: '2026-11-24', day: '2026-11-23', checkedIn: null })).toBe(
      'off',
    );
  });
});

describe('month helpers', () => {
  it('knows the length of months, leap Februaries included', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });
});
