import { z } from 'zod';
import { P2K2_MODULE_KEYS, P2K2_SESSION_KEYS } from './p2k2-catalogue.js';
import { localClock } from './village-time.js';

export * from './p2k2-catalogue.js';
export * from './village-time.js';

export const P2k2Module = z.enum(P2K2_MODULE_KEYS);
export type P2k2Module = z.infer<typeof P2k2Module>;

/** One session of the curriculum, validated against the catalogue. */
export const P2k2SessionRef = z
  .strictObject({ module: P2k2Module, sessionNo: z.number().int().min(1).max(4) })
  .refine((ref) => P2K2_SESSION_KEYS.includes(`${ref.module}-${ref.sessionNo}`), {
    message: 'is not a session of this module',
    path: ['sessionNo'],
  });
export type P2k2SessionRef = z.infer<typeof P2k2SessionRef>;

/** The first session of the curriculum a group has not yet had, or null when it finished. */
export function nextP2k2Session(delivered: Iterable<string>): P2k2SessionRef | null {
  const done = new Set(delivered);
  const key = P2K2_SESSION_KEYS.find((k) => !done.has(k));
  if (!key) return null;
  const cut = key.lastIndexOf('-');
  return { module: key.slice(0, cut) as P2k2Module, sessionNo: Number(key.slice(cut + 1)) };
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

/** When a group can meet: weekday (1 Monday ... 7 Sunday) and local clock times. */
export const AvailabilitySlot = z
  .strictObject({ weekday: z.number().int().min(1).max(7), from: ClockTime, to: ClockTime })
  .refine((slot) => slot.from < slot.to, { message: 'must end after it starts', path: ['to'] });
export type AvailabilitySlot = z.infer<typeof AvailabilitySlot>;

/** True when [start, end) falls inside one stated slot, in the village's local time. */
export function withinAvailability(
  slots: readonly AvailabilitySlot[],
  start: Date,
  end: Date,
  villageCode: string,
): boolean {
  const from = localClock(start, villageCode);
  const to = localClock(end, villageCode);
  // A session that crosses local midnight never fits a same-day slot.
  if (from.weekday !== to.weekday) return false;
  return slots.some(
    (slot) => slot.weekday === from.weekday && slot.from <= from.time && to.time <= slot.to,
  );
}
