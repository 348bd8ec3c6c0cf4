import { z } from 'zod';
import { FitReason } from '../partners/offers.js';

/**
 * A capital referral's life. The assistant drafts and submits it (with the family's consent);
 * the lender (or CSR funder, for grants) acknowledges, surveys the business, decides and
 * disburses; repayment moves it on by itself (first payment, arrears, paid in full).
 */
export const CAPITAL_STATUSES = [
  'draft',
  'submitted',
  'acknowledged',
  'survey-scheduled',
  'surveyed',
  'approved',
  'rejected',
  'disbursed',
  'repaying',
  'in-arrears',
  'completed',
  'written-off',
  'withdrawn',
] as const;
export const CapitalStatus = z.enum(CAPITAL_STATUSES);
export type CapitalStatus = z.infer<typeof CapitalStatus>;

/** Every legal move. Anything else is refused with 409, whoever asks. */
export const CAPITAL_TRANSITIONS: Record<CapitalStatus, readonly CapitalStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['acknowledged', 'rejected', 'withdrawn'],
  acknowledged: ['survey-scheduled', 'rejected', 'withdrawn'],
  // Rescheduling a survey stays in the same status (a new date, a new deadline).
  'survey-scheduled': ['survey-scheduled', 'surveyed', 'rejected', 'withdrawn'],
  surveyed: ['approved', 'rejected', 'withdrawn'],
  approved: ['disbursed', 'withdrawn'],
  disbursed: ['repaying', 'in-arrears', 'completed', 'written-off'],
  repaying: ['in-arrears', 'completed', 'written-off'],
  'in-arrears': ['repaying', 'completed', 'written-off'],
  rejected: [],
  completed: [],
  'written-off': [],
  withdrawn: [],
};

/** Statuses in which money is out with the family: the loan book and PAR look at these. */
export const ACTIVE_LOAN_STATUSES: readonly CapitalStatus[] = [
  'disbursed',
  'repaying',
  'in-arrears',
];
/** Statuses before disbursement: the lender is still assessing; consent withdrawal ends them. */
export const PRE_DISBURSEMENT_STATUSES: readonly CapitalStatus[] = [
  'submitted',
  'acknowledged',
  'survey-scheduled',
  'surveyed',
  'approved',
];

/** Who takes a step: the family's assistant (or coordinator), or the lender it is addressed to. */
export type CapitalActor = 'assistant' | 'lender';

/**
 * The steps people take, each leading to one status. Repayment's own moves (repaying, in
 * arrears, completed for loans) are the system's, from payments and the calendar.
 */
export const CAPITAL_ACTIONS = {
  submit: { to: 'submitted', by: 'assistant' },
  acknowledge: { to: 'acknowledged', by: 'lender' },
  'schedule-survey': { to: 'survey-scheduled', by: 'lender' },
  'record-survey': { to: 'surveyed', by: 'lender' },
  approve: { to: 'approved', by: 'lender' },
  reject: { to: 'rejected', by: 'lender' },
  disburse: { to: 'disbursed', by: 'lender' },
  /** Grants only: the funder confirms the grant was put to its purpose. */
  complete: { to: 'completed', by: 'lender' },
  'write-off': { to: 'written-off', by: 'lender' },
  withdraw: { to: 'withdrawn', by: 'assistant' },
} as const satisfies Record<string, { to: CapitalStatus; by: CapitalActor }>;
export type CapitalAction = keyof typeof CAPITAL_ACTIONS;
export const CAPITAL_ACTION_NAMES = Object.keys(CAPITAL_ACTIONS) as CapitalAction[];

/**
 * Working days each step may take before the referral is overdue (the lender acknowledges
 * within 5 working days...). A scheduled survey is due 2 working days after its date.
 */
export const STEP_DEADLINE_WORKING_DAYS: Partial<Record<CapitalStatus, number>> = {
  draft: 10,
  submitted: 5,
  acknowledged: 5,
  'survey-scheduled': 2,
  surveyed: 10,
  approved: 10,
};

/** Whose move it is while a referral waits in a status. */
export const WAITING_ON: Partial<Record<CapitalStatus, CapitalActor>> = {
  draft: 'assistant',
  submitted: 'lender',
  acknowledged: 'lender',
  'survey-scheduled': 'lender',
  surveyed: 'lender',
  approved: 'lender',
};

/** What the family agrees the lender may see. Never the NIK or phone: microcredit has neither. */
export const CAPITAL_CONSENT_SCOPE =
  'name, village, kind and age of business, amount, purpose and business plan; no NIK, no phone';

/** An amount of money in whole rupiah (microcredit never deals in fractions). */
export const Rupiah = z.number().int('must be whole rupiah').positive().max(10_000_000_000);
/** A day that has happened: money received or paid is recorded after the fact. */
export const DayNotInFuture = z.iso
  .date('must be a date YYYY-MM-DD')
  .refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future');
const Reason = z.string().trim().min(3, 'give a reason (at least 3 characters)').max(500);

/** The family member who agreed, as the assistant recorded it at the visit. */
export const ConsentInput = z.strictObject({
  givenBy: z.string().trim().min(2).max(200),
  relationship: z.enum(['head', 'spouse', 'child', 'other']),
  /** The family was told what is shared and with whom, and agreed. */
  agreed: z.literal(true, 'the family must agree to share its referral with the lender'),
});

export const CapitalDraftInput = z.strictObject({
  productId: z.uuid(),
  kpmId: z.uuid(),
  amount: Rupiah,
  /** Loans: months to repay, within the product's range (grants take none). */
  tenorMonths: z.number().int().min(1).max(120).optional(),
  purpose: z.string().trim().min(3).max(500),
  /** A short business plan: what the money buys and how it comes back. */
  businessPlan: z.string().trim().min(20, 'at least a few sentences (20 characters)').max(4000),
  consent: ConsentInput,
});

