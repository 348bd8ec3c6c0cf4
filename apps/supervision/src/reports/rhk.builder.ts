import { Injectable } from '@nestjs/common';
import { localDay, regionAncestry, type RhkView } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import { ActivityRepository } from '../activity/activity.repository.js';
import { AttendanceMonth } from '../attendance/attendance-month.js';
import { monthRange } from '../attendance/day-status.js';
import type { StaffMember } from '../roster/roster.repository.js';
import { rhkFigures } from './rhk-figures.js';
import { RhkRepository } from './rhk.repository.js';
import { TasksRepository } from './tasks.repository.js';

/**
 * The RHK of an assistant's month: live from the work log while it is a draft (or returned for
 * changes), as submitted once submitted, so what the coordinator approves does not move.
 */
@Injectable()
export class RhkBuilder {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly months: AttendanceMonth,
    private readonly tasks: TasksRepository,
    private readonly reports: RhkRepository,
  ) {}

  regionOf(member: StaffMember) {
    return member.regionCode ?? '31';
  }

  /** The month's figures and evidence as they stand now. */
  async live(db: SqlClient, member: StaffMember, month: string) {
    const region = this.regionOf(member);
    const { from, to } = monthRange(month);
    const today = localDay(new Date(), region);
    const [items, tasks, attendance, [ytd], yearlyTarget] = await Promise.all([
      this.activity.itemsOf(db, member.id, from, to),
      this.tasks.list(db, { assistantId: member.id }, from, to, today),
      this.months.of(db, member, region, month),
      db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM activity_item
         WHERE assistant_id = $1 AND day BETWEEN $2::date AND $3::date
           AND kind = 'stage-change' AND detail->>'to' = 'graduated-self-reliant'`,
        member.id,
        `${month.slice(0, 4)}-01-01`,
        to,
      ),
      this.yearlyTarget(db, region, Number(month.slice(0, 4))),
    ]);
    const figures = rhkFigures({
      items,
      tasks,
      attendance: attendance.summary,
      selfReliantYearToDate: ytd?.n ?? 0,
      yearlyTarget,
    });
    const evidence = items.map((i) => ({
      kind: i.kind,
      refId: i.refId,
      at: i.at.toISOString(),
      detail: i.detail,
    }));
    return { figures, evidence };
  }

  /**
   * The assistant's share of the self-reliant graduation target of the nearest region that has
   * one: its target over its active assistants, rounded up.
   */
  private async yearlyTarget(db: SqlClient, region: string, year: number) {
    const [row] = await db.$queryRawUnsafe<{ selfReliant: number; assistants: number | null }[]>(
      `SELECT t.self_reliant AS "selfReliant", c.assistants
       FROM graduation_target t LEFT JOIN region_assistant_count c ON c.region_code = t.region_code
       WHERE t.region_code = ANY($1::text[]) AND t.year = $2
       ORDER BY length(t.region_code) DESC LIMIT 1`,
      regionAncestry(region),
      year,
    );
    if (!row) return null;
    return Math.ceil(row.selfReliant / Math.max(1, row.assistants ?? 1));
  }

  async view(db: SqlClient, member: StaffMember, month: string): Promise<RhkView> {
    const stored = await this.reports.find(db, member.id, month);
    const frozen = stored && stored.status !== 'returned';
    const { figures, evidence } = frozen ? stored : await this.live(db, member, month);
    return {
      assistantId: member.id,
      assistantName: member.name,
      regionCode: member.regionCode,
      month,
      status: stored?.status ?? 'draft',
      figures,
      evidence,
      notes: stored?.notes ?? null,
      submittedAt: stored?.submittedAt.toISOString() ?? null,
      review:
        stored?.decision && stored.reviewedBy && stored.reviewedAt
          ? {
              by: stored.reviewedBy,
              byName: stored.reviewerName,
              at: stored.reviewedAt.toISOString(),
              decision: stored.decision,
              note: stored.reviewNote,
            }
          : null,
    };
  }
}
