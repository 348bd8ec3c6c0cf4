import type { SavingsEntryView, SavingsLedgerSummary } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { SavingsEntry, SavingsGroup, SavingsTreasurer } from '../generated/prisma/client.js';
import { isoDay } from '../common/dates.js';

type Db = PrismaService | Tx;

const noGroup = () =>
  new DomainError(404, 'not-found', 'No such KPM group (or caseload has not described it yet)');

/**
 * The group's ledger head, locked until the transaction ends: entries of one group are written
 * one at a time, so each gets the next position and the balance it leaves.
 */
export async function lockGroup(tx: Tx, groupId: string): Promise<SavingsGroup> {
  const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM savings_group WHERE id = $1::uuid FOR UPDATE`,
    groupId,
  );
  if (!row) throw noGroup();
  return tx.savingsGroup.findUniqueOrThrow({ where: { id: groupId } });
}

export async function findGroup(db: Db, groupId: string): Promise<SavingsGroup> {
  const group = await db.savingsGroup.findUnique({ where: { id: groupId } });
  if (!group) throw noGroup();
  return group;
}

export const sittingTreasurer = (db: Db, groupId: string): Promise<SavingsTreasurer | null> =>
  db.savingsTreasurer.findFirst({ where: { groupId, endedAt: null } });

/** The group a treasurer's login keeps, or 403 once their term has ended. */
export async function treasurerTerm(db: Db, accountId: string): Promise<SavingsTreasurer> {
  const term = await db.savingsTreasurer.findUnique({ where: { accountId } });
  if (!term || term.endedAt !== null)
    throw new DomainError(403, 'forbidden', 'You no longer keep this group’s ledger');
  return term;
}

/** Savings held for one member (or, with null, the group's common fund). */
export async function heldFor(
  db: Db,
  groupId: string,
  memberKpmId: string | null,
): Promise<bigint> {
  const { _sum } = await db.savingsEntry.aggregate({
    where: { groupId, memberKpmId },
    _sum: { amount: true },
  });
  return _sum.amount ?? 0n;
}

export const entryView = (entry: SavingsEntry, reversedBy: string | null): SavingsEntryView => ({
  id: entry.id,
  seq: entry.seq,
  kind: entry.kind as SavingsEntryView['kind'],
  amount: Number(entry.amount),
  memberKpmId: entry.memberKpmId,
  memberName: entry.memberName,
  occurredOn: isoDay(entry.occurredOn),
  note: entry.note,
  recordedBy: entry.recordedBy,
  recordedByKpmId: entry.recordedByKpmId,
  recordedByName: entry.recordedByName,
  recordedAt: entry.recordedAt.toISOString(),
  balanceAfter: Number(entry.balanceAfter),
  reverses: entry.reverses,
  reversedBy,
});

export const summaryView = (
  group: SavingsGroup,
  treasurer: SavingsTreasurer | null,
  lastEntryOn: Date | null,
): SavingsLedgerSummary => ({
  groupId: group.id,
  name: group.name,
  villageCode: group.villageCode,
  assistantId: group.assistantId,
  treasurer: treasurer && {
    kpmId: treasurer.kpmId,
    headName: treasurer.headName,
    accountId: treasurer.accountId,
    since: treasurer.appointedAt.toISOString(),
    appointedBy: treasurer.appointedBy,
  },
  balance: Number(group.balance),
  entries: group.entries,
  lastEntryOn: lastEntryOn && isoDay(lastEntryOn),
});
