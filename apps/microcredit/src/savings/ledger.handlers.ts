import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  isWithinRegion,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type SavingsEntryView,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { villageWithin } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { SavingsEntry, SavingsGroup, SavingsTreasurer } from '../generated/prisma/client.js';
import { dateOf, todayIso } from '../common/dates.js';
import {
  entryView,
  findGroup,
  heldFor,
  lockGroup,
  sittingTreasurer,
  summaryView,
  treasurerTerm,
} from './ledger.repository.js';
import { assertCanReadLedger, assertTreasurer } from './savings.access.js';

const rupiah = (amount: bigint) => `Rp ${Number(amount).toLocaleString('id-ID')}`;

/** A withdrawal (or undoing a deposit) leaves no one's savings below zero. */
function assertCovers(
  held: bigint,
  amount: bigint,
  memberKpmId: string | null,
  memberName: string | null,
  path: string,
): void {
  if (held >= amount) return;
  const whose = memberKpmId ? `${memberName ?? 'this member'}’s savings` : 'the common fund';
  throw new DomainError(422, 'insufficient-savings', `More than ${whose} holds`, [
    { path, message: `${whose} hold ${rupiah(held)}; this takes ${rupiah(amount)}` },
  ]);
}

/**
 * A group's savings ledger (tabungan kelompok): the treasurer writes deposits, withdrawals and
 * reversals of their own mistakes; the group's assistant, coordinators and the Dinas read it.
 * Every line keeps who wrote it and the balance it left; nothing is edited or deleted. A
 * withdrawal never takes more than the member (or the common fund) has saved.
 */
@Injectable()
export class LedgerHandlers {
  @HandleCommand('microcredit.savings.record')
  async record(
    input: CommandPayload<'microcredit.savings.record'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.savings.record'>> {
    const { term, group } = await this.lockOwnLedger(tx, actor);
    const memberKpmId = input.memberKpmId ?? null;
    let memberName: string | null = null;
    // What the member (or the common fund) holds here: a withdrawal may take no more.
    const savedHere = await heldFor(tx, group.id, memberKpmId);
    if (memberKpmId) {
      const member = await tx.family.findUnique({ where: { kpmId: memberKpmId } });
      // A member who moved groups may still withdraw what they saved here.
      if (member?.groupId !== group.id && (input.kind === 'deposit' || savedHere === 0n))
        throw new DomainError(422, 'not-a-member', 'Not a member of this group', [
          { path: 'memberKpmId', message: `is not a member of ${group.name}` },
        ]);
      memberName = member?.headName ?? null;
    }
    const signed = BigInt(input.kind === 'deposit' ? input.amount : -input.amount);
    if (signed < 0n) assertCovers(savedHere, -signed, memberKpmId, memberName, 'amount');
    return this.append(tx, group, term, {
      kind: input.kind,
      amount: signed,
      memberKpmId,
      memberName,
      occurredOn: input.occurredOn,
      note: input.note ?? null,
      reverses: null,
    });
  }

  @HandleCommand('microcredit.savings.reverse')
  async reverse(
    input: CommandPayload<'microcredit.savings.reverse'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.savings.reverse'>> {
    const { term, group } = await this.lockOwnLedger(tx, actor);
    const entry = await tx.savingsEntry.findUnique({ where: { id: input.entryId } });
    if (!entry || entry.groupId !== group.id)
      throw new DomainError(404, 'not-found', 'No such entry in your group’s ledger');
    if (entry.kind === 'reversal')
      throw new DomainError(409, 'is-reversal', 'A reversal is not reversed; record a new entry');
    const undone = await tx.savingsEntry.findUnique({ where: { reverses: entry.id } });
    if (undone)
      throw new DomainError(409, 'already-reversed', `Entry ${entry.seq} was reversed already`);
    // Undoing a deposit takes money back out: it must still be there.
    if (entry.amount > 0n)
      assertCovers(
        await heldFor(tx, group.id, entry.memberKpmId),
        entry.amount,
        entry.memberKpmId,
        entry.memberName,
        'entryId',
      );
    return this.append(tx, group, term, {
      kind: 'reversal',
      amount: -entry.amount,
      memberKpmId: entry.memberKpmId,
      memberName: entry.memberName,
      occurredOn: todayIso(),
      note: input.reason,
      reverses: entry.id,
    });
  }

