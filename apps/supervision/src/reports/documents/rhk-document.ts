import type { RhkView } from '@jembatan/contracts';
import { bulanTahun, tanggal } from '@jembatan/service-kit';
import { KIND_LABEL, STATUS_LABEL, detailText, moduleLabel } from './labels.js';
import type { ReportDocument } from './report-document.js';

const percent = (value: number | null) => (value === null ? null : `${value}%`);

/** The RHK as a printable document: the figures by RHK item, then every item of evidence. */
export function rhkDocument(rhk: RhkView, regionName: string): ReportDocument {
  const f = rhk.figures;
  const review = rhk.review
    ? `${rhk.review.decision === 'approved' ? 'Disetujui' : 'Dikembalikan'} oleh ${rhk.review.byName ?? rhk.review.by}, ${tanggal(rhk.review.at.slice(0, 10))}${rhk.review.note ? `: ${rhk.review.note}` : ''}`
    : '-';
  return {
    fileStem: `RHK-${rhk.month}-${rhk.assistantName.replace(/[^A-Za-z0-9]+/g, '-')}`,
    title: 'Rencana Hasil Kerja (RHK) Pendamping Sosial PKH',
    subtitle: `Laporan bulanan ${bulanTahun(rhk.month)}`,
    meta: [
      ['Nama pendamping', rhk.assistantName],
      ['Wilayah', `${regionName}${rhk.regionCode ? ` (${rhk.regionCode})` : ''}`],
      ['Bulan', bulanTahun(rhk.month)],
      ['Status', STATUS_LABEL[rhk.status]],
      ['Dikirim', rhk.submittedAt ? tanggal(rhk.submittedAt.slice(0, 10)) : '-'],
      ['Pemeriksaan koordinator', review],
    ],
    sections: [
      {
        title: '1. Penyaluran bantuan sosial',
        rows: [
          ['Keluarga yang penyalurannya dipantau', f.aidDistribution.families],
          ['Di antaranya saldo nol', f.aidDistribution.zeroBalance],
        ],
      },
      {
        title: '2. Pertemuan P2K2 per modul',
        rows: [
          ['Pertemuan diselenggarakan', f.p2k2.sessions],
          ...Object.entries(f.p2k2.byModule).map(
            ([module, n]) => [`  Modul ${moduleLabel(module)}`, n] as [string, number],
          ),
          ['Tingkat kehadiran peserta', percent(f.p2k2.attendanceRate)],
        ],
      },
      {
        title: '3. Verifikasi komitmen',
        rows: [
          ['Keluarga diverifikasi', f.compliance.verified],
          ['Memenuhi komitmen', f.compliance.compliant],
          ['Tidak memenuhi komitmen', f.compliance.nonCompliant],
        ],
      },
      {
        title: '4. Graduasi sejahtera mandiri terhadap target',
        rows: [
          ['Graduasi sejahtera mandiri bulan ini', f.graduation.selfReliant],
          ['Graduasi alamiah bulan ini', f.graduation.natural],
          ['Graduasi sejahtera mandiri sejak Januari', f.graduation.selfReliantYearToDate],
          ['Target tahunan pendamping', f.graduation.yearlyTarget],
        ],
      },
      {
        title: '5. Pemutakhiran data',
        rows: [
          ['Pemutakhiran data keluarga', f.dataUpdates.updates],
          ['Keluarga didaftarkan', f.dataUpdates.registrations],
          ['Asesmen keluarga', f.dataUpdates.assessments],
        ],
      },
      {
        title: '6. Penanganan kasus',
        rows: [
          ['Kasus dibuka', f.cases.opened],
          ['Kasus diselesaikan', f.cases.resolved],
        ],
      },
      {
        title: '7. Tugas arahan',
        rows: [
          ['Tugas jatuh tempo bulan ini', f.directedTasks.assigned],
          ['Selesai', f.directedTasks.done],
          ['Terlambat', f.directedTasks.overdue],
        ],
      },
      {
        title: '8. Pendampingan dan kehadiran',
        rows: [
          ['Kunjungan rumah', f.homeVisits],
          ['Rujukan ke pendamping usaha', f.tutorReferrals],
          ['Hari kerja', f.attendance.workingDays],
          ['Hadir', f.attendance.present],
          ['Terlambat', f.attendance.late],
          ['Tidak hadir', f.attendance.absent],
          ['Rapat koordinasi tidak dihadiri', f.attendance.meetingsMissed],
        ],
      },
      { title: 'Catatan pendamping', rows: [[rhk.notes ?? '-', null]] },
    ],
    tables: [
      {
        title: `Bukti kegiatan (${rhk.evidence.length})`,
        sheet: 'Bukti kegiatan',
        header: ['Kegiatan', 'Tanggal', 'Rujukan', 'Keterangan'],
        widths: [3, 1.4, 2.6, 5],
        rows: rhk.evidence.map((e) => [
          KIND_LABEL[e.kind],
          e.at.slice(0, 10),
          e.refId,
          detailText(e.kind, e.detail),
        ]),
      },
    ],
    footer: `Dibuat oleh Jembatan dari catatan kegiatan layanan, ${tanggal(new Date().toISOString().slice(0, 10))}`,
  };
}
