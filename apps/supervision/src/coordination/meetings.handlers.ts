import { Injectable } from '@nestjs/common';
import { isWithinRegion, type CommandPayload, type CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { isSupervisor, scopedRegion } from '../region-scope.js';
import { RosterRepository } from '../roster/roster.repository.js';
import {
  meetingColumns,
  MeetingsRepository,
  placeOf,
  type MeetingRow,
} from './meetings.repository.js';

/**
 * Coordination meetings: a coordinator calls the assistants of their region, check-ins mark
 * who came (late after the start plus grace), and the coordinator completes the register and
 * writes the minutes. A missed meeting shows on the assistant's record.
 */
@Injectable()
export class MeetingsHandlers {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly roster: RosterRepository,
  ) {}

  @HandleCommand('supervision.meeting.schedule')
  async schedule(
    input: CommandPayload<'supervision.meeting.schedule'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.meeting.schedule'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Meetings are called by coordinators or the Dinas');
    const regionCode = scopedRegion(actor, input.regionCode);
    if (regionCode === null)
      throw DomainError.invalid([{ path: 'regionCode', message: 'names the region meeting' }]);
    const invitees = input.inviteeIds
      ? await this.roster.requireAssistantsIn(tx, regionCode, input.inviteeIds, 'inviteeIds')
      : (await this.roster.assistantsIn(tx, regionCode)).map((m) => m.id);
    if (invitees.length === 0)
      throw new DomainError(422, 'no-invitees', `No active assistants work in ${regionCode}`);
    const [meeting] = await tx.$queryRawUnsafe<MeetingRow[]>(
      `INSERT INTO meeting (title, region_code, starts_at, ends_at, place_name, place_lat, place_lng,
         place_radius_m, organizer_id)
       VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5, $6, $7, $8, $9) RETURNING ${meetingColumns()}`,
      input.title,
      regionCode,
      input.startsAt,
      input.endsAt,
      input.placeName,
      input.place?.lat ?? null,
      input.place?.lng ?? null,
      input.place?.radiusM ?? null,
      actor.userId,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO meeting_invitee (meeting_id, assistant_id, status)
       SELECT $1::uuid, id, 'pending' FROM unnest($2::uuid[]) AS id`,
      meeting!.id,
      invitees,
    );
    return this.meetings.view(tx, meeting!);
  }

  @HandleCommand('supervision.meeting.list')
  async list(
    input: CommandPayload<'supervision.meeting.list'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.meeting.list'>> {
    if (actor.role === 'partner') throw new DomainError(403, 'forbidden', 'Not for partners');
    const mine = actor.role === 'assistant';
    const region = mine || actor.role === 'admin' ? null : actor.regionCode;
    const rows = await tx.$queryRawUnsafe<
      (MeetingRow & { invited: number; present: number; mine: string | null })[]
    >(
      `SELECT ${meetingColumns('m.')},
              (SELECT count(*)::int FROM meeting_invitee i WHERE i.meeting_id = m.id) AS invited,
              (SELECT count(*)::int FROM meeting_invitee i WHERE i.meeting_id = m.id
                 AND i.status IN ('present', 'late')) AS present,
              (SELECT status FROM meeting_invitee i WHERE i.meeting_id = m.id
                 AND i.assistant_id::text = $1) AS mine
       FROM meeting m
       WHERE ($2::boolean = false OR EXISTS (SELECT 1 FROM meeting_invitee i
               WHERE i.meeting_id = m.id AND i.assistant_id::text = $1))
         AND ($3::text IS NULL OR m.region_code = $3 OR m.region_code LIKE $3 || '.%')
         AND ($4::date IS NULL OR m.starts_at >= $4::date)
         AND ($5::date IS NULL OR m.starts_at < $5::date + 1)
       ORDER BY m.starts_at DESC LIMIT 200`,
      actor.userId,
      mine,
      region,
      input.from ?? null,
      input.to ?? null,
    );
    return {
      items: rows.map((m) => ({
        id: m.id,
        title: m.title,
        regionCode: m.regionCode,
        startsAt: m.startsAt.toISOString(),
        endsAt: m.endsAt.toISOString(),
        placeName: m.placeName,
        place: placeOf(m),
        organizerId: m.organizerId,
        invited: m.invited,
        present: m.present,
        mine:
          (m.mine as CommandResponse<'supervision.meeting.list'>['items'][number]['mine']) ?? null,
      })),
    };
  }

  @HandleCommand('supervision.meeting.get')
  async get(
    input: CommandPayload<'supervision.meeting.get'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.meeting.get'>> {
    return this.meetings.view(tx, await this.visible(tx, actor, input.meetingId));
  }

  @HandleCommand('supervision.meeting.record')
  async record(
    input: CommandPayload<'supervision.meeting.record'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.meeting.record'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'The register is kept by the organisers');
    const meeting = await this.visible(tx, actor, input.meetingId, true);
    if (input.attendance.length > 0) {
      const invited = new Set(
        (
          await tx.$queryRawUnsafe<{ id: string }[]>(
            `SELECT assistant_id::text AS id FROM meeting_invitee WHERE meeting_id = $1::uuid`,
            meeting.id,
          )
        ).map((r) => r.id),
      );
      const problems = input.attendance.flatMap((a, index) =>
        invited.has(a.assistantId)
          ? []
          : [
              {
                path: `attendance.${index}.assistantId`,
                message: 'was not invited to this meeting',
              },
            ],
      );
      if (problems.length > 0) throw DomainError.invalid(problems);
      await tx.$executeRawUnsafe(
        `UPDATE meeting_invitee i SET status = x.status
         FROM unnest($2::uuid[], $3::text[]) AS x(id, status)
         WHERE i.meeting_id = $1::uuid AND i.assistant_id = x.id`,
        meeting.id,
        input.attendance.map((a) => a.assistantId),
        input.attendance.map((a) => a.status),
      );
    }
    if (input.minutes !== undefined)
      await tx.$executeRawUnsafe(
        `UPDATE meeting SET minutes = $2 WHERE id = $1::uuid`,
        meeting.id,
        input.minutes,
      );
    return this.meetings.view(tx, { ...meeting, minutes: input.minutes ?? meeting.minutes });
  }

  /** A meeting the caller may see: organisers within their region; assistants if invited. */
  private async visible(tx: Tx, actor: CommandContext['actor'], id: string, lock = false) {
    const meeting = await this.meetings.get(tx, id, lock);
    const sees =
      meeting &&
      (actor.role === 'admin' ||
        (actor.role === 'assistant'
          ? (await this.meetings.invitation(tx, id, actor.userId)) !== null
          : actor.role !== 'partner' &&
            actor.regionCode !== null &&
            isWithinRegion(meeting.regionCode, actor.regionCode)));
    if (!meeting || !sees) throw new DomainError(404, 'not-found', `No meeting ${id} for you`);
    return meeting;
  }
}
