import { Injectable } from '@nestjs/common';
import type { MeetingView } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';

export interface MeetingRow {
  id: string;
  title: string;
  regionCode: string;
  startsAt: Date;
  endsAt: Date;
  placeName: string;
  placeLat: number | null;
  placeLng: number | null;
  placeRadiusM: number | null;
  organizerId: string;
  minutes: string | null;
}

/** The meeting's columns as MeetingRow names them, optionally of a table alias (`m.`). */
export const meetingColumns = (alias = '') =>
  `${alias}id AS id, ${alias}title AS title, ${alias}region_code AS "regionCode",
   ${alias}starts_at AS "startsAt", ${alias}ends_at AS "endsAt", ${alias}place_name AS "placeName",
   ${alias}place_lat AS "placeLat", ${alias}place_lng AS "placeLng",
   ${alias}place_radius_m AS "placeRadiusM", ${alias}organizer_id AS "organizerId",
   ${alias}minutes AS minutes`;

export const placeOf = (m: MeetingRow) =>
  m.placeLat !== null && m.placeLng !== null
    ? { lat: m.placeLat, lng: m.placeLng, radiusM: m.placeRadiusM ?? 200 }
    : null;

/** Meetings and their invitees; attendance's check-ins mark invitees present through it. */
@Injectable()
export class MeetingsRepository {
  async get(db: SqlClient, id: string, lock = false): Promise<MeetingRow | null> {
    const [row] = await db.$queryRawUnsafe<MeetingRow[]>(
      `SELECT ${meetingColumns()} FROM meeting WHERE id = $1::uuid${lock ? ' FOR UPDATE' : ''}`,
      id,
    );
    return row ?? null;
  }

  async invitation(
    db: SqlClient,
    meetingId: string,
    assistantId: string,
  ): Promise<{ status: string } | null> {
    const [row] = await db.$queryRawUnsafe<{ status: string }[]>(
      `SELECT status FROM meeting_invitee WHERE meeting_id = $1::uuid AND assistant_id = $2::uuid`,
      meetingId,
      assistantId,
    );
    return row ?? null;
  }

  async markCheckedIn(tx: Tx, meetingId: string, assistantId: string, at: Date, late: boolean) {
    await tx.$executeRawUnsafe(
      `UPDATE meeting_invitee SET status = $3, checked_in_at = $4::timestamptz
       WHERE meeting_id = $1::uuid AND assistant_id = $2::uuid`,
      meetingId,
      assistantId,
      late ? 'late' : 'present',
      at,
    );
  }

  async view(db: SqlClient, meeting: MeetingRow): Promise<MeetingView> {
    const invitees = await db.$queryRawUnsafe<
      {
        assistantId: string;
        name: string | null;
        status: MeetingView['invitees'][number]['status'];
        checkedInAt: Date | null;
      }[]
    >(
      `SELECT i.assistant_id::text AS "assistantId", s.display_name AS name, i.status,
              i.checked_in_at AS "checkedInAt"
       FROM meeting_invitee i LEFT JOIN staff_member s ON s.account_id = i.assistant_id
       WHERE i.meeting_id = $1::uuid ORDER BY s.display_name`,
      meeting.id,
    );
    return {
      id: meeting.id,
      title: meeting.title,
      regionCode: meeting.regionCode,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      placeName: meeting.placeName,
      place: placeOf(meeting),
      organizerId: meeting.organizerId,
      minutes: meeting.minutes,
      invitees: invitees.map((i) => ({
        assistantId: i.assistantId,
        name: i.name ?? i.assistantId,
        status: i.status,
        checkedInAt: i.checkedInAt?.toISOString() ?? null,
      })),
    };
  }

  /** Meetings an assistant was invited to and missed (marked absent, or never came) in a range. */
  missedBy(db: SqlClient, assistantId: string, from: Date, to: Date, now: Date) {
    return db.$queryRawUnsafe<{ meetingId: string; title: string; startsAt: Date }[]>(
      `SELECT m.id AS "meetingId", m.title, m.starts_at AS "startsAt"
       FROM meeting_invitee i JOIN meeting m ON m.id = i.meeting_id
       WHERE i.assistant_id = $1::uuid AND m.starts_at >= $2::timestamptz AND m.starts_at < $3::timestamptz
         AND (i.status = 'absent' OR (i.status = 'pending' AND m.ends_at < $4::timestamptz))
       ORDER BY m.starts_at`,
      assistantId,
      from,
      to,
      now,
    );
  }
}
