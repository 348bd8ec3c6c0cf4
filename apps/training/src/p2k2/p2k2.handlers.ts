import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AvailabilitySlot,
  nextP2k2Session,
  villageTime,
  withinAvailability,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type FieldError,
  type P2k2GroupView,
  type P2k2Module,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { assertCanManage, assertCanRead, listScope, villageWithin } from '@jembatan/service-kit';
import { z } from 'zod';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { DirectoryRepository, type Db } from '../directory/directory.repository.js';
import type { P2k2Group } from '../generated/prisma/client.js';
import { dateOf } from '../common/dates.js';
import { lockRow } from '../common/locks.js';
import { describeSlots, sessionKey, toSessionView, type SessionRow } from './p2k2.views.js';

/** A check-in later than this after the planned start counts as late (supervisors see it). */
const LATE_AFTER_MS = 15 * 60_000;
/** Sessions may be recorded up to a week after they happened, not earlier than planned. */
const PLAN_PAST_LIMIT_MS = 7 * 24 * 3_600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

const Slots = z.array(AvailabilitySlot);

/** Postgres refused a row because of the named exclusion or unique constraint. */
function violates(error: unknown, constraint: string): boolean {
  const seen = new Set<unknown>();
  const walk = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return false;
    seen.add(value);
    if (value instanceof Error && value.message.includes(constraint)) return true;
    return Object.values(value).some(walk) || walk((value as { cause?: unknown }).cause);
  };
  return walk(error);
}

/**
 * P2K2: each group's progress through the 15 sessions, planning that respects the group's
 * stated availability and never double-books an assistant or a group, and holding a session
 * (attendance per family, notes, check-in evidence), reported to caseload family by family.
 */
@Injectable()
export class P2k2Handlers {
  constructor(private readonly directory: DirectoryRepository) {}

  private async group(db: Db, groupId: string, actor: Actor): Promise<P2k2Group> {
    const group = await db.p2k2Group.findUnique({ where: { id: groupId } });
    if (!group) throw new DomainError(404, 'not-found', 'No such group (or no family in it yet)');
    assertCanRead(actor, group);
    return group;
  }

  /** Sessions the group has had or has planned: planning ahead suggests the one after. */
  private async takenSessions(db: Db, groupId: string): Promise<string[]> {
    const taken = await db.p2k2Session.findMany({
      where: { groupId, status: { in: ['held', 'planned'] } },
      select: { module: true, sessionNo: true },
    });
    return [...new Set(taken.map(sessionKey))];
  }

  /** Each group's families, progress through the curriculum and attendance rate. */
  private async groupViews(db: Db, groups: P2k2Group[]): Promise<P2k2GroupView[]> {
    const ids = groups.map((g) => g.id);
    const [counts, held] = await Promise.all([
      db.family.groupBy({ by: ['groupId'], where: { groupId: { in: ids } }, _count: true }),
      db.p2k2Session.findMany({
        where: { groupId: { in: ids }, status: 'held' },
        select: { groupId: true, module: true, sessionNo: true, invited: true, attended: true },
      }),
    ]);
    const families = new Map(counts.map((c) => [c.groupId, c._count]));
    const heldBy = new Map<string, typeof held>();
    for (const session of held)
      heldBy.set(session.groupId, [...(heldBy.get(session.groupId) ?? []), session]);
    return groups.map((group) => {
      const sessions = heldBy.get(group.id) ?? [];
      const delivered = [...new Set(sessions.map(sessionKey))];
      const invited = sessions.reduce((sum, s) => sum + s.invited, 0);
      const attended = sessions.reduce((sum, s) => sum + s.attended, 0);
      return {
        groupId: group.id,
        name: group.name,
        villageCode: group.villageCode,
        assistantId: group.assistantId,
        families: families.get(group.id) ?? 0,
        availability: Slots.parse(group.availability),
        delivered,
        next: nextP2k2Session(delivered),
        attendanceRate: invited > 0 ? Math.round((attended / invited) * 100) : null,
      };
    });
  }

