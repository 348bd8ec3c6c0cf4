import type { DayExceptions, DayStatus, WorkCalendarInput } from '@jembatan/contracts';
import { isWorkingDay, localClock, localDay } from '@jembatan/contracts';

/**
 * What a day was for an assistant: present or late when they checked in; otherwise off on a
 * non-working day or before they joined, upcoming until the office closes, absent after.
 */
export function dayStatus(input: {
  day: string;
  checkedIn: { late: boolean } | null;
  calendar: WorkCalendarInput;
  exceptions: DayExceptions;
  regionCode: string;
  /** The day the assistant's account was created. */
  since: string;
  now: Date;
}): DayStatus {
  if (input.checkedIn) return input.checkedIn.late ? 'late' : 'present';
  if (input.day < input.since || !isWorkingDay(input.calendar, input.exceptions, input.day))
    return 'off';
  const today = localDay(input.now, input.regionCode);
  if (input.day > today) return 'upcoming';
  if (
    input.day === today &&
    localClock(input.now, input.regionCode).time < input.calendar.officeEnd
  )
    return 'upcoming';
  return 'absent';
}

/** Every day from `from` to `to`, inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
