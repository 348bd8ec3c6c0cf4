import {
  DEFAULT_WORK_CALENDAR,
  NO_DAY_EXCEPTIONS,
  assessCheckIn,
  distanceMeters,
  isWorkingDay,
  localDay,
  type WorkCalendarInput,
} from './attendance.js';

const office = { lat: -6.2036, lng: 106.859, radiusM: 300 };
const calendar: WorkCalendarInput = { ...DEFAULT_WORK_CALENDAR, office };
// Tuesday 24 November 2026 in Jakarta (UTC+7).
const jakarta = (time: string) => new Date(`2026-11-24T${time}:00+07:00`);

const assess = (at: Date, overrides: Partial<Parameters<typeof assessCheckIn>[0]> = {}) =>
  assessCheckIn({
    at,
    regionCode: '31.75.01',
    calendar,
    exceptions: NO_DAY_EXCEPTIONS,
    expectedStart: calendar.officeStart,
    place: office,
    location: { lat: office.lat, lng: office.lng, accuracyM: 10 },
    ...overrides,
  });

describe('assessCheckIn', () => {
  it('accepts a check-in within the grace period at the office without flags', () => {
    expect(assess(jakarta('08:15'))).toEqual({
      day: '2026-11-24',
      localTime: '08:15',
      flags: [],
      minutesLate: 0,
      distanceM: 0,
    });
  });

  it('flags lateness after the grace period with the minutes since the start', () => {
    const late = assess(jakarta('09:05'));
    expect(late.flags).toEqual(['late']);
    expect(late.minutesLate).toBe(65);
  });

  it('judges time in the region own zone: 09:05 WITA in Makassar is late, 08:05 is not', () => {
    const makassar = { regionCode: '73.71.01' };
    expect(assess(new Date('2026-11-24T09:05:00+08:00'), makassar).minutesLate).toBe(65);
    expect(assess(new Date('2026-11-24T08:05:00+08:00'), makassar).flags).toEqual([]);
  });

  it('flags a check-in far from the place beyond the radius plus the phone accuracy', () => {
    const away = { lat: office.lat + 0.005, lng: office.lng }; // about 556 m north
    expect(assess(jakarta('08:00'), { location: { ...away, accuracyM: 10 } }).flags).toEqual([
      'far-from-place',
    ]);
    expect(assess(jakarta('08:00'), { location: { ...away, accuracyM: 300 } }).flags).toEqual([]);
    expect(assess(jakarta('08:00'), { location: null }).flags).toEqual(['no-location']);
  });

  it('flags outside working hours and non-working days, and never calls a day off late', () => {
    expect(assess(jakarta('18:30'), { expectedStart: null }).flags).toEqual(['outside-hours']);
    const saturday = assess(new Date('2026-11-28T10:00:00+07:00'));
    expect(saturday.flags).toEqual(['non-working-day']);
    expect(saturday.minutesLate).toBe(0);
    const independenceDay = assess(new Date('2026-08-17T10:00:00+07:00'));
    expect(independenceDay.flags).toEqual(['non-working-day']);
  });
});

describe('isWorkingDay', () => {
  it('follows the weekdays, fixed national holidays, set holidays and declared working days', () => {
    expect(isWorkingDay(calendar, NO_DAY_EXCEPTIONS, '2026-11-24')).toBe(true);
    expect(isWorkingDay(calendar, NO_DAY_EXCEPTIONS, '2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay(calendar, NO_DAY_EXCEPTIONS, '2026-12-25')).toBe(false);
    const holiday = { holidays: new Set(['2026-11-24']), workdays: new Set<string>() };
    expect(isWorkingDay(calendar, holiday, '2026-11-24')).toBe(false);
    const declared = { holidays: new Set<string>(), workdays: new Set(['2026-12-25']) };
    expect(isWorkingDay(calendar, declared, '2026-12-25')).toBe(true);
  });
});

describe('localDay and distanceMeters', () => {
  it('puts 23:30 UTC on the next day in Jakarta and Jayapura', () => {
    const at = new Date('2026-11-23T23:30:00Z');
    expect(localDay(at, '31.75')).toBe('2026-11-24');
    expect(localDay(at, '94.71')).toBe('2026-11-24');
    expect(localDay(new Date('2026-11-23T16:30:00Z'), '31.75')).toBe('2026-11-23');
  });

  it('measures about 111 km per degree of latitude', () => {
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeGreaterThan(111_000);
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeLessThan(111_300);
  });
});
