import { Injectable } from '@nestjs/common';
import {
  isWorkingDay,
  localDay,
  type CommandPayload,
  type CommandResponse,
  type DailyReportView,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { ActivityRepository } from '../activity/activity.repository.js';
import { CalendarRepository } from '../attendance/calendar.repository.js';
import type { Tx } from '../database/prisma.service.js';
import { RosterRepository, type StaffMember } from '../roster/roster.repository.js';

/** How many days back an assistant may still submit a report (it is then marked late). */
const SUBMITTABLE_DAYS = 7;

/**
 * The assistant's daily report: the day's work as the services' events recorded it, plus the
 * assistant's notes, submitted once. Submitted after the day is over: late; a past working day
 * without one: missing (and an alert the next morning).
 */
@Injectable()
export class DailyReportsHandlers {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly calendars: CalendarRepository,
    private readonly roster: RosterRepository,
  ) {}

  @HandleCommand('supervision.daily-report.get')
  async get(
    input: CommandPayload<'supervision.daily-report.get'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.daily-report.get'>> {
    const member = await this.roster.supervisable(tx, actor, input.assistantId ?? actor.userId);
    const region = member.regionCode ?? actor.regionCode ?? '31';
    return this.view(tx, member, region, input.day ?? localDay(new Date(), region));
  }

  @HandleCommand('supervision.daily-report.submit')
  async submit(
    input: CommandPayload<'supervision.daily-report.submit'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.daily-report.submit'>> {
    if (actor.role !== 'assistant')
      throw new DomainError(403, 'forbidden', 'Assistants submit their own daily report');
    const member = await this.roster.supervisable(tx, actor, actor.userId);
    const region = member.regionCode ?? actor.regionCode ?? '31';
    const today = localDay(new Date(), region);
    const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - SUBMITTABLE_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    if (input.day > today || input.day < earliest)
      throw DomainError.invalid([
        { path: 'day', message: `must be between ${earliest} and today (${today})` },
      ]);
    const written = await tx.$executeRawUnsafe(
      `INSERT INTO daily_report (assistant_id, day, region_code, notes, submitted_at, late)
       VALUES ($1::uuid, $2::date, $3, $4, now(), $5) ON CONFLICT DO NOTHING`,
      member.id,
      input.day,
      region,
      input.notes,
      input.day < today,
    );
    if (written === 0)
      throw new DomainError(409, 'submitted', `The report of ${input.day} was already submitted`);
    return this.view(tx, member, region, input.day);
  }

  private async view(
    tx: Tx,
    member: StaffMember,
    region: string,
    day: string,
  ): Promise<DailyReportView> {
    const [items, [report], { calendar, exceptions }] = await Promise.all([
      this.activity.itemsOf(tx, member.id, day, day),
      tx.$queryRawUnsafe<{ notes: string; submittedAt: Date; late: boolean }[]>(
        `SELECT notes, submitted_at AS "submittedAt", late FROM daily_report
         WHERE assistant_id = $1::uuid AND day = $2::date`,
        member.id,
        day,
      ),
      this.calendars.resolve(tx, region, day, day),
    ]);
    const over = day < localDay(new Date(), region);
    const expected = isWorkingDay(calendar, exceptions, day) && day >= member.since;
    const status = report
      ? report.late
        ? 'late'
        : 'submitted'
      : over && expected
        ? 'missing'
        : 'draft';
    const counts: Record<string, number> = {};
    for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    return {
      assistantId: member.id,
      assistantName: member.name,
      day,
      status,
      items: items.map((i) => ({
        kind: i.kind,
        refId: i.refId,
        at: i.at.toISOString(),
        detail: i.detail,
      })),
      counts,
      notes: report?.notes ?? null,
      submittedAt: report?.submittedAt.toISOString() ?? null,
    };
  }
}
