import { Inject, Injectable } from '@nestjs/common';
import { localDay, type CommandPayload, type CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';
import { scopedRegion } from '../region-scope.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { CalendarRepository } from './calendar.repository.js';
import { AttendanceMonth } from './attendance-month.js';
import { dayStatus } from './day-status.js';

type Counts = CommandResponse<'supervision.attendance.today'>['region'];

/** How many days of lateness the dashboard's trend shows. */
const TREND_DAYS = 14;

/** An assistant's monthly record, and a region's attendance today, for coordinators and the Dinas. */
@Injectable()
export class AttendanceViewsHandlers {
  constructor(
    private readonly calendars: CalendarRepository,
    private readonly months: AttendanceMonth,
    private readonly roster: RosterRepository,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  @HandleCommand('supervision.attendance.record')
  async record(
    input: CommandPayload<'supervision.attendance.record'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.attendance.record'>> {
    const member = await this.roster.supervisable(tx, actor, input.assistantId ?? actor.userId);
    const regionCode = member.regionCode ?? actor.regionCode ?? '31';
    const month = input.month ?? localDay(new Date(), regionCode).slice(0, 7);
    return this.months.of(tx, member, regionCode, month);
  }

  @HandleCommand('supervision.attendance.today')
  async today(
    input: CommandPayload<'supervision.attendance.today'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.attendance.today'>> {
    if (actor.role === 'assistant')
      throw new DomainError(403, 'forbidden', 'Assistants see their own record only');
    const code = scopedRegion(actor, input.regionCode);
    const region = code === null ? null : (this.regions.get(code) ?? null);
    if (code !== null && !region)
      throw new DomainError(404, 'not-found', `No region ${code} in idn-area-data`);
    const now = new Date();
    const day = input.day ?? localDay(now, code ?? '31');
    // Assistants work at district level: below a regency, list the people instead of villages.
    const children = region?.level === 'district' ? [] : this.regions.children(code);
    const codes = [code ?? '', ...children.map((c) => c.code)];
    const trendFrom = new Date(Date.parse(`${day}T00:00:00Z`) - (TREND_DAYS - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [expected, present, trend] = await Promise.all([
      tx.$queryRawUnsafe<{ code: string; n: number }[]>(
        `SELECT region_code AS code, assistants AS n FROM region_assistant_count
         WHERE region_code = ANY($1::text[])`,
        codes,
      ),
      tx.$queryRawUnsafe<{ code: string; present: number; late: number }[]>(
        `SELECT region_code AS code, present, late FROM region_day
         WHERE region_code = ANY($1::text[]) AND day = $2::date`,
        codes,
        day,
      ),
      tx.$queryRawUnsafe<{ day: string; present: number; late: number }[]>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, present, late FROM region_day
         WHERE region_code = $1 AND day BETWEEN $2::date AND $3::date ORDER BY day`,
        code ?? '',
        trendFrom,
        day,
      ),
    ]);
    const expectedOf = new Map(expected.map((r) => [r.code, r.n]));
    const presentOf = new Map(present.map((r) => [r.code, r]));
    const counts = (regionCode: string, name: string): Counts => {
      const e = expectedOf.get(regionCode) ?? 0;
      const p = presentOf.get(regionCode);
      return {
        code: regionCode || null,
        name,
        expected: e,
        present: p?.present ?? 0,
        late: p?.late ?? 0,
        missing: Math.max(0, e - (p?.present ?? 0)),
      };
    };
    return {
      day,
      region: counts(code ?? '', region?.name ?? 'Indonesia'),
      children: children.map((c) => counts(c.code, c.name)),
      assistants:
        region?.level === 'district' ? await this.assistantsOn(tx, region.code, day, now) : [],
      trend,
    };
  }

  /** The assistants of a district and how their day went. */
  private async assistantsOn(tx: Tx, district: string, day: string, now: Date) {
    const [members, rows, { calendar, exceptions }] = await Promise.all([
      this.roster.assistantsIn(tx, district),
      tx.$queryRawUnsafe<{ id: string; firstIn: Date; late: boolean; minutesLate: number }[]>(
        `SELECT assistant_id::text AS id, first_in_at AS "firstIn", late, minutes_late AS "minutesLate"
         FROM assistant_day WHERE day = $1::date AND (region_code = $2 OR region_code LIKE $2 || '.%')`,
        day,
        district,
      ),
      this.calendars.resolve(tx, district, day, day),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return members.map((m) => {
      const row = byId.get(m.id) ?? null;
      return {
        id: m.id,
        name: m.name,
        regionCode: m.regionCode,
        status: dayStatus({
          day,
          checkedIn: row,
          calendar,
          exceptions,
          regionCode: m.regionCode ?? district,
          since: m.since,
          now,
        }),
        firstIn: row?.firstIn.toISOString() ?? null,
        minutesLate: row?.minutesLate ?? 0,
      };
    });
  }
}
