import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes what needs quoting and keeps numbers and blanks plain', () => {
    expect(toCsv(['a', 'b', 'c'], [['Ibu "Sri", Jakarta', 12, null]])).toBe(
      '\ufeffa,b,c\r\n"Ibu ""Sri"", Jakarta",12,\r\n',
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = toCsv(['name'], [['=HYPERLINK("http://x")'], ['+62812'], ['@SUM(A1)'], ['-1+1']]);
    expect(csv.split('\r\n').slice(1, 5)).toEqual([
      `"'=HYPERLINK(""http://x"")"`,
      "'+62812",
      "'@SUM(A1)",
      "'-1+1",
    ]);
  });
});
