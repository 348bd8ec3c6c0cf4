import { winAnsi } from '@jembatan/service-kit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { cellText, type ReportDocument } from './report-document.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const LINE = 15;
const GREY = rgb(0.35, 0.35, 0.35);

/** Cuts text to fit a width, with an ellipsis, so a long name never runs into the next column. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  let safe = winAnsi(text);
  if (font.widthOfTextAtSize(safe, size) <= width) return safe;
  while (safe.length > 1 && font.widthOfTextAtSize(`${safe}...`, size) > width)
    safe = safe.slice(0, -1);
  return `${safe}...`;
}

/** Splits a paragraph into lines that fit a width. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of winAnsi(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** An A4 portrait PDF of the report: title, meta lines, sections of figures, then tables. */
export async function toPdf(doc: ReportDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(winAnsi(`${doc.title} - ${doc.subtitle}`));
  pdf.setProducer('Jembatan');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;

  const room = (lines: number) => {
    if (y - lines * LINE >= MARGIN + LINE) return;
    page = pdf.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const text = (value: string, x: number, size = 10, font = regular, maxWidth = width) => {
    page.drawText(fit(value, font, size, maxWidth), { x, y, size, font });
  };

  text(doc.title, MARGIN, 16, bold);
  y -= 20;
  text(doc.subtitle, MARGIN, 11);
  y -= LINE * 1.5;
  for (const [label, value] of doc.meta) {
    room(1);
    text(label, MARGIN, 10, bold, 140);
    text(value, MARGIN + 150, 10, regular, width - 150);
    y -= LINE;
  }
  for (const section of doc.sections) {
    room(section.rows.length + 2);
    y -= LINE / 2;
    text(section.title, MARGIN, 12, bold);
    y -= LINE;
    for (const [label, value] of section.rows) {
      if (value === null) {
        for (const line of wrap(label, regular, 10, width - 10)) {
          room(1);
          text(line, MARGIN + 10);
          y -= LINE;
        }
        continue;
      }
      room(1);
      text(label, MARGIN + 10, 10, regular, width - 110);
      const shown = cellText(value);
      page.drawText(fit(shown, regular, 10, 90), {
        x: MARGIN + width - regular.widthOfTextAtSize(fit(shown, regular, 10, 90), 10),
        y,
        size: 10,
        font: regular,
      });
      y -= LINE;
    }
  }
  for (const table of doc.tables) {
    room(4);
    y -= LINE / 2;
    text(table.title, MARGIN, 12, bold);
    y -= LINE;
    // By default the first column (a name or a description) takes what the others leave.
    const others = table.header.length - 1;
    const narrow = others > 0 ? Math.min(70, (width * 0.6) / others) : 0;
    const relative = table.widths ?? [
      width - narrow * others,
      ...Array<number>(others).fill(narrow),
    ];
    const total = relative.reduce((sum, w) => sum + w, 0);
    const columns = relative.map((w) => (w / total) * width);
    const row = (cells: string[], font: PDFFont) => {
      room(1);
      let x = MARGIN;
      cells.forEach((cell, i) => {
        text(cell, x, 8.5, font, columns[i]! - 4);
        x += columns[i]!;
      });
      y -= LINE - 2;
    };
    row(table.header, bold);
    if (table.rows.length === 0) row(['(tidak ada)'], regular);
    for (const cells of table.rows) row(cells.map(cellText), regular);
  }
  for (const [index, each] of pdf.getPages().entries())
    each.drawText(winAnsi(`${doc.footer} - halaman ${index + 1}/${pdf.getPageCount()}`), {
      x: MARGIN,
      y: MARGIN / 2,
      size: 8,
      font: regular,
      color: GREY,
    });
  return pdf.save();
}
