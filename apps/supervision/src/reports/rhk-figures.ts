import type { ActivityKind, DirectedTaskView, RhkFigures } from '@jembatan/contracts';

export interface WorkItem {
  kind: ActivityKind;
  refId: string;
  at: Date;
  detail: Record<string, unknown>;
}

export interface RhkInputs {
  /** The month's work log, oldest first. */
  items: readonly WorkItem[];
  /** Tasks due in the month. */
  tasks: readonly DirectedTaskView[];
  attendance: RhkFigures['attendance'];
  /** Self-reliant graduations from January to the month's end. */
  selfReliantYearToDate: number;
  yearlyTarget: number | null;
}

/** The newest item per reference: a stage or a month recorded twice is counted once, as last recorded. */
function newestPerRef(items: readonly WorkItem[], kind: ActivityKind): WorkItem[] {
  const newest = new Map<string, WorkItem>();
  for (const item of items) if (item.kind === kind) newest.set(item.refId, item);
  return [...newest.values()];
}

const count = (items: readonly WorkItem[], kind: ActivityKind) =>
  items.filter((i) => i.kind === kind).length;
const numberOf = (value: unknown) => (typeof value === 'number' ? value : 0);

/**
 * The RHK's figures from the month's work log: every figure is a count of items the evidence
 * lists, so a coordinator can check each one against its source.
 */
export function rhkFigures(input: RhkInputs): RhkFigures {
  const { items } = input;
  const aid = newestPerRef(items, 'aid-distribution');
  const checks = newestPerRef(items, 'compliance-verification');
  const sessions = items.filter((i) => i.kind === 'p2k2-session');
  const byModule: Record<string, number> = {};
  let invited = 0;
  let attended = 0;
  for (const s of sessions) {
    const module = String(s.detail.module ?? 'unknown');
    byModule[module] = (byModule[module] ?? 0) + 1;
    invited += numberOf(s.detail.invited);
    attended += numberOf(s.detail.attended);
  }
  const graduated = (to: string) =>
    items.filter((i) => i.kind === 'stage-change' && i.detail.to === to).length;
  const compliant = checks.filter((c) => c.detail.compliant === true).length;
  return {
    aidDistribution: {
      families: new Set(aid.map((a) => String(a.detail.kpmId))).size,
      zeroBalance: aid.filter((a) => a.detail.zeroBalance === true).length,
    },
    p2k2: {
      sessions: sessions.length,
      byModule,
      attendanceRate: invited > 0 ? Math.round((attended / invited) * 100) : null,
    },
    compliance: { verified: checks.length, compliant, nonCompliant: checks.length - compliant },
    graduation: {
      selfReliant: graduated('graduated-self-reliant'),
      natural: graduated('graduated-natural'),
      selfReliantYearToDate: input.selfReliantYearToDate,
      yearlyTarget: input.yearlyTarget,
    },
    dataUpdates: {
      updates: count(items, 'data-update'),
      registrations: items
        .filter((i) => i.kind === 'registration')
        .reduce((sum, i) => sum + (numberOf(i.detail.families) || 1), 0),
      assessments: count(items, 'assessment'),
    },
    cases: { opened: count(items, 'case-opened'), resolved: count(items, 'case-resolved') },
    homeVisits: count(items, 'home-visit'),
    tutorReferrals: count(items, 'mentoring-started'),
    directedTasks: {
      assigned: input.tasks.length,
      done: input.tasks.filter((t) => t.doneAt !== null).length,
      overdue: input.tasks.filter((t) => t.overdue).length,
    },
    attendance: input.attendance,
  };
}
