import { Injectable } from '@nestjs/common';
import type { Actor, CorrectionView } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';

const CORRECTION_COLUMNS = `c.id, c.assistant_id::text AS "assistantId", s.display_name AS "assistantName",
  to_char(c.day, 'YYYY-MM-DD') AS day, c.kind, c.check_in_time AS "checkInTime",
  c.check_out_time AS "checkOutTime", c.reason, c.status, c.requested_at AS "requestedAt",
  c.decided_by AS "decidedBy", c.decided_at AS "decidedAt", c.decision_note AS "decisionNote",
  c.region_code AS "regionCode", c.ref_id AS "refId"`;

type CorrectionRow = Omit<CorrectionView, 'requestedAt' | 'decidedAt'> & {
  requestedAt: Date;
  decidedAt: Date | null;
  regionCode: string;
  refId: string | null;
};

export type Correction = CorrectionView & { regionCode: string; refId: string | null };

const view = (row: CorrectionRow): Correction => ({
  ...row,
  requestedAt: row.requestedAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
});

const FROM = `FROM attendance_correction c LEFT JOIN staff_member s ON s.account_id = c.assistant_id`;

/** Correction requests and their decisions. */
@Injectable()
export class CorrectionsRepository {
  async create(
    tx: Tx,
    c: {
      assistantId: string;
      regionCode: string;
      day: string;
      kind: string;
      refId: string | null;
      checkInTime: string;
      checkOutTime: string | null;
      reason: string;
    },
  ): Promise<Correction> {
    const [{ id }] = (await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO attendance_correction (assistant_id, region_code, day, kind, ref_id, check_in_time,
         check_out_time, reason, status)
       VALUES ($1::uuid, $2, $3::date, $4, $5, $6, $7, $8, 'pending') RETURNING id`,
      c.assistantId,
      c.regionCode,
      c.day,
      c.kind,
      c.refId,
      c.checkInTime,
      c.checkOutTime,
      c.reason,
    )) as [{ id: string }];
    return (await this.get(tx, id)) as Correction;
  }

  async get(db: SqlClient, id: string, lock = false): Promise<Correction | null> {
    const [row] = await db.$queryRawUnsafe<CorrectionRow[]>(
      `SELECT ${CORRECTION_COLUMNS} ${FROM} WHERE c.id = $1::uuid${lock ? ' FOR UPDATE OF c' : ''}`,
      id,
    );
    return row ? view(row) : null;
  }

  async pendingFor(db: SqlClient, assistantId: string, day: string, kind: string) {
    const [row] = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM attendance_correction
       WHERE assistant_id = $1::uuid AND day = $2::date AND kind = $3 AND status = 'pending'`,
      assistantId,
      day,
      kind,
    );
    return row ?? null;
  }

  async decide(
    tx: Tx,
    id: string,
    status: 'approved' | 'rejected',
    by: string,
    note: string | null,
    entryId: string | null,
  ) {
    await tx.$executeRawUnsafe(
      `UPDATE attendance_correction SET status = $2, decided_by = $3, decided_at = now(),
         decision_note = $4, entry_id = $5::uuid WHERE id = $1::uuid`,
      id,
      status,
      by,
      note,
      entryId,
    );
    return (await this.get(tx, id)) as Correction;
  }

  async ofAssistant(db: SqlClient, assistantId: string, from: string, to: string) {
    const rows = await db.$queryRawUnsafe<CorrectionRow[]>(
      `SELECT ${CORRECTION_COLUMNS} ${FROM}
       WHERE c.assistant_id = $1::uuid AND c.day BETWEEN $2::date AND $3::date ORDER BY c.requested_at`,
      assistantId,
      from,
      to,
    );
    return rows.map(view);
  }

  /** Corrections a caller may see: their own (assistant) or their region's (supervisors). */
  async list(db: SqlClient, actor: Actor, status: string | undefined) {
    const own = actor.role === 'assistant';
    const rows = await db.$queryRawUnsafe<CorrectionRow[]>(
      `SELECT ${CORRECTION_COLUMNS} ${FROM}
       WHERE ($1::text IS NULL OR c.status = $1)
         AND (${own ? 'c.assistant_id = $2::uuid' : "$2::text IS NULL OR c.region_code = $2 OR c.region_code LIKE $2 || '.%'"})
       ORDER BY c.status = 'pending' DESC, c.requested_at DESC LIMIT 500`,
      status ?? null,
      own ? actor.userId : actor.role === 'admin' ? null : actor.regionCode,
    );
    return rows.map(view);
  }
}
