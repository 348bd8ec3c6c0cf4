import { Injectable } from '@nestjs/common';
import {
  regionAncestry,
  type AttendanceEntry,
  type AttendanceFlag,
  type CheckInKind,
  type GeoPoint,
} from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';

export interface NewEntry {
  assistantId: string;
  regionCode: string;
  kind: CheckInKind;
  refId: string | null;
  day: string;
  checkInAt: Date;
  checkOutAt?: Date | null;
  location: GeoPoint | null;
  localTime: string;
  flags: AttendanceFlag[];
  minutesLate: number;
  distanceM: number | null;
  note: string | null;
  source: 'check-in' | 'p2k2-session' | 'correction';
}

export const ENTRY_COLUMNS = `id, assistant_id::text AS "assistantId", kind, ref_id AS "refId",
  to_char(day, 'YYYY-MM-DD') AS day, check_in_at AS "checkInAt", check_out_at AS "checkOutAt",
  local_time AS "localTime", flags, minutes_late AS "minutesLate", distance_m AS "distanceM", note,
  source = 'correction' AS corrected`;

type EntryRow = Omit<AttendanceEntry, 'checkInAt' | 'checkOutAt' | 'flags'> & {
  checkInAt: Date;
  checkOutAt: Date | null;
  flags: string[];
};

export const entryView = (row: EntryRow): AttendanceEntry => ({
  ...row,
  flags: row.flags as AttendanceFlag[],
  checkInAt: row.checkInAt.toISOString(),
  checkOutAt: row.checkOutAt?.toISOString() ?? null,
});

/**
 * Check-ins and the per-day figures built from them. Every change to an assistant's entries of
 * a day goes through `settleDay`, which moves the live regional counters by the difference.
 */
@Injectable()
export class AttendanceRepository {
  async insert(tx: Tx, entry: NewEntry): Promise<AttendanceEntry> {
    const [row] = await tx.$queryRawUnsafe<EntryRow[]>(
      `INSERT INTO attendance_entry (assistant_id, region_code, kind, ref_id, day, check_in_at,
         check_out_at, in_lat, in_lng, in_accuracy_m, local_time, flags, minutes_late, distance_m,
         note, source)
       VALUES ($1::uuid, $2, $3, $4, $5::date, $6::timestamptz, $7::timestamptz, $8, $9, $10, $11,
         $12::text[], $13, $14, $15, $16)
       RETURNING ${ENTRY_COLUMNS}`,
      entry.assistantId,
      entry.regionCode,
      entry.kind,
      entry.refId,
      entry.day,
      entry.checkInAt,
      entry.checkOutAt ?? null,
      entry.location?.lat ?? null,
      entry.location?.lng ?? null,
      entry.location?.accuracyM ?? null,
      entry.localTime,
      entry.flags,
      entry.minutesLate,
      entry.distanceM,
      entry.note,
      entry.source,
    );
    await this.settleDay(tx, entry.assistantId, entry.regionCode, entry.day);
    return entryView(row as EntryRow);
  }

  async get(db: SqlClient, id: string): Promise<(AttendanceEntry & { regionCode: string }) | null> {
    const [row] = await db.$queryRawUnsafe<(EntryRow & { regionCode: string })[]>(
      `SELECT ${ENTRY_COLUMNS}, region_code AS "regionCode" FROM attendance_entry WHERE id = $1::uuid`,
      id,
    );
    return row ? { ...entryView(row), regionCode: row.regionCode } : null;
  }

