import { Injectable } from '@nestjs/common';
import {
  DEFAULT_WORK_CALENDAR,
  FIXED_NATIONAL_HOLIDAYS,
  regionAncestry,
  type DayExceptions,
  type WorkCalendarInput,
} from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';

export interface ResolvedCalendar {
  calendar: WorkCalendarInput;
  /** The region whose calendar applies; null for the national default. */
  setFor: string | null;
  /** Holidays in the range asked for, by day: national, the region's and its ancestors'. */
  holidays: Map<string, { name: string; regionCode: string | null }>;
  /** Days declared working days in the range. */
  workdays: Map<string, { name: string; regionCode: string | null }>;
  exceptions: DayExceptions;
}

interface CalendarRow {
  regionCode: string;
  officeStart: string;
  officeEnd: string;
  workdays: number[];
  graceMinutes: number;
  officeLat: number | null;
  officeLng: number | null;
  officeRadiusM: number | null;
}

/** How long a resolved calendar is reused; calendars change a few times a year. */
const CACHE_MS = 30_000;

/**
 * Working calendars: the nearest region's settings win; holidays add up from the nation down.
 * Resolutions are cached for 30 s (every morning check-in needs one): a change made through this
 * instance applies at once, through another instance within 30 s.
 */
@Injectable()
export class CalendarRepository {
  private readonly cache = new Map<string, { at: number; value: Promise<ResolvedCalendar> }>();

  resolve(
    db: SqlClient,
    regionCode: string | null,
    from: string,
    to: string,
  ): Promise<ResolvedCalendar> {
    const key = `${regionCode}|${from}|${to}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    if (this.cache.size > 10_000) this.cache.clear();
    const value = this.load(db, regionCode, from, to);
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  /** Forgets every cached calendar (after a calendar or holiday changed). */
  forget(): void {
    this.cache.clear();
  }

  /**
   * Calendars of many regions over one range in two queries (the alert sweep covers every
   * kecamatan): the same rules as `resolve`, applied in memory.
   */
  async resolveMany(
    db: SqlClient,
    regionCodes: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, ResolvedCalendar>> {
    const [calendars, holidays] = await Promise.all([
      db.$queryRawUnsafe<CalendarRow[]>(`SELECT ${CALENDAR_COLUMNS} FROM work_calendar`),
      db.$queryRawUnsafe<HolidayRow[]>(
        `SELECT ${HOLIDAY_COLUMNS} FROM holiday WHERE day BETWEEN $1::date AND $2::date`,
        from,
        to,
      ),
    ]);
    const calendarOf = new Map(calendars.map((c) => [c.regionCode, c]));
    const resolved = new Map<string, ResolvedCalendar>();
    for (const code of regionCodes) {
      const scopes = regionAncestry(code);
      const row = [...scopes]
        .reverse()
        .map((s) => calendarOf.get(s))
        .find(Boolean);
      const inScope = new Set(['', ...scopes]);
      resolved.set(
        code,
        assemble(
          row,
          holidays.filter((h) => inScope.has(h.regionCode)),
          from,
          to,
        ),
      );
    }
    return resolved;
  }

  private async load(
    db: SqlClient,
    regionCode: string | null,
    from: string,
    to: string,
  ): Promise<ResolvedCalendar> {
    const scopes = regionCode ? regionAncestry(regionCode) : [];
    const [calendars, holidays] = await Promise.all([
      scopes.length === 0
        ? Promise.resolve([] as CalendarRow[])
        : db.$queryRawUnsafe<CalendarRow[]>(
            `SELECT ${CALENDAR_COLUMNS} FROM work_calendar WHERE region_code = ANY($1::text[])
             ORDER BY length(region_code) DESC LIMIT 1`,
            scopes,
          ),
      db.$queryRawUnsafe<HolidayRow[]>(
        `SELECT ${HOLIDAY_COLUMNS} FROM holiday
         WHERE region_code = ANY($1::text[]) AND day BETWEEN $2::date AND $3::date`,
        ['', ...scopes],
        from,
        to,
      ),
    ]);
    return assemble(calendars[0], holidays, from, to);
  }
}

const CALENDAR_COLUMNS = `region_code AS "regionCode", office_start AS "officeStart",
  office_end AS "officeEnd", workdays, grace_minutes AS "graceMinutes", office_lat AS "officeLat",
  office_lng AS "officeLng", office_radius_m AS "officeRadiusM"`;

const HOLIDAY_COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, name, region_code AS "regionCode", working`;

interface HolidayRow {
  day: string;
  name: string;
  regionCode: string;
  working: boolean;
}

/** A region's calendar from its nearest settings and the holidays that apply to it. */
function assemble(
  row: CalendarRow | undefined,
  holidays: readonly HolidayRow[],
  from: string,
  to: string,
): ResolvedCalendar {
  const byDay = new Map<string, { name: string; regionCode: string | null }>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const [monthDay, name] of Object.entries(FIXED_NATIONAL_HOLIDAYS)) {
      const day = `${year}-${monthDay}`;
      if (day >= from && day <= to) byDay.set(day, { name: name.id, regionCode: null });
    }
  const workdays = new Map<string, { name: string; regionCode: string | null }>();
  // Nation first, then ever smaller regions: the nearest region's word on a day wins.
  for (const h of [...holidays].sort((a, b) => a.regionCode.length - b.regionCode.length))
    (h.working ? workdays : byDay).set(h.day, { name: h.name, regionCode: h.regionCode || null });
  return {
    calendar: row
      ? {
          officeStart: row.officeStart,
          officeEnd: row.officeEnd,
          workdays: row.workdays,
          graceMinutes: row.graceMinutes,
          office:
            row.officeLat !== null && row.officeLng !== null
              ? { lat: row.officeLat, lng: row.officeLng, radiusM: row.officeRadiusM ?? 300 }
              : null,
        }
      : DEFAULT_WORK_CALENDAR,
    setFor: row?.regionCode ?? null,
    holidays: byDay,
    workdays,
    exceptions: { holidays: byDay, workdays },
  };
}
