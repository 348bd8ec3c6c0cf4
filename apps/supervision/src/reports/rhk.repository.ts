import { Injectable } from '@nestjs/common';
import type { ActivityItemView, RhkFigures, RhkStatus } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';

export interface StoredRhk {
  assistantId: string;
  month: string;
  regionCode: string | null;
  status: Exclude<RhkStatus, 'draft'>;
  figures: RhkFigures;
  evidence: ActivityItemView[];
  notes: string;
  submittedAt: Date;
  reviewedBy: string | null;
  reviewerName: string | null;
  reviewedAt: Date | null;
  decision: 'approved' | 'returned' | null;
  reviewNote: string | null;
}

const RHK_SELECT = `SELECT r.assistant_id::text AS "assistantId", r.month, r.region_code AS "regionCode",
    r.status, r.figures, r.evidence, r.notes, r.submitted_at AS "submittedAt",
    r.reviewed_by AS "reviewedBy", s.display_name AS "reviewerName", r.reviewed_at AS "reviewedAt",
    r.decision, r.review_note AS "reviewNote"
  FROM rhk_report r LEFT JOIN staff_member s ON s.account_id::text = r.reviewed_by`;

/** Submitted RHKs: the figures and evidence as the assistant submitted them, and the review. */
@Injectable()
export class RhkRepository {
  async find(db: SqlClient, assistantId: string, month: string, lock = false) {
    const [row] = await db.$queryRawUnsafe<StoredRhk[]>(
      `${RHK_SELECT} WHERE r.assistant_id = $1::uuid AND r.month = $2${lock ? ' FOR UPDATE OF r' : ''}`,
      assistantId,
      month,
    );
    return row ?? null;
  }

  /** Submits, or resubmits a returned report; false when it is submitted or approved already. */
  async submit(
    db: SqlClient,
    report: {
      assistantId: string;
      month: string;
      regionCode: string | null;
      figures: RhkFigures;
      evidence: ActivityItemView[];
      notes: string;
    },
  ): Promise<boolean> {
    const written = await db.$executeRawUnsafe(
      `INSERT INTO rhk_report (assistant_id, month, region_code, status, figures, evidence, notes, submitted_at)
       VALUES ($1::uuid, $2, $3, 'submitted', $4::jsonb, $5::jsonb, $6, now())
       ON CONFLICT (assistant_id, month) DO UPDATE SET status = 'submitted',
         region_code = excluded.region_code, figures = excluded.figures, evidence = excluded.evidence,
         notes = excluded.notes, submitted_at = excluded.submitted_at
       WHERE rhk_report.status = 'returned'`,
      report.assistantId,
      report.month,
      report.regionCode,
      JSON.stringify(report.figures),
      JSON.stringify(report.evidence),
      report.notes,
    );
    return written === 1;
  }

  async review(
    db: SqlClient,
    assistantId: string,
    month: string,
    review: { by: string; decision: 'approved' | 'returned'; note: string | null },
  ) {
    await db.$executeRawUnsafe(
      `UPDATE rhk_report SET status = $3, decision = $3, reviewed_by = $4, reviewed_at = now(),
         review_note = $5
       WHERE assistant_id = $1::uuid AND month = $2`,
      assistantId,
      month,
      review.decision,
      review.by,
      review.note,
    );
  }

  /** Status per assistant for a month. */
  async statuses(db: SqlClient, assistantIds: readonly string[], month: string) {
    const rows = await db.$queryRawUnsafe<
      { assistantId: string; status: RhkStatus; submittedAt: Date }[]
    >(
      `SELECT assistant_id::text AS "assistantId", status, submitted_at AS "submittedAt"
       FROM rhk_report WHERE month = $2 AND assistant_id = ANY($1::uuid[])`,
      assistantIds,
      month,
    );
    return new Map(rows.map((r) => [r.assistantId, r]));
  }
}