  /** An entry of this kind (and reference) already open on the day, if any. */
  async findSame(
    db: SqlClient,
    assistantId: string,
    day: string,
    kind: CheckInKind,
    refId: string | null,
  ): Promise<AttendanceEntry | null> {
    const [row] = await db.$queryRawUnsafe<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM attendance_entry
       WHERE assistant_id = $1::uuid AND day = $2::date AND kind = $3
         AND ref_id IS NOT DISTINCT FROM $4 LIMIT 1`,
      assistantId,
      day,
      kind,
      refId,
    );
    return row ? entryView(row) : null;
  }

  async checkOut(
    tx: Tx,
    id: string,
    at: Date,
    location: GeoPoint | null,
  ): Promise<AttendanceEntry> {
    const [row] = await tx.$queryRawUnsafe<EntryRow[]>(
      `UPDATE attendance_entry SET check_out_at = $2::timestamptz, out_lat = $3, out_lng = $4
       WHERE id = $1::uuid RETURNING ${ENTRY_COLUMNS}`,
      id,
      at,
      location?.lat ?? null,
      location?.lng ?? null,
    );
    return entryView(row as EntryRow);
  }

  /** Replaces the times of an entry (an approved correction) and re-settles its day. */
  async correct(
    tx: Tx,
    id: string,
    change: {
      checkInAt: Date;
      checkOutAt: Date | null;
      localTime: string;
      flags: AttendanceFlag[];
      minutesLate: number;
    },
  ): Promise<AttendanceEntry> {
    const [row] = await tx.$queryRawUnsafe<(EntryRow & { regionCode: string })[]>(
      `UPDATE attendance_entry SET check_in_at = $2::timestamptz, check_out_at = $3::timestamptz,
         local_time = $4, flags = $5::text[], minutes_late = $6, source = 'correction'
       WHERE id = $1::uuid RETURNING ${ENTRY_COLUMNS}, region_code AS "regionCode"`,
      id,
      change.checkInAt,
      change.checkOutAt,
      change.localTime,
      change.flags,
      change.minutesLate,
    );
    const entry = row as EntryRow & { regionCode: string };
    await this.settleDay(tx, entry.assistantId, entry.regionCode, entry.day);
    return entryView(entry);
  }

  async entriesOf(db: SqlClient, assistantId: string, from: string, to: string) {
    const rows = await db.$queryRawUnsafe<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM attendance_entry
       WHERE assistant_id = $1::uuid AND day BETWEEN $2::date AND $3::date ORDER BY check_in_at`,
      assistantId,
      from,
      to,
    );
    return rows.map(entryView);
  }

  /**
   * Recomputes an assistant's day (present from the first check-in; late when the day's first
   * office check-in was) and moves the region counters by what changed. Counters are updated in
   * one sorted statement so concurrent check-ins lock them in the same order.
   */
  async settleDay(tx: Tx, assistantId: string, regionCode: string, day: string): Promise<void> {
    const [before] = await tx.$queryRawUnsafe<{ late: boolean; regionCode: string }[]>(
      `SELECT late, region_code AS "regionCode" FROM assistant_day
       WHERE assistant_id = $1::uuid AND day = $2::date FOR UPDATE`,
      assistantId,
      day,
    );
    const [now] = await tx.$queryRawUnsafe<{ firstIn: Date | null; minutesLate: number | null }[]>(
      `SELECT min(check_in_at) AS "firstIn",
              (array_agg(minutes_late ORDER BY check_in_at) FILTER (WHERE kind = 'office'))[1] AS "minutesLate"
       FROM attendance_entry WHERE assistant_id = $1::uuid AND day = $2::date`,
      assistantId,
      day,
    );
    const minutesLate = now?.minutesLate ?? 0;
    const after = now?.firstIn ? { late: minutesLate > 0, regionCode } : null;
    if (after && now?.firstIn)
      await tx.$executeRawUnsafe(
        `INSERT INTO assistant_day (assistant_id, day, region_code, first_in_at, late, minutes_late)
         VALUES ($1::uuid, $2::date, $3, $4::timestamptz, $5, $6)
         ON CONFLICT (assistant_id, day) DO UPDATE SET region_code = excluded.region_code,
           first_in_at = excluded.first_in_at, late = excluded.late, minutes_late = excluded.minutes_late`,
        assistantId,
        day,
        regionCode,
        now.firstIn,
        after.late,
        minutesLate,
      );
    else if (before)
      await tx.$executeRawUnsafe(
        `DELETE FROM assistant_day WHERE assistant_id = $1::uuid AND day = $2::date`,
        assistantId,
        day,
      );

    const deltas = new Map<string, { present: number; late: number }>();
    const count = (state: { late: boolean; regionCode: string } | null | undefined, by: number) => {
      if (!state) return;
      for (const code of ['', ...regionAncestry(state.regionCode)]) {
        const delta = deltas.get(code) ?? { present: 0, late: 0 };
        delta.present += by;
        if (state.late) delta.late += by;
        deltas.set(code, delta);
      }
    };
    count(before, -1);
    count(after, +1);
    const changed = [...deltas]
      .filter(([, d]) => d.present !== 0 || d.late !== 0)
      .sort(([a], [b]) => a.localeCompare(b));
    if (changed.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO region_day (region_code, day, present, late)
       SELECT code, $2::date, p, l FROM unnest($1::text[], $3::int[], $4::int[]) AS x(code, p, l)
       ON CONFLICT (region_code, day) DO UPDATE
         SET present = region_day.present + excluded.present, late = region_day.late + excluded.late`,
      changed.map(([code]) => code),
      day,
      changed.map(([, d]) => d.present),
      changed.map(([, d]) => d.late),
    );
  }
}
