import { z } from 'zod';
import { ClockTime, localClock, utcOffsetHoursOf } from '../training/p2k2.js';

/** What an assistant checks in for. */
export const CHECK_IN_KINDS = ['office', 'p2k2', 'home-visit', 'meeting'] as const;
export const CheckInKind = z.enum(CHECK_IN_KINDS);
export type CheckInKind = z.infer<typeof CheckInKind>;

/** Why a check-in deserves a second look. Flags never refuse a check-in. */
export const ATTENDANCE_FLAGS = [
  'late',
  'outside-hours',
  'non-working-day',
  'far-from-place',
  'no-location',
] as const;
export type AttendanceFlag = (typeof ATTENDANCE_FLAGS)[number];

export const GeoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** The phone's stated accuracy in metres. */
  accuracyM: z.number().min(0).max(100_000).optional(),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** A place an assistant is expected at: a point and how far from it still counts as there. */
export const PlannedPlace = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusM: z.number().int().min(20).max(20_000),
});
export type PlannedPlace = z.infer<typeof PlannedPlace>;

/** Office hours of a region (local time), its working weekdays, lateness grace and office. */
export const WorkCalendarInput = z
  .strictObject({
    officeStart: ClockTime,
    officeEnd: ClockTime,
    /** 1 Monday ... 7 Sunday. */
    workdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'must not repeat a day'),
    graceMinutes: z.number().int().min(0).max(120),
    office: PlannedPlace.nullable(),
  })
  .refine((c) => c.officeStart < c.officeEnd, {
    message: 'must end after it starts',
    path: ['officeEnd'],
  });
export type WorkCalendarInput = z.infer<typeof WorkCalendarInput>;

/** Civil-service office days when no region has set its own: Monday-Friday 08:00-16:00. */
export const DEFAULT_WORK_CALENDAR: WorkCalendarInput = {
  officeStart: '08:00',
  officeEnd: '16:00',
  workdays: [1, 2, 3, 4, 5],
  graceMinutes: 15,
  office: null,
};

/**
 * National holidays fixed by date in law (New Year, Labour Day, Pancasila Day, Independence
 * Day, Christmas). Holidays that move with the lunar calendars, and cuti bersama, are set
 * each year by the Dinas or an admin.
 */
export const FIXED_NATIONAL_HOLIDAYS: Readonly<Record<string, { id: string; en: string }>> = {
  '01-01': { id: 'Tahun Baru Masehi', en: "New Year's Day" },
  '05-01': { id: 'Hari Buruh Internasional', en: 'Labour Day' },
  '06-01': { id: 'Hari Lahir Pancasila', en: 'Pancasila Day' },
  '08-17': { id: 'Hari Kemerdekaan RI', en: 'Independence Day' },
  '12-25': { id: 'Hari Raya Natal', en: 'Christmas Day' },
};

/** Great-circle distance in metres (haversine; plenty for a few kilometres). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

/** The local calendar day (YYYY-MM-DD) of an instant in a region's time zone. */
export function localDay(at: Date, regionCode: string): string {
  return new Date(at.getTime() + utcOffsetHoursOf(regionCode) * 3_600_000)
    .toISOString()
    .slice(0, 10);
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Weekday 1-7 of a YYYY-MM-DD day. */
export function weekdayOf(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Days a region's calendar treats specially: holidays, and days declared working days. */
export interface DayExceptions {
  holidays: { has(day: string): boolean };
  /** Declared working days (a weekend before a disbursement, a swapped day) win over all else. */
  workdays: { has(day: string): boolean };
}

export const NO_DAY_EXCEPTIONS: DayExceptions = { holidays: new Set(), workdays: new Set() };

/** True when `day` is a working day of the calendar and not a holiday. */
export function isWorkingDay(
  calendar: Pick<WorkCalendarInput, 'workdays'>,
  exceptions: DayExceptions,
  day: string,
): boolean {
  if (exceptions.workdays.has(day)) return true;
  return (
    calendar.workdays.includes(weekdayOf(day)) &&
    !exceptions.holidays.has(day) &&
    !(day.slice(5) in FIXED_NATIONAL_HOLIDAYS)
  );
}

export interface CheckInAssessment {
  day: string;
  localTime: string;
  flags: AttendanceFlag[];
  /** Minutes after the expected start, when late. */
  minutesLate: number;
  distanceM: number | null;
}

/**
 * Judges a check-in against the region's calendar and the place expected. `expectedStart` is
 * the office start for office days, or a meeting's start; lateness counts from it plus grace.
 */
export function assessCheckIn(input: {
  at: Date;
  regionCode: string;
  calendar: WorkCalendarInput;
  exceptions: DayExceptions;
  expectedStart: string | null;
  place: PlannedPlace | null;
  location: GeoPoint | null;
}): CheckInAssessment {
  const { at, regionCode, calendar } = input;
  const day = localDay(at, regionCode);
  const { time } = localClock(at, regionCode);
  const flags: AttendanceFlag[] = [];
  const working = isWorkingDay(calendar, input.exceptions, day);
  if (!working) flags.push('non-working-day');
  else if (time < calendar.officeStart || time > calendar.officeEnd) flags.push('outside-hours');
  let minutesLate = 0;
  if (input.expectedStart && working) {
    const late = minutesOf(time) - minutesOf(input.expectedStart);
    if (late > calendar.graceMinutes) {
      flags.push('late');
      minutesLate = late;
    }
  }
  let distanceM: number | null = null;
  if (!input.location) flags.push('no-location');
  else if (input.place) {
    distanceM = distanceMeters(input.location, input.place);
    // The phone's own uncertainty is not the assistant's fault.
    if (distanceM > input.place.radiusM + (input.location.accuracyM ?? 0))
      flags.push('far-from-place');
  }
  return { day, localTime: time, flags, minutesLate, distanceM };
}
