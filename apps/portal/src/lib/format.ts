/** Whole rupiah as Indonesians write it, whatever the language: Rp 2.500.003. */
export const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;

/**
 * The screen's locale: Indonesian conventions by default, British English as the second. Set
 * by the language switch (i18n/index.ts) before the screens re-render.
 */
let current = 'id-ID';
export function formatFor(language: 'id' | 'en'): void {
  current = language === 'en' ? 'en-GB' : 'id-ID';
}
const locale = () => current;

/** A count with the reader's thousands separator: 1.234 (id) or 1,234 (en). */
export const count = (value: number) => value.toLocaleString(locale());

/** A calendar day (`2026-12-05`) as people write it: 5 Des 2026 / 5 Dec 2026. */
export const day = (iso: string) =>
  new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString(locale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** A clock time of an instant on this device: 07.42 (id) or 07:42 (en). */
export const clock = (instant: string) =>
  new Date(instant).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });

/** Today on this device (the assistant's phone is in the village's time zone). */
export const localToday = (now = new Date()) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** An instant with its day and clock time: 5 Des 2026 07.42 / 5 Dec 2026, 07:42. */
export const dateTime = (instant: string) =>
  new Date(instant).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
