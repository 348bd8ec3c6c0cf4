import type { DirectedTaskView } from '@jembatan/contracts';
import { rhkFigures, type WorkItem } from './rhk-figures.js';

const at = new Date('2026-11-10T03:00:00Z');
const item = (kind: WorkItem['kind'], refId: string, detail: Record<string, unknown> = {}) => ({
  kind,
  refId,
  at,
  detail,
});
const task = (doneAt: string | null, overdue: boolean) =>
  ({ id: crypto.randomUUID(), doneAt, overdue }) as DirectedTaskView;
const attendance = { workingDays: 20, present: 18, late: 2, absent: 2, meetingsMissed: 1 };
const base = { tasks: [], attendance, selfReliantYearToDate: 0, yearlyTarget: null };

describe('rhkFigures', () => {
  it('counts a stage or a month recorded twice once, as last recorded', () => {
    const figures = rhkFigures({
      ...base,
      items: [
        item('aid-distribution', 'k1:2026-4', { kpmId: 'k1', zeroBalance: true }),
        item('aid-distribution', 'k1:2026-4', { kpmId: 'k1', zeroBalance: false }),
        item('aid-distribution', 'k2:2026-4', { kpmId: 'k2', zeroBalance: true }),
        item('compliance-verification', 'k1:2026-11', { compliant: false }),
        item('compliance-verification', 'k1:2026-11', { compliant: true }),
        item('compliance-verification', 'k2:2026-11', { compliant: false }),
      ],
    });
    expect(figures.aidDistribution).toEqual({ families: 2, zeroBalance: 1 });
    expect(figures.compliance).toEqual({ verified: 2, compliant: 1, nonCompliant: 1 });
  });

  it('adds up P2K2 sessions by module with the attendance rate of all of them', () => {
    const figures = rhkFigures({
      ...base,
      items: [
        item('p2k2-session', 's1', { module: 'pengasuhan', invited: 20, attended: 15 }),
        item('p2k2-session', 's2', { module: 'pengasuhan', invited: 20, attended: 19 }),
        item('p2k2-session', 's3', { module: 'ekonomi', invited: 10, attended: 5 }),
      ],
    });
    expect(figures.p2k2).toEqual({
      sessions: 3,
      byModule: { pengasuhan: 2, ekonomi: 1 },
      attendanceRate: 78, // 39 of 50
    });
    expect(rhkFigures({ ...base, items: [] }).p2k2.attendanceRate).toBeNull();
  });

  it('separates self-reliant from natural graduations and counts imported families', () => {
    const figures = rhkFigures({
      ...base,
      selfReliantYearToDate: 7,
      yearlyTarget: 12,
      items: [
        item('stage-change', 'k1', { to: 'graduated-self-reliant' }),
        item('stage-change', 'k2', { to: 'graduated-natural' }),
        item('stage-change', 'k3', { to: 'candidate' }),
        item('registration', 'k4', { families: 1 }),
        item('registration', 'import-1', { families: 250, import: true }),
        item('data-update', 'k1'),
        item('assessment', 'a1'),
        item('case-opened', 'c1'),
        item('case-resolved', 'c1'),
        item('home-visit', 'k1'),
        item('home-visit', 'k2'),
        item('mentoring-started', 'm1'),
      ],
    });
    expect(figures.graduation).toEqual({
      selfReliant: 1,
      natural: 1,
      selfReliantYearToDate: 7,
      yearlyTarget: 12,
    });
    expect(figures.dataUpdates).toEqual({ updates: 1, registrations: 251, assessments: 1 });
    expect(figures.cases).toEqual({ opened: 1, resolved: 1 });
    expect(figures.homeVisits).toBe(2);
    expect(figures.tutorReferrals).toBe(1);
  });

  it('reports directed tasks assigned, done and overdue, and passes attendance through', () => {
    const figures = rhkFigures({
      ...base,
      items: [],
      tasks: [task('2026-11-03T02:00:00Z', false), task(null, true), task(null, false)],
    });
    expect(figures.directedTasks).toEqual({ assigned: 3, done: 1, overdue: 1 });
    expect(figures.attendance).toBe(attendance);
  });
});
