import type { CommandResponse } from '@jembatan/contracts';
import { toPdf } from './documents/pdf.js';
import type { ReportDocument } from './documents/report-document.js';
import { toXlsx } from './documents/xlsx.js';

type ExportedFile = CommandResponse<'supervision.rhk.export'>;

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Renders a report to the asked format for the reply (base64: the gateway streams it on). */
export async function exportFile(
  doc: ReportDocument,
  format: 'pdf' | 'xlsx',
): Promise<ExportedFile> {
  const bytes = format === 'pdf' ? await toPdf(doc) : await toXlsx(doc);
  return {
    fileName: `${doc.fileStem}.${format}`,
    contentType: CONTENT_TYPES[format],
    base64: Buffer.from(bytes).toString('base64'),
  };
}
