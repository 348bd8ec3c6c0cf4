/** What the services' printed documents (certificates, reports) share. */

export const BULAN = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** `2026-11-23` -> `23 November 2026`, as Indonesian documents write dates. */
export const tanggal = (isoDate: string) => {
  const [year, month, dayOfMonth] = isoDate.split('-').map(Number);
  return `${dayOfMonth} ${BULAN[month! - 1]} ${year}`;
};

/** `2026-11` -> `November 2026`. */
export const bulanTahun = (month: string) => {
  const [year, m] = month.split('-').map(Number);
  return `${BULAN[m! - 1]} ${year}`;
};

/** The standard PDF fonts encode WinAnsi only; anything else prints as '?' rather than failing. */
export const winAnsi = (text: string) => text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
