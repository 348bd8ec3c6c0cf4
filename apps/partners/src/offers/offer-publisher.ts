import { Injectable } from '@nestjs/common';
import type { CommandContext } from '@jembatan/messaging';
import type { Offer } from '../generated/prisma/client.js';
import type { Tx } from '../database/prisma.service.js';
import { toOfferView, type OfferPartner } from './offer.rows.js';

/**
 * Tells the other services an offer's state after every change to it or to its partner, in
 * the same transaction: `offer.published` for everyone (microcredit takes loans and grants),
 * and `training-offer.posted` when a training is live, for the training service to deliver.
 */
@Injectable()
export class OfferPublisher {
  async publish(context: CommandContext<Tx>, offer: Offer, partner: OfferPartner): Promise<void> {
    const view = toOfferView(offer, partner);
    await context.emit({
      type: 'offer.published',
      version: 1,
      aggregateId: offer.id,
      payload: { offer: view, asOf: new Date().toISOString() },
    });
    if (offer.kind !== 'training' || !view.live) return;
    const details = offer.details as {
      place: string;
      startsOn: string;
      endsOn: string;
      meetings: number;
    };
    await context.emit({
      type: 'training-offer.posted',
      version: 1,
      aggregateId: offer.id,
      payload: {
        offerId: offer.id,
        partnerId: offer.partnerId,
        partnerName: partner.name,
        title: offer.title,
        description: offer.description,
        regionCode: offer.regions[0]!,
        place: details.place,
        startsOn: details.startsOn,
        endsOn: details.endsOn,
        meetings: details.meetings,
        capacity: offer.capacity,
        prerequisites: {
          ...(offer.minBusinessMonths !== null
            ? { minBusinessMonths: offer.minBusinessMonths }
            : {}),
          ...(offer.businessKinds.length > 0
            ? { businessKinds: offer.businessKinds as never }
            : {}),
        },
        postedAt: offer.postedAt.toISOString(),
      },
    });
  }

  /** After a partner's verification changed: every offer of it, with its new `live`. */
  async publishAllOf(context: CommandContext<Tx>, partner: OfferPartner): Promise<void> {
    const offers = await context.tx.offer.findMany({
      where: { partnerId: partner.id, status: 'open' },
    });
    for (const offer of offers) await this.publish(context, offer, partner);
  }
}