  @HandleCommand('training.p2k2.groups')
  async groups(
    input: CommandPayload<'training.p2k2.groups'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.p2k2.groups'>> {
    const scope = listScope(actor);
    const groups = await tx.p2k2Group.findMany({
      where: {
        ...(scope.assistantId ? { assistantId: scope.assistantId } : {}),
        AND: [input.regionCode, scope.regionPrefix].flatMap((c) => (c ? [villageWithin(c)] : [])),
      },
      orderBy: [{ villageCode: 'asc' }, { name: 'asc' }],
      take: 500,
    });
    return { items: await this.groupViews(tx, groups) };
  }

  @HandleCommand('training.p2k2.availability.set')
  async setAvailability(
    input: CommandPayload<'training.p2k2.availability.set'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.p2k2.availability.set'>> {
    const group = await this.group(tx, input.groupId, actor);
    assertCanManage(actor, group);
    const updated = await tx.p2k2Group.update({
      where: { id: group.id },
      data: { availability: input.slots },
    });
    const [view] = await this.groupViews(tx, [updated]);
    return view!;
  }

  @HandleCommand('training.p2k2.session.plan')
  async plan(
    input: CommandPayload<'training.p2k2.session.plan'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.p2k2.session.plan'>> {
    const group = await this.group(tx, input.groupId, actor);
    assertCanManage(actor, group);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
    if (startsAt.getTime() < Date.now() - PLAN_PAST_LIMIT_MS)
      throw DomainError.invalid([{ path: 'startsAt', message: 'is more than 7 days ago' }]);
    const session = input.session ?? nextP2k2Session(await this.takenSessions(tx, group.id));
    if (!session)
      throw DomainError.invalid([
        {
          path: 'session',
          message: 'the group has had or planned all 15 sessions: choose one to repeat',
        },
      ]);
    const slots = Slots.parse(group.availability);
    if (slots.length > 0 && !withinAvailability(slots, startsAt, endsAt, group.villageCode))
      throw new DomainError(422, 'outside-availability', "Outside the group's availability", [
        { path: 'startsAt', message: `the group can meet ${describeSlots(slots)}` },
      ]);
    await this.assertFree(tx, group, startsAt, endsAt);
    try {
      const created = await tx.p2k2Session.create({
        data: {
          id: randomUUID(),
          groupId: group.id,
          assistantId: group.assistantId,
          villageCode: group.villageCode,
          module: session.module,
          sessionNo: session.sessionNo,
          startsAt,
          endsAt,
          place: input.place,
          plannedBy: actor.userId,
        },
        include: { group: { select: { name: true } } },
      });
      return toSessionView(created);
    } catch (error) {
      // A concurrent plan took the slot between the check above and this insert.
      if (violates(error, 'no_overlap'))
        throw new DomainError(409, 'double-booked', 'That time was just booked', [
          { path: 'startsAt', message: 'overlaps another session' },
        ]);
      throw error;
    }
  }

  /** 409 naming the clashing session, for the assistant and for the group. */
  private async assertFree(tx: Tx, group: P2k2Group, startsAt: Date, endsAt: Date) {
    const clashes = await tx.p2k2Session.findMany({
      where: {
        status: { not: 'cancelled' },
        OR: [{ assistantId: group.assistantId }, { groupId: group.id }],
        startsAt: { lt: endsAt },
        endsAt: { gt: startsAt },
      },
      include: { group: { select: { name: true } } },
      take: 3,
    });
    if (clashes.length === 0) return;
    const fields: FieldError[] = clashes.map((c) => ({
      path: 'startsAt',
      message: `overlaps ${c.group.name} ${c.module}-${c.sessionNo} (${c.startsAt.toISOString()} to ${c.endsAt.toISOString()})`,
    }));
    const assistantBusy = clashes.some((c) => c.assistantId === group.assistantId);
    throw new DomainError(
      409,
      'double-booked',
      assistantBusy
        ? 'The assistant already has a session at that time'
        : 'The group already meets at that time',
      fields,
    );
  }

  @HandleCommand('training.p2k2.session.cancel')
  async cancel(
    input: CommandPayload<'training.p2k2.session.cancel'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.p2k2.session.cancel'>> {
    const session = await this.session(tx, input.sessionId, actor, true);
    assertCanManage(actor, session);
    if (session.status !== 'planned')
      throw new DomainError(409, 'session-not-planned', `The session is ${session.status}`);
    const updated = await tx.p2k2Session.update({
      where: { id: session.id },
      data: { status: 'cancelled', cancelReason: input.reason },
      include: { group: { select: { name: true } } },
    });
    return toSessionView(updated);
  }

