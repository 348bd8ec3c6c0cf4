/**
 * CSV as spreadsheets read it (RFC 4180, CRLF, a BOM so Excel takes UTF-8). A cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an
 * apostrophe: a family's or partner's name must never become a command on someone's desk.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const cell = (value: string | number | null) => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\ufeff${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
