import { z } from 'zod';
import { QueryFlag, RegionCode } from '../common.js';
import {
  CapitalActionInput,
  CapitalDraftInput,
  CapitalDraftUpdate,
  CapitalHistoryEntry,
  CapitalProductView,
  CapitalReferralView,
  CapitalStatus,
  ConsentInput,
  DayNotInFuture,
  Rupiah,
} from '../microcredit/referrals.js';
import type { CommandDefinition } from './catalog.js';

export const CapitalProductQuery = z.strictObject({
  /** Rank and explain the products for this family (its assistant or coordinator asks). */
  kpmId: z.uuid().optional(),
  kind: z.enum(['loan', 'grant']).optional(),
});

export const ListCapitalProducts = {
  service: 'microcredit',
  kind: 'query',
  request: CapitalProductQuery,
  response: z.object({ items: z.array(CapitalProductView) }),
} satisfies CommandDefinition;

export const CreateCapitalReferral = {
  service: 'microcredit',
  kind: 'command',
  request: CapitalDraftInput,
  response: CapitalReferralView,
} satisfies CommandDefinition;

export const UpdateCapitalReferral = {
  service: 'microcredit',
  kind: 'command',
  request: z.object({ referralId: z.uuid(), body: CapitalDraftUpdate }),
  response: CapitalReferralView,
} satisfies CommandDefinition;

export const ActOnCapitalReferral = {
  service: 'microcredit',
  kind: 'command',
  request: z.object({ referralId: z.uuid(), body: CapitalActionInput }),
  response: CapitalReferralView,
} satisfies CommandDefinition;

export const CapitalReferralListQuery = z.strictObject({
  status: CapitalStatus.optional(),
  kpmId: z.uuid().optional(),
  /** Only referrals whose current step is past its deadline. */
  overdue: QueryFlag.optional(),
});

export const ListCapitalReferrals = {
  service: 'microcredit',
  kind: 'query',
  request: CapitalReferralListQuery,
  response: z.object({ items: z.array(CapitalReferralView) }),
} satisfies CommandDefinition;

export const GetCapitalReferral = {
  service: 'microcredit',
  kind: 'query',
  request: z.strictObject({ referralId: z.uuid() }),
  response: CapitalReferralView.extend({ history: z.array(CapitalHistoryEntry) }),
} satisfies CommandDefinition;

/** A new consent on a draft (after the family withdrew one, or to correct who gave it). */
export const RecordConsent = {
  service: 'microcredit',
  kind: 'command',
  request: ConsentInput.extend({ referralId: z.uuid() }),
  response: CapitalReferralView,
} satisfies CommandDefinition;

export const WithdrawConsentBody = z.strictObject({
  reason: z.string().trim().min(3, 'give a reason (at least 3 characters)').max(500),
});

export const WithdrawConsent = {
  service: 'microcredit',
  kind: 'command',
  request: WithdrawConsentBody.extend({ referralId: z.uuid() }),
  response: CapitalReferralView,
} satisfies CommandDefinition;

export const InstalmentView = z.object({
  no: z.number().int(),
  dueOn: z.string(),
  principal: z.number().int(),
  interest: z.number().int(),
  total: z.number().int(),
  paid: z.number().int(),
  paidOn: z.string().nullable(),
  status: z.enum(['paid', 'partly-paid', 'due', 'late']),
});

export const PaymentView = z.object({
  id: z.uuid(),
  paidOn: z.string(),
  amount: z.number().int(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const ScheduleView = z.object({
  referralId: z.uuid(),
  method: z.enum(['flat', 'declining']),
  frequency: z.enum(['weekly', 'monthly']),
  interestRatePct: z.number(),
  principal: z.number().int(),
  totalInterest: z.number().int(),
  total: z.number().int(),
  paid: z.number().int(),
  daysInArrears: z.number().int(),
  instalments: z.array(InstalmentView),
  payments: z.array(PaymentView),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

export const GetSchedule = {
  service: 'microcredit',
  kind: 'query',
  request: z.strictObject({ referralId: z.uuid() }),
  response: ScheduleView,
} satisfies CommandDefinition;

export const PaymentInput = z.strictObject({
  paidOn: DayNotInFuture,
  amount: Rupiah,
  note: z.string().trim().max(500).optional(),
});

/** The lender records a repayment it received. */
export const RecordPayment = {
  service: 'microcredit',
  kind: 'command',
  request: PaymentInput.extend({ referralId: z.uuid() }),
  response: ScheduleView.extend({ referral: CapitalReferralView }),
} satisfies CommandDefinition;

export const PAR_GROUPINGS = ['lender', 'region', 'assistant'] as const;
export const ParQuery = z.strictObject({
  by: z.enum(PAR_GROUPINGS).default('lender'),
  /** Narrow to a region (a coordinator's own by default). */
  regionCode: RegionCode.optional(),
});

export const ParRow = z.object({
  /** A lender's id, a regency code or an assistant's id. */
  key: z.string(),
  label: z.string(),
  loans: z.number().int(),
  outstandingPrincipal: z.number().int(),
  /** Outstanding principal of loans more than 30 days in arrears. */
  atRisk30: z.number().int(),
  loansAtRisk30: z.number().int(),
  /** atRisk30 / outstandingPrincipal, 0..1 (0 when nothing is outstanding). */
  par30: z.number(),
});
export type ParRow = z.infer<typeof ParRow>;

export const GetPar = {
  service: 'microcredit',
  kind: 'query',
  request: ParQuery,
  response: z.object({ asOf: z.string(), rows: z.array(ParRow), total: ParRow }),
} satisfies CommandDefinition;
