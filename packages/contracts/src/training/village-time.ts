// A village's clock, without zod: the portal's first screens import it (see pure.ts).

/** Indonesia's three time zones by province code (WIB +7, WITA +8, WIT +9). */
export function utcOffsetHoursOf(villageCode: string): number {
  const province = Number(villageCode.slice(0, 2));
  if (province >= 81) return 9; // Maluku, Maluku Utara, Papua provinces
  if (province >= 71 || (province >= 51 && province <= 53) || (province >= 63 && province <= 65))
    return 8; // Sulawesi, Bali, Nusa Tenggara, South/East/North Kalimantan
  return 7; // Sumatra, Java, West and Central Kalimantan
}

/** Weekday (1-7) and HH:MM of an instant in a village's local time. */
export function localClock(at: Date, villageCode: string): { weekday: number; time: string } {
  const local = new Date(at.getTime() + utcOffsetHoursOf(villageCode) * 3_600_000);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { weekday, time: local.toISOString().slice(11, 16) };
}

const ZONE_NAMES: Record<number, string> = { 7: 'WIB', 8: 'WITA', 9: 'WIT' };

/** `2026-11-28T19:00` typed for a village -> `2026-11-28T19:00:00+07:00`. */
export function villageLocalToInstant(local: string, villageCode: string): string {
  const offset = utcOffsetHoursOf(villageCode);
  return `${local.slice(0, 16)}:00+${String(offset).padStart(2, '0')}:00`;
}

/** An instant as the village reads it: `2026-11-28 19:00 WIB`. */
export function villageTime(instant: string, villageCode: string): string {
  const offset = utcOffsetHoursOf(villageCode);
  const local = new Date(Date.parse(instant) + offset * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} ${ZONE_NAMES[offset]}`;
}
