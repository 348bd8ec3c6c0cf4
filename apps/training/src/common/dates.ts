// Calendar days as the service stores them: DATE columns read back as midnight UTC.

/** `2026-11-23` of a DATE column's value. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** A `YYYY-MM-DD` as the Date a DATE column takes. */
export const dateOf = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** Today's `YYYY-MM-DD` (UTC). */
export const todayIso = (): string => isoDay(new Date());

/** Whole months from `start` to `end` (the business age a prerequisite asks about). */
export function monthsBetween(start: Date, end: Date): number {
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  return end.getUTCDate() < start.getUTCDate() ? months - 1 : months;
}
