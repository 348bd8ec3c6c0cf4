import { z } from 'zod';
import type { CommandDefinition } from './catalog.js';

/**
 * The CSV layout of a family import, as a Dinas Sosial office exports its KPM list (one row per
 * family; members are added on the family's profile). Header names are required, in any order;
 * `no_hp` and `kelompok` may be left empty.
 */
export const IMPORT_COLUMNS = [
  'nik_pengurus',
  'nama_pengurus',
  'no_hp',
  'kode_kelurahan',
  'alamat',
  'tahun_masuk_pkh',
  'kelompok',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = [
  'nik_pengurus',
  'nama_pengurus',
  'kode_kelurahan',
  'alamat',
  'tahun_masuk_pkh',
];

export const IMPORT_STATUSES = [
  'receiving',
  'validating',
  'inserting',
  'completed',
  'failed',
] as const;

export const ImportView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  sha256: z.string(),
  assistantId: z.string(),
  status: z.enum(IMPORT_STATUSES),
  rowsReceived: z.number().int(),
  rowsInserted: z.number().int(),
  /** Rows whose NIK is already registered: a re-import of the same file lands here. */
  rowsAlreadyRegistered: z.number().int(),
  rowsInvalid: z.number().int(),
  errors: z.number().int(),
  failure: z.string().nullable(),
  startedBy: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Seconds per phase, for the import page and the benchmark. */
  timings: z.record(z.string(), z.number()),
});
export type ImportView = z.infer<typeof ImportView>;

export const GetImport = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({ importId: z.uuid() }),
  response: ImportView,
} satisfies CommandDefinition;

export const ListImports = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({}),
  response: z.object({ items: z.array(ImportView) }),
} satisfies CommandDefinition;
