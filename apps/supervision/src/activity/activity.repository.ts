import { Injectable } from '@nestjs/common';
import { localDay, type ActivityKind } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';

export interface ActivityDraft {
  assistantId: string;
  kind: ActivityKind;
  refId: string;
  at: Date;
  /** Where the work happened: its time zone decides the day. */
  regionCode: string;
  detail: Record<string, unknown>;
  /** The event (or check-in) it came from: recorded once however often it is delivered. */
  sourceId: string;
}

/** The work log of assistants that daily reports and the monthly RHK are built from. */
@Injectable()
export class ActivityRepository {
  async record(db: SqlClient, item: ActivityDraft): Promise<void> {
    await db.$executeRawUnsafe(
      `INSERT INTO activity_item (assistant_id, day, kind, ref_id, at, detail, event_id)
       VALUES ($1, $2::date, $3, $4, $5::timestamptz, $6::jsonb, $7)
       ON CONFLICT (event_id) DO NOTHING`,
      item.assistantId,
      localDay(item.at, item.regionCode),
      item.kind,
      item.refId,
      item.at,
      JSON.stringify(item.detail),
      item.sourceId,
    );
  }

  itemsOf(db: SqlClient, assistantId: string, from: string, to: string) {
    return db.$queryRawUnsafe<
      {
        kind: ActivityKind;
        refId: string;
        at: Date;
        day: string;
        detail: Record<string, unknown>;
      }[]
    >(
      `SELECT kind, ref_id AS "refId", at, to_char(day, 'YYYY-MM-DD') AS day, detail
       FROM activity_item WHERE assistant_id = $1 AND day BETWEEN $2::date AND $3::date
       ORDER BY at`,
      assistantId,
      from,
      to,
    );
  }
}
