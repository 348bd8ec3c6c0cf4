import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, type EventEnvelope, type KpmConsentWithdrawnV1 } from '@jembatan/contracts';
import { OnEvent, OutboxWriter } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { freeSeat } from '../offers/nomination.place.js';

const REASON = 'the family withdrew its consent';

/**
 * The family withdrew its consent (recorded in caseload): training partners and tutors stop
 * working with its data. Open nominations are withdrawn (a seat freed goes to the waitlist, as
 * when the assistant withdraws one) and mentoring in progress stops.
 */
@Injectable()
export class ConsentHandlers {
  constructor(private readonly outbox: OutboxWriter) {}

  @OnEvent('kpm.consent-withdrawn', 1)
  async onConsentWithdrawn(event: EventEnvelope<KpmConsentWithdrawnV1>, tx: Tx): Promise<void> {
    const { kpmId } = event.payload;
    const actor = event.actor ?? SYSTEM_ACTOR;
    const open = await tx.nomination.findMany({
      where: { kpmId, status: { in: ['nominated', 'waitlisted', 'accepted'] } },
    });
    for (const nomination of open) {
      await tx.nomination.update({
        where: { id: nomination.id },
        data: {
          status: 'withdrawn',
          reason: REASON,
          decidedBy: actor.userId,
          decidedAt: new Date(),
        },
      });
      await freeSeat(tx, nomination.offerId, nomination.status);
    }
    const mentoring = await tx.mentoringPlan.findMany({ where: { kpmId, status: 'active' } });
    const completedOn = new Date().toISOString().slice(0, 10);
    for (const plan of mentoring) {
      await tx.mentoringPlan.update({
        where: { id: plan.id },
        data: { status: 'completed', outcome: 'stopped', completedOn: new Date(completedOn) },
      });
      await this.outbox.append(
        tx,
        {
          type: 'mentoring.completed',
          version: 1,
          aggregateId: kpmId,
          payload: {
            planId: plan.id,
            kpmId,
            tutorId: plan.tutorId,
            outcome: 'stopped',
            completedOn,
          },
        },
        { actor, correlationId: event.correlationId },
      );
    }
  }
}
