import type { RegionMonthReport, RegionMonthRow } from '@jembatan/contracts';
import { bulanTahun, tanggal } from '@jembatan/service-kit';
import { moduleLabel } from './labels.js';
import type { ReportDocument } from './report-document.js';

const COLUMNS: [string, (r: RegionMonthRow) => number | string | null][] = [
  ['Pendamping', (r) => r.assistants],
  ['Kehadiran %', (r) => r.attendanceRate],
  ['Hari terlambat', (r) => r.lateDays],
  ['P2K2', (r) => r.p2k2Sessions],
  ['Kunjungan', (r) => r.homeVisits],
  ['Penyaluran', (r) => r.aidDistribution],
  ['Verifikasi', (r) => r.complianceVerified],
  ['Asesmen', (r) => r.assessments],
  ['Pemutakhiran', (r) => r.dataUpdates],
  ['Kasus dibuka', (r) => r.casesOpened],
  ['Kasus selesai', (r) => r.casesResolved],
  ['Graduasi mandiri', (r) => r.graduatedSelfReliant],
  ['Graduasi alamiah', (r) => r.graduatedNatural],
  ['Rujukan usaha', (r) => r.tutorReferrals],
  ['RHK dikirim', (r) => r.rhkSubmitted],
  ['RHK disetujui', (r) => r.rhkApproved],
];

/** The monthly region report: the region's totals, then one row per child region or assistant. */
export function regionDocument(report: RegionMonthReport, childLabel: string): ReportDocument {
  const r = report.region;
  return {
    fileStem: `Laporan-wilayah-${report.month}-${(r.code ?? 'nasional').replace(/\./g, '')}`,
    title: `Laporan Bulanan Pendampingan PKH - ${r.name}`,
    subtitle: bulanTahun(report.month),
    meta: [
      ['Wilayah', r.code ? `${r.name} (${r.code})` : r.name],
      ['Bulan', bulanTahun(report.month)],
      ['Pendamping aktif', String(r.assistants)],
    ],
    sections: [
      { title: 'Jumlah wilayah', rows: COLUMNS.map(([label, pick]) => [label, pick(r)]) },
      {
        title: 'Pertemuan P2K2 per modul',
        rows: Object.entries(report.byModule).map(([m, n]) => [moduleLabel(m), n]),
      },
    ],
    tables: [
      {
        title: `Per ${childLabel}`,
        sheet: `Per ${childLabel}`,
        header: [childLabel, ...COLUMNS.slice(0, 6).map(([label]) => label)],
        rows: report.children.map((c) => [
          c.name,
          ...COLUMNS.slice(0, 6).map(([, pick]) => pick(c)),
        ]),
      },
      {
        title: `Per ${childLabel} (lanjutan)`,
        sheet: `Per ${childLabel} (2)`,
        header: [childLabel, ...COLUMNS.slice(6).map(([label]) => label)],
        rows: report.children.map((c) => [c.name, ...COLUMNS.slice(6).map(([, pick]) => pick(c))]),
      },
    ],
    footer: `Dibuat oleh Jembatan dari catatan kegiatan layanan, ${tanggal(new Date().toISOString().slice(0, 10))}`,
  };
}
