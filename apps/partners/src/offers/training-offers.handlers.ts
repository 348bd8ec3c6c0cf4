import { Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { todayIso } from './offer.rows.js';
import { OffersHandlers } from './offers.handlers.js';

/**
 * The training screen's form (one region, one place, dates, prerequisites) posted as an offer
 * of kind training: nominations are open from today until the training starts.
 */
@Injectable()
export class TrainingOffersHandlers {
  constructor(private readonly offers: OffersHandlers) {}

  @HandleCommand('partners.training-offer.post')
  async post(
    input: CommandPayload<'partners.training-offer.post'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.training-offer.post'>> {
    const today = todayIso();
    if (input.startsOn < today)
      throw DomainError.invalid([{ path: 'startsOn', message: 'is in the past' }]);
    const view = await this.offers.create(
      {
        kind: 'training',
        title: input.title,
        description: input.description,
        capacity: input.capacity,
        validFrom: today,
        validUntil: input.startsOn,
        eligibility: {
          regions: [input.regionCode],
          ...(input.prerequisites.businessKinds
            ? { businessKinds: input.prerequisites.businessKinds }
            : {}),
          ...(input.prerequisites.minBusinessMonths
            ? { minBusinessMonths: input.prerequisites.minBusinessMonths }
            : {}),
        },
        details: {
          place: input.place,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          meetings: input.meetings,
        },
      },
      context,
    );
    return { offerId: view.id };
  }
}
