import { z } from 'zod';
import { CriteriaSet, Readiness, Stage } from '../caseload/graduation.js';
import { AssessmentInput, AssessmentView } from '../caseload/instruments.js';
import { DecisionReason, RegionCode } from '../common.js';
import type { CommandDefinition } from './catalog.js';
import { FollowUp, KpmView } from './caseload-families.js';

export const RecordAssessment = {
  service: 'caseload',
  kind: 'command',
  request: z.strictObject({ kpmId: z.uuid(), assessment: AssessmentInput }),
  response: z.object({ assessment: AssessmentView, readiness: Readiness }),
} satisfies CommandDefinition;

export const MoveStageBody = z.strictObject({
  to: Stage,
  reason: DecisionReason,
});

/** Moves a family along the graduation pipeline; the move, its reason and the score are audited. */
export const MoveStage = {
  service: 'caseload',
  kind: 'command',
  request: MoveStageBody.extend({ kpmId: z.uuid() }),
  response: KpmView,
} satisfies CommandDefinition;

export const RecordFollowUpBody = z.strictObject({
  outcome: z.enum(['stable', 'improved', 'declined', 'unreachable']),
  notes: z.string().trim().min(3).max(1000),
});

export const RecordFollowUp = {
  service: 'caseload',
  kind: 'command',
  request: RecordFollowUpBody.extend({ kpmId: z.uuid(), followUpId: z.uuid() }),
  response: FollowUp,
} satisfies CommandDefinition;

/** A follow-up visit to a graduated family that is due soon or overdue, for the visit list. */
export const DueFollowUp = z.object({
  followUpId: z.uuid(),
  kpmId: z.uuid(),
  headName: z.string(),
  villageCode: z.string(),
  assistantId: z.string(),
  monthsAfter: z.number().int(),
  dueOn: z.iso.date(),
  overdue: z.boolean(),
});
export type DueFollowUp = z.infer<typeof DueFollowUp>;

/** Follow-ups not yet recorded, due within `withinDays` (or already late), earliest first. */
export const ListDueFollowUps = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({
    withinDays: z.coerce.number().int().min(0).max(90).default(7),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  }),
  response: z.object({ items: z.array(DueFollowUp), total: z.number().int() }),
} satisfies CommandDefinition;

export const CriteriaView = CriteriaSet.safeExtend({
  /** The region whose set applies: the most specific one configured, or `ID` (national default). */
  regionCode: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const GetCriteria = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({ regionCode: RegionCode }),
  response: CriteriaView,
} satisfies CommandDefinition;

export const SetCriteria = {
  service: 'caseload',
  kind: 'command',
  request: CriteriaSet.safeExtend({ regionCode: RegionCode }),
  response: CriteriaView,
} satisfies CommandDefinition;

export const BoardCard = z.object({
  id: z.uuid(),
  headName: z.string(),
  villageCode: z.string(),
  assistantId: z.string(),
  readiness: Readiness,
});

/** The graduation board: for each open stage, its families by readiness, with the reasons. */
export const GraduationBoard = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({
    regionCode: RegionCode.optional(),
    assistantId: z.string().min(1).max(100).optional(),
    perStage: z.coerce.number().int().min(1).max(100).default(20),
  }),
  response: z.object({
    columns: z.array(
      z.object({ stage: Stage, total: z.number().int(), cards: z.array(BoardCard) }),
    ),
  }),
} satisfies CommandDefinition;
