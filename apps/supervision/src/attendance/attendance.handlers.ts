import { Injectable } from '@nestjs/common';
import {
  OFFLINE_CHECK_IN_MAX_HOURS,
  assessCheckIn,
  localClock,
  localDay,
  type CommandPayload,
  type CommandResponse,
  type EventEnvelope,
  type P2k2SessionHeldV1,
  type PlannedPlace,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, OnEvent, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { MeetingsRepository, placeOf } from '../coordination/meetings.repository.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { ActivityRepository } from '../activity/activity.repository.js';
import { AttendanceRepository } from './attendance.repository.js';
import { CalendarRepository } from './calendar.repository.js';

/**
 * Assistants check in and out for office days, P2K2 sessions, home visits and meetings. A
 * check-in is never refused for being late or far away: it is flagged, and the day's figures
 * and the region's live counters move in the same transaction.
 */
@Injectable()
export class AttendanceHandlers {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly calendars: CalendarRepository,
    private readonly roster: RosterRepository,
    private readonly meetings: MeetingsRepository,
    private readonly activity: ActivityRepository,
  ) {}

  @HandleCommand('supervision.attendance.check-in')
  async checkIn(
    input: CommandPayload<'supervision.attendance.check-in'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.attendance.check-in'>> {
    if (actor.role !== 'assistant')
      throw new DomainError(403, 'forbidden', 'Only assistants check in');
    // The token's region is the account's as of sign-in; the roster is asked only without one.
    const regionCode = actor.regionCode ?? (await this.roster.find(tx, actor.userId))?.regionCode;
    if (!regionCode)
      throw new DomainError(422, 'no-region', 'Your account has no working region; ask an admin');
    const at = checkInTime(input.recordedAt);
    const day = localDay(at, regionCode);
    const { calendar, exceptions } = await this.calendars.resolve(tx, regionCode, day, day);

    let place: PlannedPlace | null = null;
    let expectedStart: string | null = null;
    const refId = input.refId ?? null;
    if (input.kind === 'office') {
      place = calendar.office;
      expectedStart = calendar.officeStart;
    } else if (input.kind === 'meeting') {
      if (!refId)
        throw DomainError.invalid([{ path: 'refId', message: 'names the meeting checked in to' }]);
      const meeting = await this.meetings.get(tx, refId);
      const invited = meeting && (await this.meetings.invitation(tx, refId, actor.userId));
      if (!meeting || !invited)
        throw new DomainError(404, 'not-found', `No meeting ${refId} you are invited to`);
      place = placeOf(meeting);
      expectedStart = localClock(meeting.startsAt, regionCode).time;
    }
    const assessment = assessCheckIn({
      at,
      regionCode,
      calendar,
      exceptions,
      expectedStart,
      place,
      location: input.location,
    });
    const entry = await this.attendance.insert(tx, {
      assistantId: actor.userId,
      regionCode,
      kind: input.kind,
      refId,
      checkInAt: at,
      location: input.location,
      note: input.note ?? null,
      source: input.recordedAt ? 'offline-check-in' : 'check-in',
      ...assessment,
    });
    if (!entry) {
      const same = await this.attendance.findSame(tx, actor.userId, day, input.kind, refId);
      throw new DomainError(
        409,
        'already-checked-in',
        `Already checked in for this ${input.kind} today at ${same?.localTime ?? '?'}`,
      );
    }
    if (input.kind === 'meeting' && refId)
      await this.meetings.markCheckedIn(tx, refId, actor.userId, at, assessment.minutesLate > 0);
    if (input.kind === 'home-visit')
      await this.activity.record(tx, {
        assistantId: actor.userId,
        kind: 'home-visit',
        refId: refId ?? entry.id,
        at,
        regionCode,
        detail: { kpmId: refId, note: input.note ?? null },
        sourceId: `check-in:${entry.id}`,
      });
    return entry;
  }

  @HandleCommand('supervision.attendance.check-out')
  async checkOut(
    input: CommandPayload<'supervision.attendance.check-out'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.attendance.check-out'>> {
    const entry = await this.attendance.get(tx, input.attendanceId);
    if (!entry || entry.assistantId !== actor.userId)
      throw new DomainError(404, 'not-found', `No check-in ${input.attendanceId} of yours`);
    if (entry.checkOutAt)
      throw new DomainError(409, 'already-checked-out', `Checked out at ${entry.checkOutAt}`);
    return this.attendance.checkOut(tx, entry.id, new Date(), input.location);
  }

  /** A P2K2 session held on the session sheet is a check-in for it, late as training judged. */
  @OnEvent('p2k2.session-held', 1)
  async onSessionHeld(event: EventEnvelope<P2k2SessionHeldV1>, tx: Tx) {
    const s = event.payload;
    const member = await this.roster.find(tx, s.assistantId);
    const regionCode = member?.regionCode ?? s.villageCode.slice(0, 8);
    const at = new Date(s.heldAt);
    const day = localDay(at, regionCode);
    if (await this.attendance.findSame(tx, s.assistantId, day, 'p2k2', s.sessionId)) return;
    const { calendar, exceptions } = await this.calendars.resolve(tx, regionCode, day, day);
    const assessment = assessCheckIn({
      at,
      regionCode,
      calendar,
      exceptions,
      expectedStart: null,
      place: null,
      location: null,
    });
    await this.attendance.insert(tx, {
      assistantId: s.assistantId,
      regionCode,
      kind: 'p2k2',
      refId: s.sessionId,
      checkInAt: at,
      location: null,
      note: null,
      source: 'p2k2-session',
      ...assessment,
      // Training checked the location and the start; the flags it reports are the ones kept.
      flags: [
        ...assessment.flags.filter((f) => f !== 'no-location'),
        ...(s.checkInLate ? (['late'] as const) : []),
      ],
    });
  }
}

/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * When a check-in counts: now, or when the phone recorded it if it was queued offline (within
 * OFFLINE_CHECK_IN_MAX_HOURS, never in the future).
 */
function checkInTime(recordedAt: string | undefined): Date {
  const now = new Date();
  if (!recordedAt) return now;
  const at = new Date(recordedAt);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw DomainError.invalid([{ path: 'recordedAt', message: 'is ahead of the server clock' }]);
  if (now.getTime() - at.getTime() > OFFLINE_CHECK_IN_MAX_HOURS * 3_600_000)
    throw DomainError.invalid([
      {
        path: 'recordedAt',
        message: `is more than ${OFFLINE_CHECK_IN_MAX_HOURS} hours ago; ask your coordinator for a correction`,
      },
    ]);
  return at.getTime() > now.getTime() ? now : at;
}
