import { z } from 'zod';
import { MemberInput, MemberView } from '../caseload/family.js';
import { Readiness, Stage } from '../caseload/graduation.js';
import { AssessmentView } from '../caseload/instruments.js';
import { CaseView, ComplianceView, DisbursementView, LedgerView } from './caseload-cases.js';
import { DecisionReason, RegionCode, VillageCode } from '../common.js';
import { Nik, PhoneNumber } from '../identity.js';
import type { CommandDefinition } from './catalog.js';

/** Conditions the caseload list can be filtered by; each is a reason to act on a family. */
export const KPM_FLAGS = [
  /** In PKH more than 5 years without graduating. */
  'long-stay',
  /** The last disbursement stage credited nothing (saldo nol). */
  'zero-balance',
  /** The KKS card is held by someone other than the family. */
  'card-misheld',
  /** A disbursement stage that should have happened has no record. */
  'missed-stage',
  /** The last monthly compliance check found a condition not met. */
  'non-compliant',
  /** Essentials met and score at or above the region's ready score, still not graduated. */
  'ready',
] as const;
export const KpmFlag = z.enum(KPM_FLAGS);
export type KpmFlag = z.infer<typeof KpmFlag>;

const HeadName = z.string().trim().min(2, 'must have at least 2 characters').max(120);
const Address = z.string().trim().min(3).max(300);
const AssistantId = z.string().min(1).max(100);
const Reason = DecisionReason;

export const RegisterKpmRequest = z.strictObject({
  headName: HeadName,
  nik: Nik,
  phone: PhoneNumber.optional(),
  villageCode: VillageCode,
  address: Address,
  pkhEntryYear: z
    .number()
    .int()
    .min(2007, 'PKH started in 2007')
    .refine((year) => year <= new Date().getFullYear(), 'cannot be in the future'),
  /** Coordinators and admins register on behalf of an assistant; assistants register for themselves. */
  assistantId: AssistantId.optional(),
  groupId: z.uuid().optional(),
  /** Everyone in the household besides the head. */
  members: z.array(MemberInput).max(20).default([]),
});
export type RegisterKpmRequest = z.input<typeof RegisterKpmRequest>;

export const UpdateKpmRequest = z.strictObject({
  kpmId: z.uuid(),
  phone: PhoneNumber.nullable().optional(),
  villageCode: VillageCode.optional(),
  address: Address.optional(),
  groupId: z.uuid().nullable().optional(),
  /** Replaces the household members besides the head (members keep their id when their NIK or name matches). */
  members: z.array(MemberInput).max(20).optional(),
});

export const Assignment = z.object({
  assistantId: z.string(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }).nullable(),
  reason: z.string(),
  assignedBy: z.string(),
});

export const StageChange = z.object({
  from: Stage.nullable(),
  to: Stage,
  reason: z.string(),
  score: z.number().int().nullable(),
  actorId: z.string(),
  actorRole: z.string(),
  at: z.iso.datetime({ offset: true }),
});

