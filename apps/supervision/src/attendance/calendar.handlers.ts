import { Injectable } from '@nestjs/common';
import {
  isWithinRegion,
  localDay,
  type Actor,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { CalendarRepository } from './calendar.repository.js';
import { AuditTrail } from './audit.repository.js';

/** Only the Dinas (within its region) and admins set working calendars and holidays. */
function requireCalendarAuthority(actor: Actor, regionCode: string | null) {
  if (actor.role === 'admin') return;
  if (actor.role !== 'dinas')
    throw new DomainError(403, 'forbidden', 'Working calendars are set by the Dinas or an admin');
  if (
    regionCode === null ||
    actor.regionCode === null ||
    !isWithinRegion(regionCode, actor.regionCode)
  )
    throw new DomainError(403, 'forbidden', 'That region is outside your scope');
}

/** Office hours, working weekdays, the office's location, holidays and declared working days. */
@Injectable()
export class CalendarHandlers {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly audit: AuditTrail,
  ) {}

  @HandleCommand('supervision.calendar.get')
  async get(
    input: CommandPayload<'supervision.calendar.get'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.calendar.get'>> {
    const regionCode = input.regionCode ?? actor.regionCode;
    return this.view(tx, regionCode, input.year);
  }

  @HandleCommand('supervision.calendar.set')
  async set(
    input: CommandPayload<'supervision.calendar.set'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.calendar.set'>> {
    requireCalendarAuthority(actor, input.regionCode);
    const before = await this.calendars.resolve(tx, input.regionCode, '2000-01-01', '2000-01-01');
    await tx.$executeRawUnsafe(
      `INSERT INTO work_calendar (region_code, office_start, office_end, workdays, grace_minutes,
         office_lat, office_lng, office_radius_m, set_by, set_at)
       VALUES ($1, $2, $3, $4::int[], $5, $6, $7, $8, $9, now())
       ON CONFLICT (region_code) DO UPDATE SET office_start = excluded.office_start,
         office_end = excluded.office_end, workdays = excluded.workdays,
         grace_minutes = excluded.grace_minutes, office_lat = excluded.office_lat,
         office_lng = excluded.office_lng, office_radius_m = excluded.office_radius_m,
         set_by = excluded.set_by, set_at = now()`,
      input.regionCode,
      input.officeStart,
      input.officeEnd,
      [...input.workdays].sort(),
      input.graceMinutes,
      input.office?.lat ?? null,
      input.office?.lng ?? null,
      input.office?.radiusM ?? null,
      actor.userId,
    );
    this.calendars.forget();
    const { regionCode, ...calendar } = input;
    await this.audit.record(tx, {
      assistantId: null,
      day: null,
      action: 'calendar-set',
      actor,
      reason: `calendar of ${regionCode}`,
      before: before.calendar,
      after: calendar,
    });
    return this.view(tx, regionCode, undefined);
  }

  @HandleCommand('supervision.holiday.set')
  async setHoliday(
    input: CommandPayload<'supervision.holiday.set'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.holiday.set'>> {
    const regionCode = input.regionCode ?? null;
    if (regionCode === null && actor.role !== 'admin')
      throw new DomainError(403, 'forbidden', 'National holidays are set by an admin');
    requireCalendarAuthority(actor, regionCode);
    if (input.remove)
      await tx.$executeRawUnsafe(
        `DELETE FROM holiday WHERE region_code = $1 AND day = $2::date`,
        regionCode ?? '',
        input.day,
      );
    else
      await tx.$executeRawUnsafe(
        `INSERT INTO holiday (region_code, day, name, working, set_by) VALUES ($1, $2::date, $3, $4, $5)
         ON CONFLICT (region_code, day) DO UPDATE SET name = excluded.name,
           working = excluded.working, set_by = excluded.set_by, set_at = now()`,
        regionCode ?? '',
        input.day,
        input.name,
        input.working,
        actor.userId,
      );
    this.calendars.forget();
    await this.audit.record(tx, {
      assistantId: null,
      day: input.day,
      action: input.remove ? 'holiday-removed' : input.working ? 'workday-declared' : 'holiday-set',
      actor,
      reason: `${input.name} (${regionCode ?? 'national'})`,
    });
    return { day: input.day, regionCode, working: input.working, removed: input.remove };
  }

  private async view(tx: Tx, regionCode: string | null, year: number | undefined) {
    const y = year ?? Number(localDay(new Date(), regionCode ?? '31').slice(0, 4));
    const resolved = await this.calendars.resolve(tx, regionCode, `${y}-01-01`, `${y}-12-31`);
    const days = [
      ...[...resolved.holidays].map(([day, h]) => ({ day, ...h, working: false })),
      ...[...resolved.workdays].map(([day, h]) => ({ day, ...h, working: true })),
    ].sort((a, b) => a.day.localeCompare(b.day));
    return { ...resolved.calendar, regionCode, setFor: resolved.setFor, holidays: days };
  }
}
