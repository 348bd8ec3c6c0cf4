import { z } from 'zod';
import { RegionCode } from '../common.js';
import { ActivityItemView } from './supervision-reports.js';
import type { CommandDefinition } from './catalog.js';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

// ---- Directed tasks (tugas arahan): work a coordinator assigns, reported in the RHK ----

export const DirectedTaskView = z.object({
  id: z.uuid(),
  assistantId: z.string(),
  assistantName: z.string().nullable(),
  assignedBy: z.string(),
  assignedByName: z.string().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  dueOn: z.iso.date(),
  assignedAt: z.string(),
  doneAt: z.string().nullable(),
  report: z.string().nullable(),
  /** Past its due date without being done. */
  overdue: z.boolean(),
});
export type DirectedTaskView = z.infer<typeof DirectedTaskView>;

export const AssignTask = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    assistantIds: z.array(z.uuid()).min(1).max(500),
    title: z.string().trim().min(5).max(200),
    detail: z.string().trim().max(5000).optional(),
    dueOn: z.iso.date(),
  }),
  response: z.object({ items: z.array(DirectedTaskView) }),
} satisfies CommandDefinition;

export const ListTasks = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    /** Default: the caller's own tasks (assistant) or their region's (coordinators). */
    assistantId: z.uuid().optional(),
    month: Month.optional(),
  }),
  response: z.object({ items: z.array(DirectedTaskView) }),
} satisfies CommandDefinition;

/** The assistant reports a task done; the report is the evidence in the RHK. */
export const CompleteTask = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    taskId: z.uuid(),
    report: z.string().trim().min(10, 'must say what was done (at least 10 characters)').max(5000),
  }),
  response: DirectedTaskView,
} satisfies CommandDefinition;

// ---- The assistant's monthly performance report (RHK) ----

/** The RHK's figures, computed from the work log, attendance and tasks of the month. */
export const RhkFigures = z.object({
  aidDistribution: z.object({ families: z.number().int(), zeroBalance: z.number().int() }),
  p2k2: z.object({
    sessions: z.number().int(),
    byModule: z.record(z.string(), z.number().int()),
    attendanceRate: z.number().int().nullable(),
  }),
  compliance: z.object({
    verified: z.number().int(),
    compliant: z.number().int(),
    nonCompliant: z.number().int(),
  }),
  graduation: z.object({
    selfReliant: z.number().int(),
    natural: z.number().int(),
    /** Self-reliant graduations from January to the end of the month. */
    selfReliantYearToDate: z.number().int(),
    /** The assistant's share of the region's yearly self-reliant target, if one is set. */
    yearlyTarget: z.number().int().nullable(),
  }),
  dataUpdates: z.object({
    updates: z.number().int(),
    registrations: z.number().int(),
    assessments: z.number().int(),
  }),
  cases: z.object({ opened: z.number().int(), resolved: z.number().int() }),
  homeVisits: z.number().int(),
  tutorReferrals: z.number().int(),
  directedTasks: z.object({
    assigned: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
  }),
  attendance: z.object({
    workingDays: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    absent: z.number().int(),
    meetingsMissed: z.number().int(),
  }),
});
export type RhkFigures = z.infer<typeof RhkFigures>;

export const RHK_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export const RhkStatus = z.enum(RHK_STATUSES);
export type RhkStatus = z.infer<typeof RhkStatus>;

export const RhkView = z.object({
  assistantId: z.string(),
  assistantName: z.string(),
  regionCode: z.string().nullable(),
  month: Month,
  /** draft: live figures; once submitted, the figures are those the assistant submitted. */
  status: RhkStatus,
  figures: RhkFigures,
  /** The work behind the figures: every event-backed item and the tasks done. */
  evidence: z.array(ActivityItemView),
  notes: z.string().nullable(),
  submittedAt: z.string().nullable(),
  review: z
    .object({
      by: z.string(),
      byName: z.string().nullable(),
      at: z.string(),
      decision: z.enum(['approved', 'returned']),
      note: z.string().nullable(),
    })
    .nullable(),
});
export type RhkView = z.infer<typeof RhkView>;

export const GetRhk = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ assistantId: z.uuid().optional(), month: Month.optional() }),
  response: RhkView,
} satisfies CommandDefinition;

export const SubmitRhk = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    month: Month,
    notes: z
      .string()
      .trim()
      .min(10, 'must summarise the month (at least 10 characters)')
      .max(10_000),
  }),
  response: RhkView,
} satisfies CommandDefinition;

export const ReviewRhkBody = z
  .strictObject({
    month: Month,
    decision: z.enum(['approved', 'returned']),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.decision === 'approved' || (b.note !== undefined && b.note.length >= 5), {
    message: 'a returned report needs a note (at least 5 characters) saying what to fix',
    path: ['note'],
  });

export const ReviewRhk = {
  service: 'supervision',
  kind: 'command',
  request: ReviewRhkBody.safeExtend({ assistantId: z.uuid() }),
  response: RhkView,
} satisfies CommandDefinition;

export const RhkListItem = z.object({
  assistantId: z.string(),
  assistantName: z.string(),
  regionCode: z.string().nullable(),
  status: RhkStatus,
  submittedAt: z.string().nullable(),
});

/** The RHKs of a region's assistants for a month: the coordinator's review queue. */
export const ListRhk = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ month: Month, regionCode: RegionCode.optional() }),
  response: z.object({ items: z.array(RhkListItem) }),
} satisfies CommandDefinition;

export const EXPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);

/** A document built by the service, base64 in the reply (reports are tens of kilobytes). */
export const ExportedFile = z.object({
  fileName: z.string(),
  contentType: z.string(),
  base64: z.string(),
});

export const ExportRhk = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    assistantId: z.uuid().optional(),
    month: Month,
    format: ExportFormat,
  }),
  response: ExportedFile,
} satisfies CommandDefinition;

// ---- The monthly region report ----

/** One region's month: the RHK figures added up over its assistants, plus RHK progress. */
export const RegionMonthRow = z.object({
  /** The child region; null for the nation and for an assistant's row. */
  code: z.string().nullable(),
  /** Set on an assistant's row (a kecamatan's report lists its assistants). */
  assistantId: z.string().nullable(),
  name: z.string(),
  assistants: z.number().int(),
  p2k2Sessions: z.number().int(),
  homeVisits: z.number().int(),
  aidDistribution: z.number().int(),
  complianceVerified: z.number().int(),
  assessments: z.number().int(),
  dataUpdates: z.number().int(),
  casesOpened: z.number().int(),
  casesResolved: z.number().int(),
  graduatedSelfReliant: z.number().int(),
  graduatedNatural: z.number().int(),
  tutorReferrals: z.number().int(),
  /** Assistant-days present out of assistant-days expected (working days x assistants). */
  attendanceRate: z.number().int().nullable(),
  lateDays: z.number().int(),
  rhkSubmitted: z.number().int(),
  rhkApproved: z.number().int(),
});
export type RegionMonthRow = z.infer<typeof RegionMonthRow>;

export const RegionMonthReport = z.object({
  month: Month,
  region: RegionMonthRow,
  children: z.array(RegionMonthRow),
  byModule: z.record(z.string(), z.number().int()),
});
export type RegionMonthReport = z.infer<typeof RegionMonthReport>;

export const GetRegionMonthReport = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ month: Month, regionCode: RegionCode.optional() }),
  response: RegionMonthReport,
} satisfies CommandDefinition;

export const ExportRegionMonthReport = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    month: Month,
    regionCode: RegionCode.optional(),
    format: ExportFormat,
  }),
  response: ExportedFile,
} satisfies CommandDefinition;
