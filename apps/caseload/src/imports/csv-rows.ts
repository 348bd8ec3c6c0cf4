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
const escapeCopy = (value: string) =>
  value.replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
  );

/**
 * Turns parsed CSV records (from csv-parse with `info: true`) into lines of PostgreSQL COPY
 * text, each led by its line number in the file. The header decides which column is which;
 * a row with the wrong number of fields is reported, not staged. Extra columns are ignored.
 */
export class CsvToCopyRows extends Transform {
  private positions: Partial<Record<ImportColumn, number>> | null = null;
  private width = 0;
  readonly problems: RowProblem[] = [];
  rows = 0;

  constructor(private readonly onHeaderError: (fields: FieldError[]) => Error) {
    super({ objectMode: true, readableObjectMode: false, writableObjectMode: true });
  }

  override _transform(
    chunk: { record: string[]; info: { lines: number } },
    _encoding: BufferEncoding,
    done: TransformCallback,
  ): void {
    const { record, info } = chunk;
    if (!this.positions) {
      const header = record.map((name) => name.trim().toLowerCase());
      const missing = REQUIRED_IMPORT_COLUMNS.filter((column) => !header.includes(column));
      if (missing.length > 0) {
        done(
          this.onHeaderError(
            missing.map((column) => ({
              path: `header.${column}`,
              message: 'is a required column',
            })),
          ),
        );
        return;
      }
      this.positions = Object.fromEntries(
        IMPORT_COLUMNS.filter((column) => header.includes(column)).map((column) => [
          column,
          header.indexOf(column),
        ]),
      );
      this.width = record.length;
      done();
      return;
    }
    if (record.length !== this.width) {
      this.problems.push({
        line: info.lines,
        field: '',
        reason: `has ${record.length} columns where the header has ${this.width}`,
      });
      done();
      return;
    }
    this.rows += 1;
    const positions = this.positions;
    const values = IMPORT_COLUMNS.map((column) => {
      const at = positions[column];
      return at === undefined ? '' : escapeCopy(record[at] ?? '');
    });
    done(null, `${info.lines}\t${values.join('\t')}\n`);
  }
}
