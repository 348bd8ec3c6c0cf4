import ExcelJS from 'exceljs';
import type { ReportDocument } from './report-document.js';

/**
 * An XLSX workbook of the report: a summary sheet (meta and figures, numbers as numbers so
 * they can be summed) and one sheet per table with a frozen header row.
 */
export async function toXlsx(doc: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Jembatan';
  book.created = new Date();
  const summary = book.addWorksheet('Ringkasan');
  summary.columns = [{ width: 48 }, { width: 28 }];
  summary.addRow([doc.title]).font = { bold: true, size: 14 };
  summary.addRow([doc.subtitle]);
  summary.addRow([]);
  for (const [label, value] of doc.meta)
    summary.addRow([label, value]).getCell(1).font = { bold: true };
  for (const section of doc.sections) {
    summary.addRow([]);
    summary.addRow([section.title]).font = { bold: true, size: 12 };
    for (const [label, value] of section.rows) summary.addRow([label, value]);
  }
  summary.addRow([]);
  summary.addRow([doc.footer]).font = { italic: true, color: { argb: 'FF666666' } };

  const used = new Set(['Ringkasan']);
  for (const table of doc.tables) {
    // Sheet names: at most 31 characters, unique.
    let name = table.sheet.slice(0, 31);
    for (let n = 2; used.has(name); n += 1) name = `${table.sheet.slice(0, 28)} ${n}`;
    used.add(name);
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.header.map((header, i) => ({ header, width: i === 0 ? 40 : 16 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
