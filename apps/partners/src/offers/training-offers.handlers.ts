import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';

/**
 * Training providers post training offers here; the training service delivers them
 * (nominations, attendance, certificates) once `training-offer.posted` reaches it.
 */
@Injectable()
export class TrainingOffersHandlers {
  constructor(@Inject(REGIONS) private readonly regions: RegionDirectory) {}

  @HandleCommand('partners.training-offer.post')
  async post(
    input: CommandPayload<'partners.training-offer.post'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.training-offer.post'>> {
    const { actor, tx } = context;
    if (actor.role !== 'partner')
      throw new DomainError(403, 'forbidden', 'Only partner accounts post offers');
    if (!this.regions.has(input.regionCode))
      throw DomainError.invalid([
        { path: 'regionCode', message: 'is not a region in idn-area-data' },
      ]);
    if (input.startsOn < new Date().toISOString().slice(0, 10))
      throw DomainError.invalid([{ path: 'startsOn', message: 'is in the past' }]);
    const { partnerName, ...details } = input;
    const id = randomUUID();
    const offer = await tx.offer.create({
      data: {
        id,
        partnerId: actor.userId,
        partnerName,
        kind: 'training',
        title: input.title,
        regionCode: input.regionCode,
        details,
      },
    });
    await context.emit({
      type: 'training-offer.posted',
      version: 1,
      aggregateId: id,
      payload: {
        ...details,
        offerId: id,
        partnerId: actor.userId,
        partnerName,
        postedAt: offer.postedAt.toISOString(),
      },
    });
    return { offerId: id };
  }
}
