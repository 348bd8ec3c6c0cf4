import { Injectable } from '@nestjs/common';
import {
  CAPITAL_TRANSITIONS,
  STEP_DEADLINE_WORKING_DAYS,
  capitalOutcomeOf,
  type Actor,
  type CapitalStatus,
} from '@jembatan/contracts';
import { DomainError, OutboxWriter } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import type { CapitalReferral, Prisma } from '../generated/prisma/client.js';
import { addWorkingDays } from '../common/dates.js';

/** When the step a referral now waits in is due; null when nobody waits on anybody. */
export function deadlineOf(status: CapitalStatus, now: Date, surveyOn: Date | null): Date | null {
  const days = STEP_DEADLINE_WORKING_DAYS[status];
  if (days === undefined) return null;
  return addWorkingDays(status === 'survey-scheduled' && surveyOn ? surveyOn : now, days);
}

export interface Move {
  to: CapitalStatus;
  actor: Actor;
  correlationId: string;
  reason?: string | null;
  /** Fields that change with the move (survey date, approved amount, loan book...). */
  data?: Prisma.CapitalReferralUpdateInput;
}

/**
 * The one way a capital referral changes status: only legal moves (409 otherwise), each with
 * its audit row (who, when, why) and its `capital-referral.outcome-recorded` event, written
 * in the caller's transaction.
 */
@Injectable()
export class CapitalLifecycle {
  constructor(private readonly outbox: OutboxWriter) {}

  static assertLegal(from: CapitalStatus, to: CapitalStatus): void {
    if (!CAPITAL_TRANSITIONS[from].includes(to))
      throw new DomainError(409, 'illegal-transition', `A ${from} referral cannot become ${to}`);
  }

  async move(tx: Tx, referral: CapitalReferral, move: Move): Promise<CapitalReferral> {
    const from = referral.status as CapitalStatus;
    CapitalLifecycle.assertLegal(from, move.to);
    const now = new Date();
    const surveyOn = (move.data?.surveyOn as Date | undefined) ?? referral.surveyOn;
    const updated = await tx.capitalReferral.update({
      where: { id: referral.id },
      data: {
        ...move.data,
        status: move.to,
        ...(move.reason !== undefined ? { reason: move.reason } : {}),
        dueAt: deadlineOf(move.to, now, surveyOn),
      },
    });
    await this.record(tx, updated, from, move);
    return updated;
  }

  /** Audit and event for a referral just created (from nothing to draft). */
  async created(tx: Tx, referral: CapitalReferral, actor: Actor, correlationId: string) {
    await this.record(tx, referral, null, { to: 'draft', actor, correlationId });
  }

  private async record(
    tx: Tx,
    referral: CapitalReferral,
    from: CapitalStatus | null,
    move: Move,
  ): Promise<void> {
    const reason = move.reason ?? null;
    await tx.capitalReferralChange.create({
      data: {
        referralId: referral.id,
        fromStatus: from,
        toStatus: move.to,
        reason,
        actorId: move.actor.userId,
        actorRole: move.actor.role,
      },
    });
    const kind = referral.kind as 'loan' | 'grant';
    await this.outbox.append(
      tx,
      {
        type: 'capital-referral.outcome-recorded',
        version: 2,
        aggregateId: referral.kpmId,
        payload: {
          referralId: referral.id,
          kpmId: referral.kpmId,
          kind,
          offerId: referral.productId,
          partnerId: referral.partnerId,
          assistantId: referral.assistantId,
          from,
          status: move.to,
          outcome: capitalOutcomeOf(move.to, kind),
          reason,
          amount: Number(referral.approvedAmount ?? referral.amount),
          outstanding:
            referral.totalDue === null ? null : Number(referral.totalDue - referral.paid),
          daysInArrears: referral.daysInArrears,
          recordedAt: referral.updatedAt.toISOString(),
        },
      },
      { actor: move.actor, correlationId: move.correlationId },
    );
  }
}
