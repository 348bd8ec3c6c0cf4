import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  isWithinRegion,
  type AccountStatusBody,
  type AccountChangeKind,
  type Actor,
  type ChangePasswordBody,
  type CreateStaffAccountBody,
  type RegionLevel,
  type ResetPasswordBody,
  type StaffAccountQuery,
  type StaffAccountView,
  type StaffRole,
} from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { z } from 'zod';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { Sessions } from '../auth/sessions.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Prisma, UserAccount } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;
type LastChange = StaffAccountView['lastChange'];

/** The decision, its reason and its actor, in the transaction that made it. */
function recordChange(
  tx: Tx,
  accountId: string,
  change: AccountChangeKind,
  actor: Actor,
  reason: string | null = null,
) {
  return tx.accountChange.create({
    data: { accountId, change, reason, actorId: actor.userId, actorRole: actor.role },
  });
}
import { recordAccountChanged } from './account-events.js';
import { assertUsernameFree, rethrowUsernameRace } from './usernames.js';

/** The levels of region each staff role works at (an admin works nationally). */
const REGION_LEVELS: Record<StaffRole, readonly RegionLevel[]> = {
  assistant: ['district'],
  coordinator: ['regency', 'district'],
  dinas: ['province', 'regency'],
  admin: [],
};

/** What a regency's Dinas may create and manage: the people who work for it in the field. */
const DINAS_MANAGES: readonly StaffRole[] = ['assistant', 'coordinator'];

const STAFF: readonly string[] = ['assistant', 'coordinator', 'dinas', 'admin'];

/**
 * Staff accounts: an admin creates and manages any; the Dinas its region's assistants and
 * coordinators. Each change is written with its `account.changed` event (supervision's roster
 * of assistants follows it), disabling or resetting a password ends the account's sessions at
 * once, and the gateway's audit trail records who did it.
 */
@Injectable()
export class StaffAccounts {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sessions: Sessions,
    private readonly accounts: AccountsRepository,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  async list(
    query: z.output<typeof StaffAccountQuery>,
    actor: Actor,
  ): Promise<{ items: StaffAccountView[] }> {
    const scope = this.scopeOf(actor);
    const rows = await this.prisma.userAccount.findMany({
      where: {
        role: query.role ?? { in: [...STAFF] },
        ...(scope
          ? { OR: [{ regionCode: scope }, { regionCode: { startsWith: `${scope}.` } }] }
          : {}),
        ...(query.q
          ? {
              AND: {
                OR: [
                  { displayName: { contains: query.q, mode: 'insensitive' } },
                  { username: { contains: query.q.toLowerCase() } },
                ],
              },
            }
          : {}),
      },
      orderBy: [{ disabled: 'asc' }, { displayName: 'asc' }],
      take: 500,
    });
    const last = await this.lastChanges(rows.map((row) => row.id));
    return { items: rows.map((row) => this.view(row, last.get(row.id) ?? null)) };
  }

  async create(
    body: z.output<typeof CreateStaffAccountBody>,
    actor: Actor,
  ): Promise<StaffAccountView> {
    this.assertMayManage(actor, body.role, body.regionCode);
    this.assertRegionFits(body.role, body.regionCode);
    await assertUsernameFree(this.prisma, body.username);
    const passwordHash = await hashPassword(body.password);
    const account = await this.prisma
      .$transaction(async (tx) => {
        const created = await tx.userAccount.create({
          data: {
            id: randomUUID(),
            username: body.username,
            passwordHash,
            displayName: body.displayName,
            role: body.role,
            regionCode: body.regionCode,
          },
        });
        await recordAccountChanged(tx, [created], actor);
        await recordChange(tx, created.id, 'created', actor);
        return created;
      })
      .catch(rethrowUsernameRace);
    return this.viewWithLastChange(account);
  }

  async setStatus(
    accountId: string,
    body: z.output<typeof AccountStatusBody>,
    actor: Actor,
  ): Promise<StaffAccountView> {
    if (accountId === actor.userId)
      throw new DomainError(409, 'own-account', 'You cannot disable your own account', [
        { path: 'disabled', message: 'ask another admin' },
      ]);
    const account = await this.managed(accountId, actor);
    const updated = await this.prisma.$transaction(async (tx) => {
      const changed = await tx.userAccount.update({
        where: { id: account.id },
        data: { disabled: body.disabled },
      });
      await recordAccountChanged(tx, [changed], actor);
      await recordChange(
        tx,
        account.id,
        body.disabled ? 'disabled' : 'enabled',
        actor,
        body.reason,
      );
      if (body.disabled) await this.sessions.revokeAllOf(account.id, 'account-disabled', tx);
      return changed;
    });
    return this.viewWithLastChange(updated);
  }