export const FollowUp = z.object({
  id: z.uuid(),
  monthsAfter: z.number().int(),
  dueOn: z.iso.date(),
  outcome: z.enum(['stable', 'improved', 'declined', 'unreachable']).nullable(),
  notes: z.string().nullable(),
  recordedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const GroupRef = z.object({
  id: z.uuid(),
  name: z.string(),
  leaderKpmId: z.uuid().nullable(),
});

/** A row of the caseload list. NIK is masked unless the caller is the family's assistant. */
export const KpmSummary = z.object({
  id: z.uuid(),
  headName: z.string(),
  nik: z.string(),
  villageCode: VillageCode,
  group: GroupRef.nullable(),
  pkhEntryYear: z.number().int(),
  assistantId: z.string(),
  stage: Stage,
  readinessScore: z.number().int().nullable(),
  flags: z.array(KpmFlag),
});
export type KpmSummary = z.infer<typeof KpmSummary>;

/** A family's profile as a caller may see it: NIK and phone arrive masked unless the caller may see them. */
export const KpmView = KpmSummary.extend({
  phone: z.string().nullable(),
  address: z.string(),
  headBirthDate: z.iso.date(),
  headSex: z.enum(['F', 'M']),
  registeredAt: z.iso.datetime({ offset: true }),
  members: z.array(MemberView),
  assignments: z.array(Assignment),
  stageHistory: z.array(StageChange),
  followUps: z.array(FollowUp),
  assessments: z.array(AssessmentView),
  readiness: Readiness,
  /** Child protection cases only for the family's assistant, coordinators and admins. */
  cases: z.array(CaseView),
  disbursements: z.array(DisbursementView),
  compliance: z.array(ComplianceView),
  ledger: LedgerView,
});
export type KpmView = z.infer<typeof KpmView>;

export const RegisterKpm = {
  service: 'caseload',
  kind: 'command',
  request: RegisterKpmRequest,
  response: KpmView,
} satisfies CommandDefinition;

export const UpdateKpm = {
  service: 'caseload',
  kind: 'command',
  request: UpdateKpmRequest,
  response: KpmView,
} satisfies CommandDefinition;

export const GetKpm = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({ kpmId: z.uuid() }),
  response: KpmView,
} satisfies CommandDefinition;

/** What the portal sends to move a family to another assistant. */
export const TransferKpmBody = z.strictObject({ toAssistantId: AssistantId, reason: Reason });

/** The gateway resolves the target account (it owns accounts) and sends who and where it is. */
export const TransferKpm = {
  service: 'caseload',
  kind: 'command',
  request: z.strictObject({
    kpmId: z.uuid(),
    toAssistant: z.strictObject({ userId: AssistantId, regionCode: RegionCode.nullable() }),
    reason: Reason,
  }),
  response: KpmView,
} satisfies CommandDefinition;

export const ListKpmRequest = z.strictObject({
  /** Part of the head's or a member's name, or a whole NIK. */
  q: z.string().trim().min(1).max(100).optional(),
  groupId: z.uuid().optional(),
  /** A kelurahan, or any region above it. */
  regionCode: RegionCode.optional(),
  stage: Stage.optional(),
  flag: KpmFlag.optional(),
  assistantId: AssistantId.optional(),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ListKpm = {
  service: 'caseload',
  kind: 'query',
  request: ListKpmRequest,
  response: z.object({
    items: z.array(KpmSummary),
    /** Families matching the filters, all pages together. */
    total: z.number().int(),
    nextCursor: z.string().nullable(),
  }),
} satisfies CommandDefinition;

export const GroupView = z.object({
  id: z.uuid(),
  name: z.string(),
  villageCode: VillageCode,
  assistantId: z.string(),
  leader: z.object({ kpmId: z.uuid(), headName: z.string() }).nullable(),
  families: z.number().int(),
});

export const CreateGroupRequest = z.strictObject({
  name: z.string().trim().min(2).max(80),
  villageCode: VillageCode,
  assistantId: AssistantId.optional(),
});

export const CreateGroup = {
  service: 'caseload',
  kind: 'command',
  request: CreateGroupRequest,
  response: GroupView,
} satisfies CommandDefinition;

export const SetGroupLeader = {
  service: 'caseload',
  kind: 'command',
  request: z.strictObject({ groupId: z.uuid(), kpmId: z.uuid() }),
  response: GroupView,
} satisfies CommandDefinition;

export const ListGroups = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({ regionCode: RegionCode.optional() }),
  response: z.object({ items: z.array(GroupView) }),
} satisfies CommandDefinition;

/** Each assistant's caseload in a region: how many families, how many stuck, how many ready. */
export const AssistantCaseloads = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({ regionCode: RegionCode.optional() }),
  response: z.object({
    items: z.array(
      z.object({
        assistantId: z.string(),
        families: z.number().int(),
        open: z.number().int(),
        longStay: z.number().int(),
        ready: z.number().int(),
      }),
    ),
  }),
} satisfies CommandDefinition;
