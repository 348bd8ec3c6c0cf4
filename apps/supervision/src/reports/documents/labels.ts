import { P2K2_CATALOGUE, type ActivityKind, type RhkStatus } from '@jembatan/contracts';

/** How the printed reports name things: Bahasa Indonesia, as the RHK is filed. */
export const KIND_LABEL: Record<ActivityKind, string> = {
  'p2k2-session': 'Pertemuan P2K2',
  'home-visit': 'Kunjungan rumah',
  assessment: 'Asesmen keluarga',
  registration: 'Pendaftaran KPM',
  'data-update': 'Pemutakhiran data',
  'case-opened': 'Kasus dibuka',
  'case-resolved': 'Kasus diselesaikan',
  'stage-change': 'Perubahan tahap graduasi',
  'mentoring-started': 'Rujukan ke pendamping usaha',
  'aid-distribution': 'Pemantauan penyaluran bansos',
  'compliance-verification': 'Verifikasi komitmen',
  'directed-task': 'Tugas arahan selesai',
};

export const STATUS_LABEL: Record<RhkStatus, string> = {
  draft: 'Draf (belum dikirim)',
  submitted: 'Dikirim, menunggu pemeriksaan',
  approved: 'Disetujui',
  returned: 'Dikembalikan untuk diperbaiki',
};

export const moduleLabel = (module: string) =>
  P2K2_CATALOGUE.find((m) => m.module === module)?.id ?? module;

/** A work-log item's details in a few words, for the evidence table. */
export function detailText(kind: ActivityKind, detail: Record<string, unknown>): string {
  switch (kind) {
    case 'p2k2-session':
      return `${moduleLabel(String(detail.module))} sesi ${detail.sessionNo}, hadir ${detail.attended}/${detail.invited}`;
    case 'registration':
      return `${detail.families} keluarga${detail.import ? ' (impor CSV)' : ''}`;
    case 'stage-change':
      return `${detail.from} -> ${detail.to}`;
    case 'aid-distribution':
      return `tahap ${detail.stage}/${detail.year}${detail.zeroBalance ? ', saldo nol' : ''}`;
    case 'compliance-verification':
      return `${detail.period}: ${detail.compliant ? 'memenuhi' : 'tidak memenuhi'}`;
    case 'data-update':
      return Array.isArray(detail.changed) ? detail.changed.join(', ') : '';
    case 'case-opened':
    case 'case-resolved':
      return String(detail.caseKind ?? '');
    case 'directed-task':
      return `${detail.title}: ${detail.report}`;
    case 'home-visit':
      return detail.note ? String(detail.note) : '';
    default:
      return '';
  }
}