  @HandleCommand('microcredit.savings.ledger')
  async ledger(
    input: CommandPayload<'microcredit.savings.ledger'>,
    { actor, tx: db }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'microcredit.savings.ledger'>> {
    let groupId = input.groupId;
    if (actor.role === 'treasurer') {
      const term = await treasurerTerm(db, actor.userId);
      groupId ??= term.groupId;
    }
    if (!groupId) throw DomainError.invalid([{ path: 'groupId', message: 'say which group' }]);
    const group = await findGroup(db, groupId);
    const treasurer = await sittingTreasurer(db, group.id);
    assertCanReadLedger(actor, group, treasurer);
    const [entries, sums, families] = await Promise.all([
      db.savingsEntry.findMany({
        where: { groupId: group.id, ...(input.before ? { seq: { lt: input.before } } : {}) },
        orderBy: { seq: 'desc' },
        take: input.limit,
      }),
      db.savingsEntry.groupBy({
        by: ['memberKpmId'],
        where: { groupId: group.id },
        _sum: { amount: true },
        _max: { memberName: true },
      }),
      db.family.findMany({
        where: { groupId: group.id },
        select: { kpmId: true, headName: true },
        orderBy: { headName: 'asc' },
      }),
    ]);
    const reversals = await db.savingsEntry.findMany({
      where: { reverses: { in: entries.map((e) => e.id) } },
      select: { id: true, reverses: true },
    });
    const reversedBy = new Map(reversals.map((r) => [r.reverses!, r.id]));
    const saved = new Map(sums.map((s) => [s.memberKpmId, Number(s._sum.amount ?? 0n)]));
    // Current members, then anyone who moved away with savings still recorded here.
    const members = families.map((f) => ({
      kpmId: f.kpmId,
      headName: f.headName,
      balance: saved.get(f.kpmId) ?? 0,
    }));
    for (const s of sums)
      if (s.memberKpmId && !families.some((f) => f.kpmId === s.memberKpmId))
        members.push({
          kpmId: s.memberKpmId,
          headName: s._max.memberName ?? s.memberKpmId,
          balance: Number(s._sum.amount ?? 0n),
        });
    const last = entries[0] ?? null;
    return {
      ...summaryView(group, treasurer, last?.occurredOn ?? null),
      members,
      commonFund: saved.get(null) ?? 0,
      items: entries.map((e) => entryView(e, reversedBy.get(e.id) ?? null)),
      nextBefore: entries.length === input.limit ? entries[entries.length - 1]!.seq : null,
    };
  }

  @HandleCommand('microcredit.savings.list')
  async list(
    input: CommandPayload<'microcredit.savings.list'>,
    { actor, tx: db }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'microcredit.savings.list'>> {
    if (actor.role === 'partner')
      throw new DomainError(403, 'forbidden', 'Groups’ savings are not shown to partners');
    if (input.regionCode && actor.regionCode && !isWithinRegion(input.regionCode, actor.regionCode))
      throw new DomainError(403, 'forbidden', 'That region is outside yours');
    const region = input.regionCode ?? (actor.role === 'admin' ? null : actor.regionCode);
    const where =
      actor.role === 'treasurer'
        ? { id: (await treasurerTerm(db, actor.userId)).groupId }
        : {
            ...(actor.role === 'assistant' ? { assistantId: actor.userId } : {}),
            ...(region ? villageWithin(region) : {}),
          };
    const groups = await db.savingsGroup.findMany({
      where,
      include: {
        treasurers: { where: { endedAt: null } },
        ledger: { orderBy: { seq: 'desc' }, take: 1, select: { occurredOn: true } },
      },
      orderBy: [{ villageCode: 'asc' }, { name: 'asc' }],
      take: 1000,
    });
    return {
      items: groups.map((g) =>
        summaryView(g, g.treasurers[0] ?? null, g.ledger[0]?.occurredOn ?? null),
      ),
    };
  }

  /** The treasurer's group, locked; the term is read again under the lock (a successor may have just taken over). */
  private async lockOwnLedger(tx: Tx, actor: Actor) {
    assertTreasurer(actor);
    const { groupId } = await treasurerTerm(tx, actor.userId);
    const group = await lockGroup(tx, groupId);
    return { group, term: await treasurerTerm(tx, actor.userId) };
  }

  private async append(
    tx: Tx,
    group: SavingsGroup,
    term: SavingsTreasurer,
    line: Pick<
      SavingsEntry,
      'kind' | 'amount' | 'memberKpmId' | 'memberName' | 'note' | 'reverses'
    > & { occurredOn: string },
  ): Promise<SavingsEntryView> {
    const balanceAfter = group.balance + line.amount;
    const entry = await tx.savingsEntry.create({
      data: {
        ...line,
        id: randomUUID(),
        groupId: group.id,
        seq: group.entries + 1,
        occurredOn: dateOf(line.occurredOn),
        recordedBy: term.accountId,
        recordedByKpmId: term.kpmId,
        recordedByName: term.headName,
        balanceAfter,
      },
    });
    await tx.savingsGroup.update({
      where: { id: group.id },
      data: { balance: balanceAfter, entries: { increment: 1 } },
    });
    return entryView(entry, null);
  }
}
