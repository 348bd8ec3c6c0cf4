import type { CaseKind, CaseStatus, CaseView } from '@jembatan/contracts';
import type { CaseNote, KpmCase } from '../generated/prisma/client.js';

export function toCaseView(kpmCase: KpmCase & { notes: CaseNote[] }): CaseView {
  return {
    id: kpmCase.id,
    kpmId: kpmCase.kpmId,
    kind: kpmCase.kind as CaseKind,
    status: kpmCase.status as CaseStatus,
    summary: kpmCase.summary,
    openedBy: kpmCase.openedBy,
    openedAt: kpmCase.openedAt.toISOString(),
    closedAt: kpmCase.closedAt?.toISOString() ?? null,
    notes: kpmCase.notes.map((note) => ({
      by: note.by,
      at: note.at.toISOString(),
      text: note.text,
      status: note.status as CaseStatus | null,
    })),
  };
}
