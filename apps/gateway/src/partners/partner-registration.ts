import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RegisterPartnerBody } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { RegionDirectory } from '@jembatan/regions';
import { REGIONS, partnerProfileProblems } from '@jembatan/service-kit';
import type { z } from 'zod';
import { recordAccountChanged, recordPartnerRegistered } from '../accounts/account-events.js';
import { assertUsernameFree, rethrowUsernameRace } from '../accounts/usernames.js';
import { hashPassword } from '../auth/passwords.js';
import { PrismaService } from '../database/prisma.service.js';

/**
 * Self-registration of a partner: the account and `partner.registered` (with the profile) in
 * one transaction, so the partners service always gets the profile of an account that exists
 * and never one of an account that does not. The partner can sign in at once; its offers stay
 * invisible to assistants until the Dinas verifies it.
 */
@Injectable()
export class PartnerRegistration {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  async register(
    body: z.output<typeof RegisterPartnerBody>,
  ): Promise<{ accountId: string; status: 'pending' }> {
    const problems = partnerProfileProblems(this.regions, body.profile);
    if (problems.length > 0) throw DomainError.invalid(problems);
    const passwordHash = await hashPassword(body.password);
    const accountId = randomUUID();
    await assertUsernameFree(this.prisma, body.username);
    await this.prisma
      .$transaction(async (tx) => {
        const account = await tx.userAccount.create({
          data: {
            id: accountId,
            username: body.username,
            passwordHash,
            displayName: body.profile.name,
            role: 'partner',
            regionCode: body.profile.location.villageCode.slice(0, 5),
          },
        });
        // The partner registered itself: it is the actor of record.
        const self = {
          userId: accountId,
          role: 'partner' as const,
          regionCode: account.regionCode,
        };
        await recordAccountChanged(tx, [account], self);
        await recordPartnerRegistered(
          tx,
          { accountId, profile: body.profile, status: 'pending' },
          self,
        );
      })
      .catch(rethrowUsernameRace);
    return { accountId, status: 'pending' };
  }
}
