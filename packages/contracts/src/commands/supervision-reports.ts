import { z } from 'zod';
import type { CommandDefinition } from './catalog.js';

/** The kinds of work a daily report and the monthly RHK count, from the services' events. */
export const ACTIVITY_KINDS = [
  'p2k2-session',
  'home-visit',
  'assessment',
  'registration',
  'data-update',
  'case-opened',
  'case-resolved',
  'stage-change',
  'mentoring-started',
  'aid-distribution',
  'compliance-verification',
  'directed-task',
] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ActivityItemView = z.object({
  kind: ActivityKind,
  refId: z.string(),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type ActivityItemView = z.infer<typeof ActivityItemView>;

export const DAILY_REPORT_STATUSES = ['draft', 'submitted', 'late', 'missing'] as const;

export const DailyReportView = z.object({
  assistantId: z.string(),
  assistantName: z.string(),
  day: z.iso.date(),
  /** draft: the day is not over; missing: a past working day without a report. */
  status: z.enum(DAILY_REPORT_STATUSES),
  items: z.array(ActivityItemView),
  counts: z.record(z.string(), z.number().int()),
  notes: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type DailyReportView = z.infer<typeof DailyReportView>;

export const GetDailyReport = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    assistantId: z.uuid().optional(),
    day: z.iso.date().optional(),
  }),
  response: DailyReportView,
} satisfies CommandDefinition;

/** The assistant submits the day: the activity is already there; the notes are theirs. */
export const SubmitDailyReport = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    day: z.iso.date(),
    notes: z.string().trim().min(10, 'must describe the day (at least 10 characters)').max(10_000),
  }),
  response: DailyReportView,
} satisfies CommandDefinition;
