// Calendar days as the service stores them: DATE columns read back as midnight UTC.

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
export const dateOf = (day: string): Date => new Date(`${day}T00:00:00Z`);
export const todayIso = (): string => isoDay(new Date());

// Working-day deadlines are shared with the partners service's referral answers.
export { addWorkingDays } from '@jembatan/service-kit';
