import { Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { assertCanAppoint } from './savings.access.js';
import { lockGroup } from './ledger.repository.js';

/**
 * The treasurer the group chose, registered by its assistant. One sits at a time: appointing
 * another ends the previous term, and the gateway disables that login. The ledger records who
 * held the office with every entry, so past entries keep their author.
 */
@Injectable()
export class TreasurersHandlers {
  @HandleCommand('microcredit.savings.appoint-treasurer')
  async appoint(
    input: CommandPayload<'microcredit.savings.appoint-treasurer'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.savings.appoint-treasurer'>> {
    const group = await lockGroup(tx, input.groupId);
    assertCanAppoint(actor, group);
    const member = await tx.family.findUnique({ where: { kpmId: input.kpmId } });
    if (!member || member.groupId !== group.id)
      throw new DomainError(422, 'not-a-member', 'The treasurer must be a member of the group', [
        { path: 'kpmId', message: `is not a member of ${group.name}` },
      ]);
    const sitting = await tx.savingsTreasurer.findFirst({
      where: { groupId: group.id, endedAt: null },
    });
    if (sitting) {
      await tx.savingsTreasurer.update({
        where: { accountId: sitting.accountId },
        data: { endedAt: new Date() },
      });
    }
    await tx.savingsTreasurer.create({
      data: {
        accountId: input.accountId,
        groupId: group.id,
        kpmId: member.kpmId,
        headName: member.headName,
        appointedBy: actor.userId,
      },
    });
    return {
      groupId: group.id,
      kpmId: member.kpmId,
      headName: member.headName,
      villageCode: group.villageCode,
      accountId: input.accountId,
      previousAccountId: sitting?.accountId ?? null,
    };
  }
}