export const CapitalDraftUpdate = z
  .strictObject({
    amount: Rupiah.optional(),
    tenorMonths: z.number().int().min(1).max(120).optional(),
    purpose: z.string().trim().min(3).max(500).optional(),
    businessPlan: z.string().trim().min(20).max(4000).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' });

/** A step on a referral, with what that step needs. */
export const CapitalActionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('submit') }),
  z.strictObject({ action: z.literal('acknowledge') }),
  z.strictObject({
    action: z.literal('schedule-survey'),
    surveyOn: z.iso.date('must be a date YYYY-MM-DD'),
  }),
  z.strictObject({
    action: z.literal('record-survey'),
    note: z.string().trim().min(3).max(2000),
  }),
  z.strictObject({
    action: z.literal('approve'),
    /** May be less than asked; within the product's range. */
    approvedAmount: Rupiah,
    tenorMonths: z.number().int().min(1).max(120).optional(),
  }),
  z.strictObject({ action: z.literal('reject'), reason: Reason }),
  z.strictObject({
    action: z.literal('disburse'),
    disbursedOn: z.iso.date('must be a date YYYY-MM-DD'),
  }),
  z.strictObject({ action: z.literal('complete') }),
  z.strictObject({ action: z.literal('write-off'), reason: Reason }),
  z.strictObject({ action: z.literal('withdraw'), reason: Reason }),
]);
export type CapitalActionInput = z.infer<typeof CapitalActionInput>;

export const ConsentView = z.object({
  givenBy: z.string(),
  relationship: z.string(),
  givenAt: z.string(),
  scope: z.string(),
  /** The lender the family agreed to share with. */
  partnerId: z.string(),
  recordedBy: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});

export const LoanSummary = z.object({
  principal: z.number().int(),
  totalInterest: z.number().int(),
  totalDue: z.number().int(),
  paid: z.number().int(),
  outstanding: z.number().int(),
  /** Outstanding principal: what PAR weighs. */
  outstandingPrincipal: z.number().int(),
  daysInArrears: z.number().int(),
  nextDue: z
    .object({ no: z.number().int(), dueOn: z.string(), amount: z.number().int() })
    .nullable(),
});
export type LoanSummary = z.infer<typeof LoanSummary>;

/**
 * A capital referral as its reader sees it. The lender reads only those addressed to it; once
 * the family withdraws consent it no longer sees the family or the plan (only the loan figures
 * it needs to collect what it lent).
 */
export const CapitalReferralView = z.object({
  id: z.uuid(),
  kind: z.enum(['loan', 'grant']),
  product: z.object({
    id: z.uuid(),
    title: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    interestRatePct: z.number(),
    interestMethod: z.enum(['flat', 'declining']).nullable(),
    repaymentFrequency: z.enum(['weekly', 'monthly']).nullable(),
    documents: z.array(z.string()),
  }),
  kpmId: z.uuid(),
  family: z
    .object({
      headName: z.string(),
      villageCode: z.string(),
      businessKind: z.string().nullable(),
      businessStartedOn: z.string().nullable(),
    })
    .nullable(),
  assistantId: z.string(),
  status: CapitalStatus,
  amount: z.number().int(),
  tenorMonths: z.number().int().nullable(),
  purpose: z.string().nullable(),
  businessPlan: z.string().nullable(),
  consent: ConsentView,
  surveyOn: z.string().nullable(),
  surveyNote: z.string().nullable(),
  approvedAmount: z.number().int().nullable(),
  disbursedOn: z.string().nullable(),
  reason: z.string().nullable(),
  loan: LoanSummary.nullable(),
  /** When the current step is due, whose move it is, and whether it is late. */
  dueAt: z.string().nullable(),
  waitingOn: z.enum(['assistant', 'lender']).nullable(),
  overdue: z.boolean(),
  /** The broker (a partners referral) or the assistant's capital wizard. */
  source: z.enum(['broker', 'wizard']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CapitalReferralView = z.infer<typeof CapitalReferralView>;

export const CapitalHistoryEntry = z.object({
  from: CapitalStatus.nullable(),
  to: CapitalStatus,
  reason: z.string().nullable(),
  actorId: z.string(),
  actorRole: z.string(),
  at: z.string(),
});
export type CapitalHistoryEntry = z.infer<typeof CapitalHistoryEntry>;

/** A loan or grant product, from a partner's offer, with the family's fit when asked for one. */
export const CapitalProductView = z.object({
  id: z.uuid(),
  kind: z.enum(['loan', 'grant']),
  partnerId: z.string(),
  partnerName: z.string(),
  title: z.string(),
  description: z.string(),
  amountMin: z.number().int(),
  amountMax: z.number().int(),
  interestRatePct: z.number(),
  interestMethod: z.enum(['flat', 'declining']).nullable(),
  tenorMonthsMin: z.number().int().nullable(),
  tenorMonthsMax: z.number().int().nullable(),
  repaymentFrequency: z.enum(['weekly', 'monthly']).nullable(),
  documents: z.array(z.string()),
  purpose: z.string().nullable(),
  validUntil: z.string(),
  live: z.boolean(),
  /** For the family asked about: whether every rule holds, and each rule's outcome. */
  eligibility: z.object({ eligible: z.boolean(), reasons: z.array(FitReason) }).nullable(),
});
export type CapitalProductView = z.infer<typeof CapitalProductView>;
