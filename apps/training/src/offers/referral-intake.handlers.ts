import { Injectable } from '@nestjs/common';
import type { EventEnvelope, ReferralCreatedV1 } from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { lockRow } from '../common/locks.js';
import { placeNomination } from './nomination.place.js';

/**
 * A family referred to a training through the partners service's broker becomes a nomination
 * here, as if the assistant had nominated it on the training screen: a seat while one is
 * left, the waitlist after. The broker already checked eligibility and consent; the
 * nomination's id is the referral's, so a redelivered event finds it and changes nothing.
 */
@Injectable()
export class ReferralIntakeHandlers {
  @OnEvent('referral.created', 1)
  async onReferral(event: EventEnvelope<ReferralCreatedV1>, tx: Tx): Promise<void> {
    const referral = event.payload;
    if (referral.offerKind !== 'training') return;
    await lockRow(tx, 'training_offer', referral.offerId);
    const offer = await tx.trainingOffer.findUnique({ where: { id: referral.offerId } });
    // The training arrives before any referral to it (it is posted first); retry until it has.
    if (!offer) throw new Error(`training ${referral.offerId} not known yet`);
    const family = await tx.family.findUnique({ where: { kpmId: referral.kpmId } });
    if (!family) throw new Error(`family ${referral.kpmId} not known yet`);
    const existing = await tx.nomination.findUnique({
      where: { offerId_kpmId: { offerId: offer.id, kpmId: family.kpmId } },
    });
    if (existing && !['declined', 'withdrawn'].includes(existing.status)) return;
    await placeNomination(
      tx,
      offer,
      family,
      {
        id: referral.referralId,
        nominatedBy: event.actor?.userId ?? referral.assistantId,
        note: referral.note,
        consentAt: new Date(referral.consentGivenAt),
        queuedAt: new Date(referral.createdAt),
      },
      existing,
    );
  }
}
