import { Injectable } from '@nestjs/common';
import { CASELOAD_ALERT_THRESHOLD, LONG_IN_PKH_YEARS, localDay } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import { CalendarRepository } from '../attendance/calendar.repository.js';
import { previousWorkingDays } from './working-days.js';

/** Working days in a row without any check-in that raise an alert. */
const ABSENT_DAYS = 3;

/**
 * The alert rules, run together by the sweep. Each raises at most one alert per assistant and
 * period (the unique key), so running them again changes nothing.
 */
@Injectable()
export class AlertRules {
  constructor(private readonly calendars: CalendarRepository) {}

  async run(db: SqlClient, now: Date): Promise<number> {
    const regions = (
      await db.$queryRawUnsafe<{ code: string }[]>(
        `SELECT DISTINCT region_code AS code FROM staff_member
         WHERE role = 'assistant' AND active AND region_code IS NOT NULL`,
      )
    ).map((r) => r.code);
    let raised =
      (await this.caseloadAboveThreshold(db, now)) + (await this.longWithoutGraduating(db, now));
    if (regions.length === 0) return raised;
    const today = localDay(now, regions[0]!);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 31 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const calendars = await this.calendars.resolveMany(db, regions, from, today);
    // Regions whose last working days are the same are checked in one statement each.
    const regionsByDays = (count: number) => {
      const groups = new Map<string, string[]>();
      for (const code of regions) {
        const { calendar, exceptions } = calendars.get(code)!;
        const days = previousWorkingDays(calendar, exceptions, localDay(now, code), count);
        if (days.length < count) continue;
        const key = days.join(',');
        groups.set(key, [...(groups.get(key) ?? []), code]);
      }
      return [...groups].map(([key, codes]) => ({ days: key.split(','), codes }));
    };
    for (const { days, codes } of regionsByDays(ABSENT_DAYS))
      raised += await this.absent(db, codes, days);
    for (const { days, codes } of regionsByDays(1))
      raised += await this.noDailyReport(db, codes, days[0]!);
    return raised;
  }

  /** No check-in of any kind on the last three working days of the assistant's region. */
  private absent(db: SqlClient, codes: string[], days: string[]): Promise<number> {
    return db.$executeRawUnsafe(
      `INSERT INTO alert (rule, assistant_id, region_code, period, detail)
       SELECT 'absent-three-days', s.account_id, s.region_code, $2::text,
              jsonb_build_object('days', $3::jsonb)
       FROM staff_member s
       WHERE s.role = 'assistant' AND s.active AND s.region_code = ANY($1::text[])
         AND s.active_since::date <= $4::date
         AND NOT EXISTS (SELECT 1 FROM assistant_day d
                         WHERE d.assistant_id = s.account_id AND d.day = ANY($5::date[]))
       ON CONFLICT (rule, assistant_id, period) DO NOTHING`,
      codes,
      days[0],
      JSON.stringify(days),
      days.at(-1),
      days,
    );
  }

  /** No daily report for the last working day. */
  private noDailyReport(db: SqlClient, codes: string[], day: string): Promise<number> {
    return db.$executeRawUnsafe(
      `INSERT INTO alert (rule, assistant_id, region_code, period, detail)
       SELECT 'no-daily-report', s.account_id, s.region_code, $2::text,
              jsonb_build_object('days', jsonb_build_array($2::text))
       FROM staff_member s
       WHERE s.role = 'assistant' AND s.active AND s.region_code = ANY($1::text[])
         AND s.active_since::date <= $2::date
         AND NOT EXISTS (SELECT 1 FROM daily_report r
                         WHERE r.assistant_id = s.account_id AND r.day = $2::date)
       ON CONFLICT (rule, assistant_id, period) DO NOTHING`,
      codes,
      day,
    );
  }

  /** More families in the caseload (active to candidate) than one assistant can broker for. */
  private async caseloadAboveThreshold(db: SqlClient, now: Date): Promise<number> {
    return db.$executeRawUnsafe(
      `INSERT INTO alert (rule, assistant_id, region_code, period, detail)
       SELECT 'caseload-above-threshold', s.account_id, s.region_code, $2::text,
              jsonb_build_object('families', l.families, 'threshold', $1::int)
       FROM (SELECT assistant_id, families FROM assistant_region_load
             WHERE region_code = '' AND families > $1::int) l
       JOIN staff_member s ON s.account_id::text = l.assistant_id
       WHERE s.active AND s.region_code IS NOT NULL
       ON CONFLICT (rule, assistant_id, period) DO NOTHING`,
      CASELOAD_ALERT_THRESHOLD,
      now.toISOString().slice(0, 7),
    );
  }

  /**
   * Families still in the caseload more than five years after entering PKH: the studies' sign
   * that nobody is brokering them towards graduation. Once a month per assistant.
   */
  private longWithoutGraduating(db: SqlClient, now: Date): Promise<number> {
    // Entered in 2020 or before: in 2026 that is more than five years.
    const enteredBy = now.getUTCFullYear() - LONG_IN_PKH_YEARS - 1;
    return db.$executeRawUnsafe(
      `INSERT INTO alert (rule, assistant_id, region_code, period, detail)
       SELECT 'long-without-graduating', s.account_id, s.region_code, $2::text,
              jsonb_build_object('families', c.families, 'enteredBy', $1::int, 'years', $3::int)
       FROM (SELECT assistant_id, sum(families)::int AS families FROM assistant_cohort
             WHERE pkh_entry_year <= $1::int GROUP BY assistant_id HAVING sum(families) > 0) c
       JOIN staff_member s ON s.account_id::text = c.assistant_id
       WHERE s.active AND s.region_code IS NOT NULL
       ON CONFLICT (rule, assistant_id, period) DO NOTHING`,
      enteredBy,
      now.toISOString().slice(0, 7),
      LONG_IN_PKH_YEARS,
    );
  }
}