  private async session(db: Db, sessionId: string, actor: Actor, lock = false) {
    if (lock) await lockRow(db as Tx, 'p2k2_session', sessionId);
    const session = await db.p2k2Session.findUnique({
      where: { id: sessionId },
      include: { group: { select: { name: true } }, attendance: true },
    });
    if (!session) throw new DomainError(404, 'not-found', 'No such session');
    assertCanRead(actor, session);
    return session;
  }

  @HandleCommand('training.p2k2.session.get')
  async get(
    input: CommandPayload<'training.p2k2.session.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.p2k2.session.get'>> {
    const session = await this.session(tx, input.sessionId, actor);
    const roster =
      session.status === 'held' ? undefined : await this.directory.roster(tx, session.groupId);
    return toSessionView(session, roster);
  }

  @HandleCommand('training.p2k2.session.list')
  async list(
    input: CommandPayload<'training.p2k2.session.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.p2k2.session.list'>> {
    const scope = listScope(actor);
    // Dates are local days: widen by a day each side so every time zone's day is fetched...
    const from = dateOf(input.from);
    const to = dateOf(input.to);
    from.setUTCDate(from.getUTCDate() - 1);
    to.setUTCDate(to.getUTCDate() + 2);
    const sessions = await tx.p2k2Session.findMany({
      where: {
        // An assistant sees their own calendar whatever assistantId they pass.
        ...((scope.assistantId ?? input.assistantId)
          ? { assistantId: scope.assistantId ?? input.assistantId }
          : {}),
        ...(input.groupId ? { groupId: input.groupId } : {}),
        ...(scope.regionPrefix ? villageWithin(scope.regionPrefix) : {}),
        startsAt: { gte: from, lt: to },
      },
      orderBy: { startsAt: 'asc' },
      take: 1000,
      include: { group: { select: { name: true } } },
    });
    // ...then keep the sessions whose day, as the village reads its clock, is inside.
    const localDay = (s: (typeof sessions)[number]) =>
      villageTime(s.startsAt.toISOString(), s.villageCode).slice(0, 10);
    return {
      items: sessions
        .filter((s) => localDay(s) >= input.from && localDay(s) <= input.to)
        .map((s) => toSessionView(s)),
    };
  }

  @HandleCommand('training.p2k2.session.hold')
  async hold(
    input: CommandPayload<'training.p2k2.session.hold'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.p2k2.session.hold'>> {
    const { actor, tx } = context;
    // The busiest write of the service (a session sheet saved on a phone), in plain SQL: one
    // locking read, the roster, one insert, one update, the view built from what is known.
    // Prisma 6.19 compiles every query on the event loop; these four cost 10x less raw.
    const [session] = await tx.$queryRawUnsafe<
      (Omit<SessionRow, 'group'> & { groupName: string })[]
    >(
      `SELECT s.id, s.group_id AS "groupId", s.assistant_id AS "assistantId",
              s.village_code AS "villageCode", s.module, s.session_no AS "sessionNo",
              s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.place, s.status,
              s.photo_type AS "photoType", g.name AS "groupName"
       FROM p2k2_session s JOIN p2k2_group g ON g.id = s.group_id
       WHERE s.id = $1::uuid FOR UPDATE OF s`,
      input.sessionId,
    );
    if (!session) throw new DomainError(404, 'not-found', 'No such session');
    assertCanRead(actor, session);
    if (actor.role !== 'assistant' || actor.userId !== session.assistantId)
      throw new DomainError(403, 'forbidden', "Only the group's assistant holds its sessions");
    if (session.status !== 'planned')
      throw new DomainError(409, 'session-not-planned', `The session is ${session.status}`);
    const checkInAt = new Date(input.checkIn.at);
    const fields: FieldError[] = [];
    if (checkInAt.getTime() > Date.now() + CLOCK_SKEW_MS)
      fields.push({ path: 'checkIn.at', message: 'is in the future' });
    if (checkInAt.getTime() < session.startsAt.getTime() - 2 * 3_600_000)
      fields.push({ path: 'checkIn.at', message: 'is more than 2 hours before the session' });
    const roster = await this.directory.roster(tx, session.groupId);
    const inGroup = new Map(roster.map((f) => [f.kpmId, f]));
    const seen = new Set<string>();
    input.attendance.forEach((entry, i) => {
      if (!inGroup.has(entry.kpmId))
        fields.push({ path: `attendance.${i}.kpmId`, message: 'is not a family of this group' });
      else if (seen.has(entry.kpmId))
        fields.push({ path: `attendance.${i}.kpmId`, message: 'is listed twice' });
      seen.add(entry.kpmId);
    });
    const missing = roster.filter((f) => !seen.has(f.kpmId));
    if (missing.length > 0)
      fields.push({
        path: 'attendance',
        message: `has no entry for ${missing.length} of the group's families: ${missing
          .slice(0, 5)
          .map((f) => f.headName)
          .join(', ')}`,
      });
    if (fields.length > 0) throw DomainError.invalid(fields);

    const attended = input.attendance.filter((a) => a.present).length;
    const late = checkInAt.getTime() > session.startsAt.getTime() + LATE_AFTER_MS;
    const attendanceRows = input.attendance.map((a) => ({
      sessionId: session.id,
      kpmId: a.kpmId,
      headName: inGroup.get(a.kpmId)!.headName,
      present: a.present,
      note: a.note ?? null,
    }));
    await tx.$executeRawUnsafe(
      `INSERT INTO p2k2_attendance (session_id, kpm_id, head_name, present, note)
       SELECT $1::uuid, * FROM unnest($2::uuid[], $3::text[], $4::boolean[], $5::text[])`,
      session.id,
      attendanceRows.map((a) => a.kpmId),
      attendanceRows.map((a) => a.headName),
      attendanceRows.map((a) => a.present),
      attendanceRows.map((a) => a.note),
    );
    const heldAt = new Date();
    const held = {
      status: 'held',
      notes: input.notes ?? null,
      checkInAt,
      latitude: input.checkIn.latitude,
      longitude: input.checkIn.longitude,
      accuracyMeters: input.checkIn.accuracyMeters ?? null,
      checkInLate: late,
      invited: input.attendance.length,
      attended,
      heldBy: actor.userId,
      heldAt,
    };
    await tx.$executeRawUnsafe(
      `UPDATE p2k2_session SET status = 'held', notes = $2, check_in_at = $3, latitude = $4,
              longitude = $5, accuracy_meters = $6, check_in_late = $7, invited = $8, attended = $9,
              held_by = $10, held_at = $11
       WHERE id = $1::uuid`,
      session.id,
      held.notes,
      held.checkInAt,
      held.latitude,
      held.longitude,
      held.accuracyMeters,
      held.checkInLate,
      held.invited,
      held.attended,
      held.heldBy,
      held.heldAt,
    );
    // The day as the village lived it (a 06:00 WIB session is still yesterday in UTC).
    const heldOn = villageTime(session.startsAt.toISOString(), session.villageCode).slice(0, 10);
    await context.emit({
      type: 'p2k2.attendance-recorded',
      version: 2,
      aggregateId: session.id,
      payload: {
        sessionId: session.id,
        module: session.module as P2k2Module,
        heldOn,
        attendance: input.attendance.map((a) => ({ kpmId: a.kpmId, attended: a.present })),
      },
    });
    await context.emit({
      type: 'p2k2.session-held',
      version: 1,
      aggregateId: session.assistantId,
      payload: {
        sessionId: session.id,
        groupId: session.groupId,
        assistantId: session.assistantId,
        villageCode: session.villageCode,
        module: session.module as P2k2Module,
        sessionNo: session.sessionNo,
        startsAt: session.startsAt.toISOString(),
        heldAt: heldAt.toISOString(),
        invited: input.attendance.length,
        attended,
        checkInLate: late,
      },
    });
    return toSessionView({
      ...session,
      ...held,
      group: { name: session.groupName },
      attendance: attendanceRows,
    });
  }
}
