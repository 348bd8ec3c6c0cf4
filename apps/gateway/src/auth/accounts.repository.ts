import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { UserAccount } from '../generated/prisma/client.js';

/** Account ids are UUIDs; anything else names no account (and must not reach a uuid column). */
const isAccountId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

@Injectable()
export class AccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByUsername(username: string): Promise<UserAccount | null> {
    return this.prisma.userAccount.findUnique({ where: { username } });
  }

  /**
   * Accepts a TOTP step for sign-in only if it is newer than the last one accepted (checked and
   * written in one statement, so two sign-ins racing with one code cannot both pass).
   */
  async acceptTotpStep(id: string, step: number): Promise<boolean> {
    const { count } = await this.prisma.userAccount.updateMany({
      where: { id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1;
  }

  setTotp(
    id: string,
    data: {
      totpSecret?: string | null;
      totpPendingSecret?: string | null;
      totpLastStep?: number | null;
    },
  ): Promise<UserAccount> {
    return this.prisma.userAccount.update({ where: { id }, data });
  }

  findById(id: string): Promise<UserAccount | null> {
    if (!isAccountId(id)) return Promise.resolve(null);
    return this.prisma.userAccount.findUnique({ where: { id } });
  }

  /** An enabled assistant's account, to hand a family over to. */
  async findAssistant(id: string): Promise<UserAccount | null> {
    if (!isAccountId(id)) return null;
    return this.prisma.userAccount.findFirst({ where: { id, role: 'assistant', disabled: false } });
  }

  /** Display names by account id, for tables of assistants. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const uuids = ids.filter(isAccountId);
    const rows = await this.prisma.userAccount.findMany({
      where: { id: { in: uuids } },
      select: { id: true, displayName: true },
    });
    return new Map(rows.map((row) => [row.id, row.displayName]));
  }

  /** Enabled assistants working within `region` (everywhere when null), by name. */
  assistantsIn(
    region: string | null,
  ): Promise<{ id: string; displayName: string; regionCode: string | null }[]> {
    return this.prisma.userAccount.findMany({
      where: {
        role: 'assistant',
        disabled: false,
        ...(region
          ? { OR: [{ regionCode: region }, { regionCode: { startsWith: `${region}.` } }] }
          : {}),
      },
      select: { id: true, displayName: true, regionCode: true },
      orderBy: { displayName: 'asc' },
      take: 2000,
    });
  }

  /** Creates an account (`createdAt` only when given) or updates it; never moves its creation. */
  upsert(
    account: Omit<
      UserAccount,
      'createdAt' | 'disabled' | 'totpSecret' | 'totpPendingSecret' | 'totpLastStep'
    > & { createdAt?: Date },
  ): Promise<UserAccount> {
    const { id: _id, username, createdAt: _createdAt, ...changes } = account;
    return this.prisma.userAccount.upsert({
      where: { username },
      create: account,
      update: changes,
    });
  }
}
