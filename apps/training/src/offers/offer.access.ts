import { regionsOverlap, type Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { canRead } from '@jembatan/service-kit';
import type { Nomination, TrainingOffer } from '../generated/prisma/client.js';

/** Partners see their own offers; staff see offers that reach into their region. */
export function canSeeOffer(actor: Actor, offer: Pick<TrainingOffer, 'partnerId' | 'regionCode'>) {
  if (actor.role === 'admin') return true;
  if (actor.role === 'partner') return offer.partnerId === actor.userId;
  return actor.regionCode !== null && regionsOverlap(actor.regionCode, offer.regionCode);
}

export const ownsOffer = (actor: Actor, offer: Pick<TrainingOffer, 'partnerId'>) =>
  actor.role === 'admin' || (actor.role === 'partner' && offer.partnerId === actor.userId);

export function assertOwnsOffer(actor: Actor, offer: Pick<TrainingOffer, 'partnerId'>) {
  if (!ownsOffer(actor, offer))
    throw new DomainError(403, 'forbidden', 'Only the partner who posted the training can do this');
}

/**
 * Nominations a reader may see: the offering partner all of them (each family consented to
 * that), staff those of families they may read.
 */
export const canSeeNomination = (
  actor: Actor,
  offer: Pick<TrainingOffer, 'partnerId'>,
  nomination: Pick<Nomination, 'assistantId' | 'villageCode'>,
) => ownsOffer(actor, offer) || canRead(actor, nomination);
