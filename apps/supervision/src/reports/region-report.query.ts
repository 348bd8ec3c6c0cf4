import { Injectable } from '@nestjs/common';
import { isWorkingDay, localDay, type RegionMonthRow } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import { CalendarRepository } from '../attendance/calendar.repository.js';
import { daysBetween, monthRange } from '../attendance/day-status.js';

type Figures = Omit<
  RegionMonthRow,
  'code' | 'assistantId' | 'name' | 'assistants' | 'attendanceRate'
>;
const ZERO: Figures = {
  p2k2Sessions: 0,
  homeVisits: 0,
  aidDistribution: 0,
  complianceVerified: 0,
  assessments: 0,
  dataUpdates: 0,
  casesOpened: 0,
  casesResolved: 0,
  graduatedSelfReliant: 0,
  graduatedNatural: 0,
  tutorReferrals: 0,
  lateDays: 0,
  rhkSubmitted: 0,
  rhkApproved: 0,
};

export const emptyGroup = (): GroupFigures => ({
  ...ZERO,
  assistants: 0,
  presentDays: 0,
  expectedDays: 0,
});

/** How the rows are keyed: a child region (by code prefix) or, below a regency, an assistant. */
export type Grouping = { by: 'region'; codeLength: number } | { by: 'assistant' };

export interface GroupFigures extends Figures {
  assistants: number;
  presentDays: number;
  expectedDays: number;
}

/**
 * A region's month from the work log, attendance and RHKs of its assistants, grouped by child
 * region or by assistant. Reads the assistants' rows through the (assistant, day) indexes, so a
 * city's month is a few hundred index ranges, not a scan of the nation's log.
 */
@Injectable()
export class RegionReportQuery {
  constructor(private readonly calendars: CalendarRepository) {}

  async month(db: SqlClient, region: string | null, month: string, grouping: Grouping) {
    const { from, to } = monthRange(month);
    const key =
      grouping.by === 'assistant'
        ? `s.account_id::text`
        : `left(s.region_code, ${Number(grouping.codeLength)})`;
    const staff = `(SELECT account_id, region_code, active_since FROM staff_member
      WHERE role = 'assistant' AND active
        AND ($1::text IS NULL OR region_code = $1 OR region_code LIKE $1 || '.%')) s`;
    const [work, modules, days, reports, members] = await Promise.all([
      db.$queryRawUnsafe<
        (Omit<Figures, 'lateDays' | 'rhkSubmitted' | 'rhkApproved'> & { key: string })[]
      >(
        `SELECT ${key} AS key,
           count(*) FILTER (WHERE a.kind = 'p2k2-session')::int AS "p2k2Sessions",
           count(*) FILTER (WHERE a.kind = 'home-visit')::int AS "homeVisits",
           count(DISTINCT a.ref_id) FILTER (WHERE a.kind = 'aid-distribution')::int AS "aidDistribution",
           count(DISTINCT a.ref_id) FILTER (WHERE a.kind = 'compliance-verification')::int AS "complianceVerified",
           count(*) FILTER (WHERE a.kind = 'assessment')::int AS assessments,
           count(*) FILTER (WHERE a.kind = 'data-update')::int AS "dataUpdates",
           count(*) FILTER (WHERE a.kind = 'case-opened')::int AS "casesOpened",
           count(*) FILTER (WHERE a.kind = 'case-resolved')::int AS "casesResolved",
           count(*) FILTER (WHERE a.kind = 'stage-change' AND a.detail->>'to' = 'graduated-self-reliant')::int AS "graduatedSelfReliant",
           count(*) FILTER (WHERE a.kind = 'stage-change' AND a.detail->>'to' = 'graduated-natural')::int AS "graduatedNatural",
           count(*) FILTER (WHERE a.kind = 'mentoring-started')::int AS "tutorReferrals"
         FROM ${staff}
         JOIN activity_item a ON a.assistant_id = s.account_id::text AND a.day BETWEEN $2::date AND $3::date
         GROUP BY 1`,
        region,
        from,
        to,
      ),
      db.$queryRawUnsafe<{ module: string; sessions: number }[]>(
        `SELECT a.detail->>'module' AS module, count(*)::int AS sessions
         FROM ${staff}
         JOIN activity_item a ON a.assistant_id = s.account_id::text AND a.day BETWEEN $2::date AND $3::date
         WHERE a.kind = 'p2k2-session' GROUP BY 1`,
        region,
        from,
        to,
      ),
      db.$queryRawUnsafe<{ key: string; present: number; late: number }[]>(
        `SELECT ${key} AS key, count(*)::int AS present, count(*) FILTER (WHERE d.late)::int AS late
         FROM ${staff}
         JOIN assistant_day d ON d.assistant_id = s.account_id AND d.day BETWEEN $2::date AND $3::date
         GROUP BY 1`,
        region,
        from,
        to,
      ),
      db.$queryRawUnsafe<{ key: string; submitted: number; approved: number }[]>(
        `SELECT ${key} AS key, count(*)::int AS submitted,
                count(*) FILTER (WHERE r.status = 'approved')::int AS approved
         FROM ${staff}
         JOIN rhk_report r ON r.assistant_id = s.account_id AND r.month = $2
           AND r.status IN ('submitted', 'approved')
         GROUP BY 1`,
        region,
        month,
      ),
      db.$queryRawUnsafe<{ key: string; regionCode: string; since: string }[]>(
        `SELECT ${key} AS key, s.region_code AS "regionCode",
                to_char(s.active_since, 'YYYY-MM-DD') AS since
         FROM ${staff}`,
        region,
      ),
    ]);
    const expected = await this.expectedDays(db, members, from, to);
    const groups = new Map<string, GroupFigures>();
    const group = (k: string) => {
      let g = groups.get(k);
      if (!g) {
        g = emptyGroup();
        groups.set(k, g);
      }
      return g;
    };
    for (const m of members) {
      const g = group(m.key);
      g.assistants += 1;
      g.expectedDays += expected.get(m) ?? 0;
    }
    for (const { key: k, ...figures } of work) Object.assign(group(k), figures);
    for (const d of days) {
      const g = group(d.key);
      g.presentDays += d.present;
      g.lateDays += d.late;
    }
    for (const r of reports) {
      const g = group(r.key);
      g.rhkSubmitted += r.submitted;
      g.rhkApproved += r.approved;
    }
    return {
      groups,
      byModule: Object.fromEntries(modules.map((m) => [m.module, m.sessions])),
    };
  }

  /** Working days each assistant was expected at work this month, up to today, from their start. */
  private async expectedDays<M extends { regionCode: string; since: string }>(
    db: SqlClient,
    members: readonly M[],
    from: string,
    to: string,
  ) {
    const codes = [...new Set(members.map((m) => m.regionCode))];
    const calendars = await this.calendars.resolveMany(db, codes, from, to);
    // Each region's working days of the month up to its today, worked out once per region.
    const workingDays = new Map<string, string[]>();
    const workingDaysOf = (code: string) => {
      let days = workingDays.get(code);
      if (!days) {
        const cal = calendars.get(code);
        const today = localDay(new Date(), code);
        days = cal
          ? daysBetween(from, to < today ? to : today).filter((d) =>
              isWorkingDay(cal.calendar, cal.exceptions, d),
            )
          : [];
        workingDays.set(code, days);
      }
      return days;
    };
    const expected = new Map<M, number>();
    for (const m of members)
      expected.set(m, workingDaysOf(m.regionCode).filter((d) => d >= m.since).length);
    return expected;
  }
}
