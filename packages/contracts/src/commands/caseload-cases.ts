import { z } from 'zod';
import { CaseKind, CaseStatus } from '../caseload/cases.js';
import type { CommandDefinition } from './catalog.js';

const Note = z.string().trim().min(3, 'must have at least 3 characters').max(2000);

export const CaseView = z.object({
  id: z.uuid(),
  kpmId: z.uuid(),
  kind: CaseKind,
  status: CaseStatus,
  summary: z.string(),
  openedBy: z.string(),
  openedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  notes: z.array(
    z.object({
      by: z.string(),
      at: z.iso.datetime({ offset: true }),
      text: z.string(),
      status: CaseStatus.nullable(),
    }),
  ),
});
export type CaseView = z.infer<typeof CaseView>;

export const OpenCaseBody = z.strictObject({ kind: CaseKind, summary: Note });

export const OpenCase = {
  service: 'caseload',
  kind: 'command',
  request: OpenCaseBody.extend({ kpmId: z.uuid() }),
  response: CaseView,
} satisfies CommandDefinition;

/** A note on a case, optionally moving it to another status. */
export const UpdateCaseBody = z.strictObject({ note: Note, status: CaseStatus.optional() });

export const UpdateCase = {
  service: 'caseload',
  kind: 'command',
  request: UpdateCaseBody.extend({ caseId: z.uuid() }),
  response: CaseView,
} satisfies CommandDefinition;

export const ListCases = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({
    kpmId: z.uuid().optional(),
    status: CaseStatus.optional(),
    kind: CaseKind.optional(),
  }),
  response: z.object({ items: z.array(CaseView) }),
} satisfies CommandDefinition;

/** Who holds the family's KKS card at disbursement; anyone but the family is a red flag. */
export const CARD_HOLDERS = ['family', 'assistant', 'group-leader', 'other'] as const;

export const DisbursementBody = z.strictObject({
  year: z.number().int().min(2007).max(2100),
  /** PKH pays in quarterly stages (tahap 1-4). */
  stage: z.number().int().min(1).max(4),
  amount: z.number().int().min(0).max(100_000_000),
  disbursedOn: z.iso.date(),
  cardHolder: z.enum(CARD_HOLDERS),
});

export const DisbursementView = DisbursementBody.extend({ recordedBy: z.string() });

export const RecordDisbursement = {
  service: 'caseload',
  kind: 'command',
  request: DisbursementBody.extend({ kpmId: z.uuid() }),
  response: z.object({ flags: z.array(z.string()), disbursements: z.array(DisbursementView) }),
} satisfies CommandDefinition;

const Condition = z
  .strictObject({ met: z.boolean(), reason: z.string().trim().max(500).optional() })
  .refine((c) => c.met || (c.reason !== undefined && c.reason.length >= 3), {
    message: 'needs a reason when the condition is not met',
    path: ['reason'],
  });

/** Monthly verification of the family's commitments (verifikasi komitmen). */
export const ComplianceBody = z
  .strictObject({
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
    education: Condition.optional(),
    health: Condition.optional(),
    elderlyCare: Condition.optional(),
    disabilityCare: Condition.optional(),
  })
  .refine((b) => b.education || b.health || b.elderlyCare || b.disabilityCare, {
    message: 'check at least one condition',
    path: ['education'],
  });

export const ComplianceView = z.object({
  period: z.string(),
  conditions: z.record(z.string(), z.object({ met: z.boolean(), reason: z.string().optional() })),
  compliant: z.boolean(),
  recordedBy: z.string(),
});

export const RecordCompliance = {
  service: 'caseload',
  kind: 'command',
  request: ComplianceBody.safeExtend({ kpmId: z.uuid() }),
  response: z.object({ flags: z.array(z.string()), checks: z.array(ComplianceView) }),
} satisfies CommandDefinition;

/** One line of the family's business bookkeeping (buku kas usaha) the assistant monitors. */
export const LedgerEntryInput = z.strictObject({
  on: z.iso
    .date('must be a date YYYY-MM-DD')
    .refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future'),
  kind: z.enum(['income', 'expense']),
  amount: z.number().int('must be whole rupiah').positive().max(1_000_000_000),
  note: z.string().trim().max(200).optional(),
});

export const LedgerBody = z.strictObject({ entries: z.array(LedgerEntryInput).min(1).max(100) });

export const LedgerView = z.object({
  /** Totals per month, newest first (up to 24 months). */
  months: z.array(
    z.object({
      month: z.string(),
      income: z.number().int(),
      expense: z.number().int(),
      net: z.number().int(),
    }),
  ),
  recent: z.array(LedgerEntryInput.extend({ recordedBy: z.string() })),
});
export type LedgerView = z.infer<typeof LedgerView>;

export const RecordLedger = {
  service: 'caseload',
  kind: 'command',
  request: LedgerBody.extend({ kpmId: z.uuid() }),
  response: LedgerView,
} satisfies CommandDefinition;
