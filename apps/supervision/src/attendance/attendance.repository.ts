import { Injectable } from '@nestjs/common';
import {
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
  source: 'check-in' | 'offline-check-in' | 'p2k2-session' | 'correction';
}

/**
 * An assistant-day's lock ($1 assistant, $5 day): held until commit by whoever changes the day's
 * entries, so the day is settled from every entry committed before (read committed takes a new
 * snapshot per statement).
 */
const DAY_LOCK = `hashtextextended($1::text || '|' || $5::text, 0)`;

export const ENTRY_COLUMNS = `id, assistant_id::text AS "assistantId", kind, ref_id AS "refId",
  to_char(day, 'YYYY-MM-DD') AS day, check_in_at AS "checkInAt", check_out_at AS "checkOutAt",
  local_time AS "localTime", flags, minutes_late AS "minutesLate", distance_m AS "distanceM", note,
  source = 'correction' AS corrected, source = 'offline-check-in' AS "recordedOffline"`;

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
  /**
   * Records a check-in and settles its day. Null when the assistant already checked in for this
   * office day or meeting (a unique index decides, so two taps at once cannot both count).
   */
  async insert(tx: Tx, entry: NewEntry): Promise<AttendanceEntry | null> {
    const [row] = await tx.$queryRawUnsafe<EntryRow[]>(
      // The day's lock is taken in the same round trip, before the row is written.
      `WITH day_lock AS (SELECT pg_advisory_xact_lock(${DAY_LOCK}))
       INSERT INTO attendance_entry (assistant_id, region_code, kind, ref_id, day, check_in_at,
         check_out_at, in_lat, in_lng, in_accuracy_m, local_time, flags, minutes_late, distance_m,
         note, source)
       SELECT $1::uuid, $2, $3, $4, $5::date, $6::timestamptz, $7::timestamptz, $8, $9, $10, $11,
         $12::text[], $13, $14, $15, $16 FROM day_lock
       ON CONFLICT (assistant_id, day, kind, (coalesce(ref_id, ''))) WHERE kind IN ('office', 'meeting')
       DO NOTHING
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
    if (!row) return null;
    await this.settleDay(tx, entry.assistantId, entry.regionCode, entry.day);
    return entryView(row);
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
    await tx.$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock(hashtextextended(assistant_id::text || '|' || day::text, 0))
       FROM attendance_entry WHERE id = $1::uuid`,
      id,
    );
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
   * office check-in was) and moves the region counters (every ancestor and the nation, '') by
   * what changed, all in one statement: a check-in is on the hot path of the morning burst.
   * Counter rows are written in code order, so concurrent check-ins lock them in one order.
   */
  async settleDay(tx: Tx, assistantId: string, regionCode: string, day: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `WITH now AS (
         SELECT min(check_in_at) AS first_in,
                coalesce((array_agg(minutes_late ORDER BY check_in_at)
                  FILTER (WHERE kind = 'office'))[1], 0) AS minutes_late
         FROM attendance_entry WHERE assistant_id = $1::uuid AND day = $2::date
       ),
       before AS (
         SELECT late, region_code FROM assistant_day
         WHERE assistant_id = $1::uuid AND day = $2::date FOR UPDATE
       ),
       kept AS (
         INSERT INTO assistant_day (assistant_id, day, region_code, first_in_at, late, minutes_late)
         SELECT $1::uuid, $2::date, $3, first_in, minutes_late > 0, minutes_late
         FROM now WHERE first_in IS NOT NULL
         ON CONFLICT (assistant_id, day) DO UPDATE SET region_code = excluded.region_code,
           first_in_at = excluded.first_in_at, late = excluded.late,
           minutes_late = excluded.minutes_late
         RETURNING late, region_code
       ),
       dropped AS (
         DELETE FROM assistant_day WHERE assistant_id = $1::uuid AND day = $2::date
           AND (SELECT first_in FROM now) IS NULL
       ),
       changes AS (
         SELECT region_code, -1 AS present, -(late::int) AS late FROM before
         UNION ALL SELECT region_code, 1, late::int FROM kept
       ),
       deltas AS (
         SELECT code, sum(c.present)::int AS present, sum(c.late)::int AS late
         FROM changes c,
           LATERAL (SELECT '' AS code UNION ALL
                    SELECT array_to_string((string_to_array(c.region_code, '.'))[1:n], '.')
                    FROM generate_series(1, cardinality(string_to_array(c.region_code, '.'))) n) a
         GROUP BY code HAVING sum(c.present) <> 0 OR sum(c.late) <> 0
       )
       INSERT INTO region_day (region_code, day, present, late)
       SELECT code, $2::date, present, late FROM deltas ORDER BY code
       ON CONFLICT (region_code, day) DO UPDATE
         SET present = region_day.present + excluded.present, late = region_day.late + excluded.late`,
      assistantId,
      day,
      regionCode,
    );
  }
}
