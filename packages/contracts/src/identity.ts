import { z } from 'zod';

/**
 * NIK (Nomor Induk Kependudukan): 16 digits = district of registration (6), birth date
 * DDMMYY with 40 added to the day for women (6), serial (4, never 0000). Whether the
 * district exists is checked against idn-area-data by the service that stores the NIK.
 */
export function nikProblem(nik: string): string | null {
  if (!/^\d{16}$/.test(nik)) return 'must be exactly 16 digits';
  const province = Number(nik.slice(0, 2));
  if (province < 11) return 'starts with a province code that does not exist';
  const { day, month, yy } = nikBirthParts(nik);
  const fitsCalendar = [1900 + yy, 2000 + yy].some((year) => {
    const date = new Date(Date.UTC(year, month - 1, day));
    return (
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    );
  });
  if (!fitsCalendar) return 'digits 7-12 must be a birth date DDMMYY (day + 40 for women)';
  if (nik.endsWith('0000')) return 'the last four digits (serial) cannot be 0000';
  return null;
}

/** The sex and birth date (DDMM and two-digit year) a NIK encodes. */
export function nikBirthParts(nik: string): {
  sex: 'F' | 'M';
  day: number;
  month: number;
  yy: number;
} {
  const rawDay = Number(nik.slice(6, 8));
  return {
    sex: rawDay > 40 ? 'F' : 'M',
    day: rawDay > 40 ? rawDay - 40 : rawDay,
    month: Number(nik.slice(8, 10)),
    yy: Number(nik.slice(10, 12)),
  };
}

/**
 * Why a NIK does not belong to the person it is given for (birth date `YYYY-MM-DD`, sex), or
 * null when its date and sex parts agree with them.
 */
export function nikPersonMismatch(nik: string, birthDate: string, sex: 'F' | 'M'): string | null {
  const parts = nikBirthParts(nik);
  const [year, month, day] = birthDate.split('-').map(Number);
  if (parts.day !== day || parts.month !== month || parts.yy !== (year ?? 0) % 100)
    return 'digits 7-12 do not match the birth date';
  if (parts.sex !== sex)
    return sex === 'F'
      ? "a woman's NIK has 40 added to the birth day"
      : "a man's NIK has the plain birth day (40 is added for women)";
  return null;
}

/**
 * The birth date a NIK encodes for an adult head of family: of the two possible centuries, the
 * latest that makes them at least 15 years old on `today`.
 */
export function adultBirthDateFromNik(nik: string, today = new Date()): string {
  const { day, month, yy } = nikBirthParts(nik);
  const recent = 2000 + yy;
  const year = today.getUTCFullYear() - recent >= 15 ? recent : 1900 + yy;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const Nik = z.string().superRefine((value, ctx) => {
  const problem = nikProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Indonesian mobile numbers: 08xx, 628xx or +628xx, 10-15 digits in all. */
export const PhoneNumber = z
  .string()
  .regex(/^(\+62|62|0)8[1-9]\d{6,11}$/, 'must be an Indonesian mobile number such as 081234567890');

/** `3175014101900001` -> `317501**********01`: enough to tell records apart, not to misuse. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 6)}${'*'.repeat(8)}${nik.slice(-2)}`;
}

/** `081234567890` -> `0812****7890`. */
export function maskPhone(phone: string): string {
  if (phone.length <= 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, 4)}${'*'.repeat(phone.length - 8)}${phone.slice(-4)}`;
}
