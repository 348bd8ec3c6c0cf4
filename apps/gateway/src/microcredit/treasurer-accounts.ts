import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { TreasurerInput } from '@jembatan/contracts';
import type { z } from 'zod';
import { assertUsernameFree, rethrowUsernameRace } from '../accounts/usernames.js';
import { hashPassword } from '../auth/passwords.js';
import { Sessions } from '../auth/sessions.js';
import { PrismaService } from '../database/prisma.service.js';
import { Services } from '../common/rpc.provider.js';
import type { CallerContext } from '../common/request-context.js';

/**
 * A group's treasurer gets a login of their own, so that the ledger is written by the member
 * the group trusts with its money and never by the assistant. Microcredit checks the group
 * and the member and records the term first; the login is then created (and the previous
 * treasurer's disabled) in one transaction. Should that fail, the term names a login that
 * does not exist: nobody can write with it, and registering again replaces it.
 *
 * Treasurer logins are not announced as `account.changed`: that event describes staff and
 * partners (supervision's roster); microcredit knows treasurers from their terms.
 */
@Injectable()
export class TreasurerAccounts {
  constructor(
    private readonly prisma: PrismaService,
    private readonly services: Services,
    private readonly sessions: Sessions,
  ) {}

  async appoint(
    groupId: string,
    body: z.output<typeof TreasurerInput>,
    caller: CallerContext,
  ): Promise<{ accountId: string; kpmId: string; headName: string; username: string }> {
    await assertUsernameFree(this.prisma, body.username);
    const accountId = randomUUID();
    const term = await this.services.call(
      'microcredit.savings.appoint-treasurer',
      { groupId, kpmId: body.kpmId, accountId },
      caller,
    );
    const passwordHash = await hashPassword(body.password);
    await this.prisma
      .$transaction(async (tx) => {
        await tx.userAccount.create({
          data: {
            id: accountId,
            username: body.username,
            passwordHash,
            displayName: term.headName,
            role: 'treasurer',
            regionCode: term.villageCode,
          },
        });
        if (term.previousAccountId) {
          await tx.userAccount.updateMany({
            where: { id: term.previousAccountId, role: 'treasurer' },
            data: { disabled: true },
          });
          // The former treasurer's open sessions end with the term.
          await this.sessions.revokeAllOf(term.previousAccountId, 'treasurer-replaced', tx);
        }
      })
      .catch(rethrowUsernameRace);
    return { accountId, kpmId: term.kpmId, headName: term.headName, username: body.username };
  }
}
