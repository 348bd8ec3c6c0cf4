import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { FamiliesRepository } from '../families/families.repository.js';

/**
 * A family takes back its consent to share its data with partners. Caseload records it (and
 * audits it as a decision about the family); every service holding shared data ends that
 * sharing when it reads kpm.consent-withdrawn.
 */
@Injectable()
export class ConsentHandlers {
  constructor(private readonly families: FamiliesRepository) {}

  @HandleCommand('caseload.kpm.consent.withdraw')
  async withdraw(
    input: CommandPayload<'caseload.kpm.consent.withdraw'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.kpm.consent.withdraw'>> {
    const { actor, tx, correlationId } = context;
    const family = await this.families.lockForChange(tx, input.kpmId, actor);
    const withdrawal = await tx.consentWithdrawal.create({
      data: {
        id: randomUUID(),
        kpmId: family.id,
        statedBy: input.statedBy,
        reason: input.reason,
        recordedBy: actor.userId,
      },
    });
    await this.families.audit(tx, family.id, {
      action: 'consent-withdrawn',
      reason: `${input.statedBy}: ${input.reason}`,
      actor,
      correlationId,
    });
    await context.emit({
      type: 'kpm.consent-withdrawn',
      version: 1,
      aggregateId: family.id,
      payload: {
        kpmId: family.id,
        withdrawalId: withdrawal.id,
        withdrawnAt: withdrawal.at.toISOString(),
      },
    });
    return {
      id: withdrawal.id,
      kpmId: withdrawal.kpmId,
      statedBy: withdrawal.statedBy,
      reason: withdrawal.reason,
      recordedBy: withdrawal.recordedBy,
      at: withdrawal.at.toISOString(),
    };
  }
}
