import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import {
  IMPORT_COLUMNS,
  REQUIRED_IMPORT_COLUMNS,
  type FieldError,
  type ImportColumn,
} from '@jembatan/contracts';

/** A row the parser could not take whole: it goes straight to the error report. */
export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

/** The staging table's columns, in the order the COPY stream writes them. */
export const STAGING_COLUMNS = ['line', ...IMPORT_COLUMNS] as const;

// COPY's text format: backslash escapes for the characters that delimit it.
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};
const escapeCopy = (value: string) =>
  /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;

/**
 * Parses CSV (RFC 4180: comma-separated, double-quoted fields may hold commas, quotes as "" and
 * line breaks) and writes PostgreSQL COPY text, each row led by its line number in the file.
 * The header decides which column is which; extra columns are ignored; a row with the wrong
 * number of fields is reported, not staged. Hand-written rather than a general CSV library:
 * it works on whole chunks and emits one string per chunk, about 10x faster on a million rows.
 */
export class CsvToCopyRows extends Transform {
  private readonly decoder = new StringDecoder('utf8');
  private positions: number[] | null = null;
  private width = 0;
  readonly problems: RowProblem[] = [];
  rows = 0;

  // Parser state carried across chunks.
  private fields: string[] = [];
  private field = '';
  private quoted = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private pendingCr = false;
  private quotePending = false;

  constructor(private readonly onHeaderError: (fields: FieldError[]) => Error) {
    super({ readableObjectMode: false, writableObjectMode: false });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      const out = this.parse(this.decoder.write(chunk), false);
      done(null, out || undefined);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const out = this.parse(this.decoder.end(), true);
      done(null, out || undefined);
    } catch (error) {
      done(error as Error);
    }
  }

  private parse(text: string, end: boolean): string {
    let out = '';
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1; // byte order mark from spreadsheet exports
    }
    const n = text.length;
    if (this.quotePending && i < n) {
      this.quotePending = false;
      if (text.charCodeAt(i) === 34) {
        this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
        i++;
      }
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (this.quoted) {
        if (c === 34) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === 34) {
              this.field += '"';
              i += 2;
              continue;
            }
            this.quoted = false;
            this.afterQuote = true;
            i++;
            continue;
          }
          // A quote at the end of the chunk: the next chunk tells whether it was "" or the end.
          this.quotePending = !end;
          this.quoted = false;
          this.afterQuote = true;
          i++;
          continue;
        }
        if (c === 10) this.line++;
        // Copy a run of plain characters at once.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 34 || d === 10) break;
          j++;
        }
        this.field += text.slice(i, j);
        i = j;
        continue;
      }
      if (c === 44) {
        this.fields.push(this.field);
        this.field = '';
        this.afterQuote = false;
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        out += this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (c === 13) this.pendingCr = true;
        i++;
        continue;
      }
      if (c === 34 && this.field === '' && !this.afterQuote) {
        this.quoted = true;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13 || d === 34) break;
        j++;
      }
      this.field += text.slice(i, j);
      i = j;
    }
    if (end && (this.field !== '' || this.fields.length > 0)) out += this.endRecord();
    return out;
  }

  private endRecord(): string {
    const record = this.fields;
    record.push(this.field);
    this.fields = [];
    this.field = '';
    this.afterQuote = false;
    const line = this.recordLine;
    if (record.length === 1 && record[0] === '') return ''; // blank line
    if (!this.positions) {
      this.header(record);
      return '';
    }
    if (record.length !== this.width) {
      this.problems.push({
        line,
        field: '',
        reason: `has ${record.length} columns where the header has ${this.width}`,
      });
      return '';
    }
    this.rows += 1;
    let row = String(line);
    for (const at of this.positions) row += `\t${at < 0 ? '' : escapeCopy(record[at]!)}`;
    return `${row}\n`;
  }

  private header(record: string[]): void {
    const names = record.map((name) => name.trim().toLowerCase());
    const missing = REQUIRED_IMPORT_COLUMNS.filter((column) => !names.includes(column));
    if (missing.length > 0) {
      throw this.onHeaderError(
        missing.map((column) => ({ path: `header.${column}`, message: 'is a required column' })),
      );
    }
    this.positions = IMPORT_COLUMNS.map((column: ImportColumn) => names.indexOf(column));
    this.width = record.length;
  }
}
