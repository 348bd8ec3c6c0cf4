import { z } from 'zod';
import { QueryFlag, RegionCode } from '../common.js';
import type { CommandDefinition } from './catalog.js';

/** The rules that raise alerts about an assistant. */
export const ALERT_RULES = [
  'absent-three-days',
  'no-daily-report',
  'caseload-above-threshold',
  'long-without-graduating',
] as const;
export const AlertRule = z.enum(ALERT_RULES);

/** Families (active to candidate) above which an assistant's caseload raises an alert. */
export const CASELOAD_ALERT_THRESHOLD = 300;

/** Years in PKH after which a family still in the caseload (not graduated) raises an alert. */
export const LONG_IN_PKH_YEARS = 5;

export const AlertView = z.object({
  id: z.uuid(),
  rule: AlertRule,
  assistantId: z.string(),
  assistantName: z.string().nullable(),
  regionCode: z.string(),
  /** The days missed, or the caseload against the threshold. */
  detail: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const ListAlerts = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    regionCode: RegionCode.optional(),
    /** Only the ones nobody acknowledged yet (default). */
    open: QueryFlag.default(true),
  }),
  response: z.object({ items: z.array(AlertView) }),
} satisfies CommandDefinition;

export const AcknowledgeAlert = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    alertId: z.uuid(),
    note: z.string().trim().min(3).max(1000),
  }),
  response: AlertView,
} satisfies CommandDefinition;

/** Runs the alert rules now (they also run every few minutes); admins only. */
export const EvaluateAlerts = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({}),
  response: z.object({ raised: z.number().int() }),
} satisfies CommandDefinition;

export const CoachingNoteView = z.object({
  id: z.uuid(),
  assistantId: z.string(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  note: z.string(),
  followUpOn: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});

export const AddCoachingNote = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    assistantId: z.uuid(),
    note: z.string().trim().min(5).max(5000),
    followUpOn: z.iso.date().optional(),
  }),
  response: CoachingNoteView,
} satisfies CommandDefinition;

export const ListCoachingNotes = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ assistantId: z.uuid() }),
  response: z.object({ items: z.array(CoachingNoteView) }),
} satisfies CommandDefinition;

export const CompleteCoachingNote = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({ noteId: z.uuid() }),
  response: CoachingNoteView,
} satisfies CommandDefinition;
