import { Injectable } from '@nestjs/common';
import {
  assessCheckIn,
  isWithinRegion,
  localClock,
  localDay,
  villageLocalToInstant,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { isSupervisor } from '../region-scope.js';
import { MeetingsRepository } from '../coordination/meetings.repository.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AuditTrail } from './audit.repository.js';
import { CalendarRepository } from './calendar.repository.js';
import { CorrectionsRepository } from './corrections.repository.js';

/** How far back an assistant may ask to correct their record. */
const CORRECTABLE_DAYS = 35;

/**
 * An assistant asks to correct a day (a forgotten check-in, a phone without signal), with a
 * reason; a coordinator of their region approves or rejects it. Both steps are audited, and an
 * approval rewrites the record through the same path as a check-in.
 */
@Injectable()
export class CorrectionsHandlers {
  constructor(
    private readonly corrections: CorrectionsRepository,
    private readonly audit: AuditTrail,
    private readonly attendance: AttendanceRepository,
    private readonly calendars: CalendarRepository,
    private readonly roster: RosterRepository,
    private readonly meetings: MeetingsRepository,
  ) {}

  @HandleCommand('supervision.correction.request')
  async request(
    input: CommandPayload<'supervision.correction.request'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.correction.request'>> {
    if (actor.role !== 'assistant')
      throw new DomainError(403, 'forbidden', 'Assistants ask to correct their own record');
    const member = await this.roster.find(tx, actor.userId);
    const regionCode = member?.regionCode ?? actor.regionCode;
    if (!regionCode)
      throw new DomainError(422, 'no-region', 'Your account has no working region; ask an admin');
    const today = localDay(new Date(), regionCode);
    const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - CORRECTABLE_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    if (input.day > today || input.day < earliest)
      throw DomainError.invalid([
        { path: 'day', message: `must be between ${earliest} and today (${today})` },
      ]);
    if (input.kind === 'meeting' && !input.refId)
      throw DomainError.invalid([{ path: 'refId', message: 'names the meeting to correct' }]);
    if (await this.corrections.pendingFor(tx, actor.userId, input.day, input.kind))
      throw new DomainError(
        409,
        'pending',
        'A correction of that day is already waiting for a decision',
      );
    const correction = await this.corrections.create(tx, {
      assistantId: actor.userId,
      regionCode,
      day: input.day,
      kind: input.kind,
      refId: input.refId ?? null,
      checkInTime: input.checkInTime,
      checkOutTime: input.checkOutTime ?? null,
      reason: input.reason,
    });
    await this.audit.record(tx, {
      assistantId: actor.userId,
      day: input.day,
      action: 'correction-requested',
      actor,
      reason: input.reason,
      after: { kind: input.kind, checkInTime: input.checkInTime, checkOutTime: input.checkOutTime },
    });
    return correction;
  }

  @HandleCommand('supervision.correction.decide')
  async decide(
    input: CommandPayload<'supervision.correction.decide'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.correction.decide'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Corrections are decided by a coordinator');
    const correction = await this.corrections.get(tx, input.correctionId, true);
    const inScope =
      correction &&
      (actor.role === 'admin' ||
        (actor.regionCode !== null && isWithinRegion(correction.regionCode, actor.regionCode)));
    if (!correction || !inScope)
      throw new DomainError(404, 'not-found', `No correction ${input.correctionId} in your region`);
    if (correction.status !== 'pending')
      throw new DomainError(409, 'decided', `This correction was already ${correction.status}`);

    let entryId: string | null = null;
    let before: unknown = null;
    let after: unknown = null;
    if (input.approve) {
      const region = correction.regionCode;
      const { calendar, exceptions } = await this.calendars.resolve(
        tx,
        region,
        correction.day,
        correction.day,
      );
      const at = new Date(
        villageLocalToInstant(`${correction.day}T${correction.checkInTime}`, region),
      );
      const checkOutAt = correction.checkOutTime
        ? new Date(villageLocalToInstant(`${correction.day}T${correction.checkOutTime}`, region))
        : null;
      const meeting = correction.refId ? await this.meetings.get(tx, correction.refId) : null;
      const expectedStart =
        correction.kind === 'office'
          ? calendar.officeStart
          : meeting
            ? localClock(meeting.startsAt, region).time
            : null;
      const assessment = assessCheckIn({
        at,
        regionCode: region,
        calendar,
        exceptions,
        expectedStart,
        place: null,
        location: null,
      });
      // A corrected time has no location by nature; the correction itself is the evidence.
      const flags = assessment.flags.filter((f) => f !== 'no-location');
      const existing = await this.attendance.findSame(
        tx,
        correction.assistantId,
        correction.day,
        correction.kind,
        correction.refId,
      );
      before = existing;
      const entry = existing
        ? await this.attendance.correct(tx, existing.id, {
            checkInAt: at,
            checkOutAt,
            localTime: assessment.localTime,
            flags,
            minutesLate: assessment.minutesLate,
          })
        : await this.attendance.insert(tx, {
            assistantId: correction.assistantId,
            regionCode: region,
            kind: correction.kind as 'office',
            refId: correction.refId,
            checkInAt: at,
            checkOutAt,
            location: null,
            note: correction.reason,
            source: 'correction',
            ...assessment,
            flags,
          });
      // Only if the assistant checked in for it while the correction was being decided.
      if (!entry)
        throw new DomainError(409, 'checked-in-meanwhile', 'That check-in was recorded meanwhile');
      if (correction.kind === 'meeting' && correction.refId)
        await this.meetings.markCheckedIn(
          tx,
          correction.refId,
          correction.assistantId,
          at,
          assessment.minutesLate > 0,
        );
      entryId = entry.id;
      after = entry;
    }
    const decided = await this.corrections.decide(
      tx,
      correction.id,
      input.approve ? 'approved' : 'rejected',
      actor.userId,
      input.note ?? null,
      entryId,
    );
    await this.audit.record(tx, {
      assistantId: correction.assistantId,
      day: correction.day,
      action: input.approve ? 'correction-approved' : 'correction-rejected',
      actor,
      reason: input.note ?? correction.reason,
      before,
      after,
    });
    return decided;
  }

  @HandleCommand('supervision.correction.list')
  async list(
    input: CommandPayload<'supervision.correction.list'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.correction.list'>> {
    if (actor.role === 'partner')
      throw new DomainError(403, 'forbidden', 'Partners do not see attendance');
    return { items: await this.corrections.list(tx, actor, input.status) };
  }
}
