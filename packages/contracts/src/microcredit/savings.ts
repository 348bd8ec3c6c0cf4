import { z } from 'zod';
import { RegionCode } from '../common.js';
import { DayNotInFuture, Rupiah } from './referrals.js';
import { Password, Username } from '../gateway/accounts.js';

/**
 * A group's savings ledger (tabungan kelompok). The group's treasurer (bendahara), a member
 * the group chose, writes it; the assistant only reads it, because PKH rules keep assistants
 * away from the families' money. Jembatan records what the treasurer says happened: no money
 * moves through it.
 */
export const SAVINGS_ENTRY_KINDS = ['deposit', 'withdrawal', 'reversal'] as const;
export const SavingsEntryKind = z.enum(SAVINGS_ENTRY_KINDS);
export type SavingsEntryKind = z.infer<typeof SavingsEntryKind>;

export const SavingsEntryInput = z.strictObject({
  kind: z.enum(['deposit', 'withdrawal']),
  amount: Rupiah,
  /** Whose savings: a member family of the group; absent for the group's common fund. */
  memberKpmId: z.uuid().optional(),
  occurredOn: DayNotInFuture,
  note: z.string().trim().max(500).optional(),
});
export type SavingsEntryInput = z.infer<typeof SavingsEntryInput>;

/** An entry is never edited or deleted; a mistake is undone by a reversal that says why. */
export const SavingsReversalInput = z.strictObject({
  reason: z.string().trim().min(3, 'give a reason (at least 3 characters)').max(500),
});

/** The assistant registers the member the group chose as its treasurer, with a login. */
export const TreasurerInput = z.strictObject({
  kpmId: z.uuid(),
  username: Username,
  password: Password,
});

export const SavingsEntryView = z.object({
  id: z.uuid(),
  /** Position in the group's ledger, from 1. */
  seq: z.number().int().positive(),
  kind: SavingsEntryKind,
  /** Signed: what the entry did to the balance. */
  amount: z.number().int(),
  memberKpmId: z.uuid().nullable(),
  memberName: z.string().nullable(),
  occurredOn: z.string(),
  note: z.string().nullable(),
  /** The treasurer's account that wrote it and the member who held that office. */
  recordedBy: z.string(),
  recordedByKpmId: z.uuid(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  balanceAfter: z.number().int(),
  reverses: z.uuid().nullable(),
  reversedBy: z.uuid().nullable(),
});
export type SavingsEntryView = z.infer<typeof SavingsEntryView>;

export const TreasurerView = z.object({
  kpmId: z.uuid(),
  headName: z.string(),
  accountId: z.string(),
  since: z.string(),
  appointedBy: z.string(),
});

export const SavingsLedgerSummary = z.object({
  groupId: z.uuid(),
  name: z.string(),
  villageCode: z.string(),
  assistantId: z.string(),
  treasurer: TreasurerView.nullable(),
  balance: z.number().int(),
  entries: z.number().int(),
  lastEntryOn: z.string().nullable(),
});
export type SavingsLedgerSummary = z.infer<typeof SavingsLedgerSummary>;

export const SavingsLedgerView = SavingsLedgerSummary.extend({
  /** Each member family's own savings (deposits less withdrawals and their reversals). */
  members: z.array(z.object({ kpmId: z.uuid(), headName: z.string(), balance: z.number().int() })),
  /** The group's common fund: entries not tied to a member. */
  commonFund: z.number().int(),
  /** Newest first, one page; pass `nextBefore` as `before` for the next. */
  items: z.array(SavingsEntryView),
  nextBefore: z.number().int().nullable(),
});
export type SavingsLedgerView = z.infer<typeof SavingsLedgerView>;

export const SavingsLedgerQuery = z.strictObject({
  /** Entries before this position (paging back through the ledger). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SavingsLedgerListQuery = z.strictObject({
  regionCode: RegionCode.optional(),
});
