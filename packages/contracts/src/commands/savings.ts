import { z } from 'zod';
import {
  SavingsEntryInput,
  SavingsEntryView,
  SavingsLedgerListQuery,
  SavingsLedgerQuery,
  SavingsLedgerSummary,
  SavingsLedgerView,
  SavingsReversalInput,
} from '../microcredit/savings.js';
import type { CommandDefinition } from './catalog.js';

/**
 * The assistant (or coordinator) registers the treasurer the group chose. The gateway creates
 * the login after this succeeds, under `accountId`; the previous treasurer's login, if any, is
 * returned so the gateway disables it in the same step.
 */
export const AppointTreasurer = {
  service: 'microcredit',
  kind: 'command',
  request: z.strictObject({ groupId: z.uuid(), kpmId: z.uuid(), accountId: z.uuid() }),
  response: z.object({
    groupId: z.uuid(),
    kpmId: z.uuid(),
    headName: z.string(),
    villageCode: z.string(),
    accountId: z.uuid(),
    previousAccountId: z.string().nullable(),
  }),
} satisfies CommandDefinition;

/** One group's ledger: its treasurer, the group's assistant, coordinators and the Dinas of its region. */
export const GetSavingsLedger = {
  service: 'microcredit',
  kind: 'query',
  request: SavingsLedgerQuery.extend({
    /** Absent: the treasurer's own group. */
    groupId: z.uuid().optional(),
  }),
  response: SavingsLedgerView,
} satisfies CommandDefinition;

/** The ledgers an assistant, coordinator or the Dinas looks after: balances at a glance. */
export const ListSavingsLedgers = {
  service: 'microcredit',
  kind: 'query',
  request: SavingsLedgerListQuery,
  response: z.object({ items: z.array(SavingsLedgerSummary) }),
} satisfies CommandDefinition;

/** The treasurer writes a deposit or a withdrawal into their own group's ledger. */
export const RecordSavingsEntry = {
  service: 'microcredit',
  kind: 'command',
  request: SavingsEntryInput,
  response: SavingsEntryView,
} satisfies CommandDefinition;

/** The treasurer undoes a mistaken entry with a reversal that says why. */
export const ReverseSavingsEntry = {
  service: 'microcredit',
  kind: 'command',
  request: SavingsReversalInput.extend({ entryId: z.uuid() }),
  response: SavingsEntryView,
} satisfies CommandDefinition;
