import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import type { UserAccount } from '../generated/prisma/client.js';

@Injectable()
export class AccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findByUsername(username: string): Promise<UserAccount | null> {
    return this.prisma.userAccount.findUnique({ where: { username } });
  }

  upsert(account: Omit<UserAccount, 'createdAt' | 'disabled'>): Promise<UserAccount> {
    const { id: _id, username, ...changes } = account;
    return this.prisma.userAccount.upsert({
      where: { username },
      create: account,
      update: changes,
    });
  }
}
