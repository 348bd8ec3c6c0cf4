/**
 * A printable report as data: the RHK and the region report describe themselves once and are
 * rendered to PDF and XLSX from the same description, so the two files always agree.
 */
export type Cell = string | number | null;

export interface ReportDocument {
  /** Also the file name's stem. */
  fileStem: string;
  title: string;
  subtitle: string;
  /** Label and value lines under the title: who, where, which month, status. */
  meta: [string, string][];
  /** Label and figure lines; a line without a figure is a paragraph (wrapped). */
  sections: { title: string; rows: [string, Cell][] }[];
  tables: {
    title: string;
    sheet: string;
    header: string[];
    rows: Cell[][];
    /** Relative column widths; by default the first column takes what the others leave. */
    widths?: number[];
  }[];
  footer: string;
}

export const cellText = (cell: Cell) => (cell === null ? '-' : String(cell));
