import { z } from 'zod';

export const P2K2_MODULE_KEYS = [
  'economy',
  'health',
  'social-welfare',
  'parenting',
  'child-protection',
] as const;
export const P2k2Module = z.enum(P2K2_MODULE_KEYS);
export type P2k2Module = z.infer<typeof P2k2Module>;

export interface P2k2SessionTitle {
  no: number;
  id: string;
  en: string;
}

/**
 * The P2K2 curriculum as the programme runs it: 15 sessions in 5 modules (Kemensos'
 * Family Development Session modules). Groups take them in this order unless the assistant
 * plans otherwise.
 */
export const P2K2_CATALOGUE: readonly {
  module: P2k2Module;
  id: string;
  en: string;
  sessions: readonly P2k2SessionTitle[];
}[] = [
  {
    module: 'economy',
    id: 'Ekonomi',
    en: 'Economy',
    sessions: [
      { no: 1, id: 'Mengelola Keuangan Keluarga', en: 'Managing family finances' },
      { no: 2, id: 'Cermat Meminjam dan Menabung', en: 'Borrowing and saving wisely' },
      { no: 3, id: 'Memulai Usaha', en: 'Starting a business' },
    ],
  },
  {
    module: 'health',
    id: 'Kesehatan',
    en: 'Health and nutrition',
    sessions: [
      { no: 1, id: 'Pentingnya Gizi dan Layanan Ibu Hamil', en: 'Nutrition and care in pregnancy' },
      {
        no: 2,
        id: 'Pentingnya Gizi Ibu Menyusui dan Balita',
        en: 'Nutrition for nursing mothers and infants',
      },
      {
        no: 3,
        id: 'Kesakitan pada Anak dan Kesehatan Lingkungan',
        en: "Children's illness and a healthy home",
      },
      { no: 4, id: 'Permainan untuk Anak', en: 'Play for young children' },
    ],
  },
  {
    module: 'social-welfare',
    id: 'Kesejahteraan Sosial',
    en: 'Social welfare',
    sessions: [
      { no: 1, id: 'Pelayanan Disabilitas Berat', en: 'Caring for severe disability' },
      { no: 2, id: 'Pelayanan Kesejahteraan Lanjut Usia', en: 'Caring for the elderly' },
    ],
  },
  {
    module: 'parenting',
    id: 'Pengasuhan dan Pendidikan Anak',
    en: 'Parenting and education',
    sessions: [
      { no: 1, id: 'Menjadi Orang Tua yang Lebih Baik', en: 'Becoming a better parent' },
      { no: 2, id: 'Memahami Perilaku Anak', en: "Understanding children's behaviour" },
      { no: 3, id: 'Memahami Cara Anak Usia Dini Belajar', en: 'How young children learn' },
      { no: 4, id: 'Membantu Anak Sukses di Sekolah', en: 'Helping children succeed at school' },
    ],
  },
  {
    module: 'child-protection',
    id: 'Perlindungan Anak',
    en: 'Child protection',
    sessions: [
      {
        no: 1,
        id: 'Pencegahan Kekerasan dan Perlakuan Salah pada Anak',
        en: 'Preventing violence against children',
      },
      {
        no: 2,
        id: 'Penelantaran dan Eksploitasi Anak',
        en: 'Neglect and exploitation of children',
      },
    ],
  },
];

/** `economy-1` ... `child-protection-2`: the 15 sessions in curriculum order. */
export const P2K2_SESSION_KEYS: readonly string[] = P2K2_CATALOGUE.flatMap((m) =>
  m.sessions.map((s) => `${m.module}-${s.no}`),
);

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
