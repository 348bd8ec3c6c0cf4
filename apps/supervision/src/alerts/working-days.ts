import { isWorkingDay, type DayExceptions, type WorkCalendarInput } from '@jembatan/contracts';

/** The `count` working days before `today` (newest first), looking back at most 30 days. */
export function previousWorkingDays(
  calendar: Pick<WorkCalendarInput, 'workdays'>,
  exceptions: DayExceptions,
  today: string,
  count: number,
): string[] {
  const days: string[] = [];
  for (let back = 1; back <= 30 && days.length < count; back++) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000)
      .toISOString()
      .slice(0, 10);
    if (isWorkingDay(calendar, exceptions, day)) days.push(day);
  }
  return days;
}