  async resetPassword(
    accountId: string,
    body: z.output<typeof ResetPasswordBody>,
    actor: Actor,
  ): Promise<StaffAccountView> {
    const account = await this.managed(accountId, actor);
    const passwordHash = await hashPassword(body.password);
    await this.prisma.$transaction(async (tx) => {
      await tx.userAccount.update({ where: { id: account.id }, data: { passwordHash } });
      await recordChange(tx, account.id, 'password-reset', actor, body.reason);
      await this.sessions.revokeAllOf(account.id, 'password-reset', tx);
    });
    return this.viewWithLastChange(account);
  }

  /**
   * The holder's own change: the current password proves it is them. Every session of the
   * account ends, this one too: a stolen session does not outlive the change.
   */
  async changeOwnPassword(
    body: z.output<typeof ChangePasswordBody>,
    actor: Actor,
  ): Promise<{ changed: true }> {
    const account = await this.accounts.findById(actor.userId);
    if (!account || !(await verifyPassword(account.passwordHash, body.current)))
      throw DomainError.invalid([{ path: 'current', message: 'is not your current password' }]);
    const passwordHash = await hashPassword(body.password);
    await this.prisma.$transaction(async (tx) => {
      await tx.userAccount.update({ where: { id: account.id }, data: { passwordHash } });
      await recordChange(tx, account.id, 'password-changed', actor);
      await this.sessions.revokeAllOf(account.id, 'password-changed', tx);
    });
    return { changed: true };
  }

  /** The region an actor manages accounts in: null for an admin (everywhere). */
  private scopeOf(actor: Actor): string | null {
    if (actor.role === 'admin') return null;
    if (actor.role === 'dinas' && actor.regionCode) return actor.regionCode;
    throw new DomainError(403, 'forbidden', 'Only an admin or the Dinas manages accounts');
  }

  private assertMayManage(actor: Actor, role: string, regionCode: string | null): void {
    const scope = this.scopeOf(actor);
    if (scope === null) return;
    if (!DINAS_MANAGES.includes(role as StaffRole))
      throw new DomainError(403, 'forbidden', 'The Dinas manages assistants and coordinators', [
        { path: 'role', message: `the Dinas manages ${DINAS_MANAGES.join(' and ')} accounts` },
      ]);
    if (regionCode === null || !isWithinRegion(regionCode, scope))
      throw new DomainError(403, 'forbidden', 'That region is outside yours', [
        { path: 'regionCode', message: `must lie within ${scope}` },
      ]);
  }

  private assertRegionFits(role: StaffRole, regionCode: string | null): void {
    const levels = REGION_LEVELS[role];
    if (levels.length === 0) {
      if (regionCode !== null)
        throw DomainError.invalid([
          { path: 'regionCode', message: 'an admin works nationally: none' },
        ]);
      return;
    }
    if (regionCode === null || !levels.some((level) => this.regions.has(regionCode, level)))
      throw DomainError.invalid([
        {
          path: 'regionCode',
          message: `must be a real ${levels.join(' or ')} code (idn-area-data) for this role`,
        },
      ]);
  }

  /** A staff account the actor may manage, or 404 (another region's accounts are not named). */
  private async managed(accountId: string, actor: Actor): Promise<UserAccount> {
    const account = await this.accounts.findById(accountId);
    const scope = this.scopeOf(actor);
    const visible =
      account !== null &&
      STAFF.includes(account.role) &&
      (scope === null ||
        (account.regionCode !== null && isWithinRegion(account.regionCode, scope)));
    if (!visible) throw new DomainError(404, 'not-found', 'No such account in your region');
    this.assertMayManage(actor, account.role, account.regionCode);
    return account;
  }

  /** The latest decision on each account. */
  private async lastChanges(accountIds: string[]): Promise<Map<string, LastChange>> {
    const rows = await this.prisma.accountChange.findMany({
      where: { accountId: { in: accountIds } },
      orderBy: { id: 'desc' },
    });
    const last = new Map<string, LastChange>();
    for (const row of rows)
      if (!last.has(row.accountId))
        last.set(row.accountId, {
          change: row.change as AccountChangeKind,
          reason: row.reason,
          actorRole: row.actorRole,
          at: row.at.toISOString(),
        });
    return last;
  }

  private async viewWithLastChange(row: UserAccount): Promise<StaffAccountView> {
    return this.view(row, (await this.lastChanges([row.id])).get(row.id) ?? null);
  }

  private view(row: UserAccount, lastChange: LastChange): StaffAccountView {
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role as StaffRole,
      regionCode: row.regionCode,
      regionName: row.regionCode ? (this.regions.get(row.regionCode)?.name ?? null) : null,
      disabled: row.disabled,
      secondFactor: row.totpSecret !== null,
      createdAt: row.createdAt.toISOString(),
      lastChange,
    };
  }
}
