import type { RhkView } from '@jembatan/contracts';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { toPdf } from './pdf.js';
import { rhkDocument } from './rhk-document.js';
import { toXlsx } from './xlsx.js';

const rhk = (evidence: number): RhkView => ({
  assistantId: '00000000-0000-4000-8000-000000000004',
  assistantName: 'Siti Rahmawati',
  regionCode: '31.75.01',
  month: '2026-11',
  status: 'submitted',
  figures: {
    aidDistribution: { families: 12, zeroBalance: 1 },
    p2k2: { sessions: 3, byModule: { economy: 2, health: 1 }, attendanceRate: 85 },
    compliance: { verified: 40, compliant: 38, nonCompliant: 2 },
    graduation: { selfReliant: 1, natural: 0, selfReliantYearToDate: 6, yearlyTarget: 9 },
    dataUpdates: { updates: 5, registrations: 2, assessments: 4 },
    cases: { opened: 1, resolved: 1 },
    homeVisits: 14,
    tutorReferrals: 2,
    directedTasks: { assigned: 2, done: 1, overdue: 0 },
    attendance: { workingDays: 21, present: 20, late: 2, absent: 1, meetingsMissed: 0 },
  },
  evidence: Array.from({ length: evidence }, (_, i) => ({
    kind: 'home-visit' as const,
    refId: `visit-${i}`,
    at: '2026-11-10T03:00:00.000Z',
    detail: { note: `Kunjungan ke keluarga nomor ${i}` },
  })),
  notes: 'Bulan ini fokus pada verifikasi komitmen pendidikan dan kunjungan rumah.',
  submittedAt: '2026-11-30T09:00:00.000Z',
  review: null,
});

describe('report documents', () => {
  it('writes the RHK figures and every item of evidence to the workbook', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(rhkDocument(rhk(3), 'Matraman'))) as never);
    const summary = book.getWorksheet('Ringkasan')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Pertemuan diselenggarakan')).toBe(3);
    expect(values.get('  Modul Ekonomi')).toBe(2);
    expect(values.get('Tingkat kehadiran peserta')).toBe('85%');
    expect(values.get('Graduasi sejahtera mandiri sejak Januari')).toBe(6);
    expect(values.get('Nama pendamping')).toBe('Siti Rahmawati');
    const evidence = book.getWorksheet('Bukti kegiatan')!;
    expect(evidence.rowCount).toBe(4); // header + 3
    expect(evidence.getRow(2).values).toEqual([
      undefined,
      'Kunjungan rumah',
      '2026-11-10',
      'visit-0',
      'Kunjungan ke keluarga nomor 0',
    ]);
  });

  it('prints a PDF that runs over pages as the evidence grows', async () => {
    const short = await PDFDocument.load(await toPdf(rhkDocument(rhk(3), 'Matraman')));
    const long = await PDFDocument.load(await toPdf(rhkDocument(rhk(200), 'Matraman')));
    expect(short.getPageCount()).toBe(2);
    expect(long.getPageCount()).toBeGreaterThan(short.getPageCount() + 2);
    expect(short.getTitle()).toContain('November 2026');
  });
});
