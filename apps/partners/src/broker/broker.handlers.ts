import { Injectable, Logger } from '@nestjs/common';
import {
  isWithinRegion,
  regionAncestry,
  type CommandPayload,
  type CommandResponse,
  type RankedOffer,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { assertCanRead } from '@jembatan/service-kit';
import type { PrismaService } from '../database/prisma.service.js';
import type { FamilyProfile, Offer } from '../generated/prisma/client.js';
import { requireLiveOffer } from '../offers/live-offer.js';
import { fitOfferOf, todayIso, toOfferView } from '../offers/offer.rows.js';
import {
  FAMILIES_COUNT_CAP,
  familiesForOfferQuery,
  offersForFamilyQuery,
  type FamilyScopeFilter,
} from './fit.sql.js';
import { fitFamilyOf, toBrokerFamily } from './family-profile.js';
import { assessFit } from './fit.js';

/** A ranked offer as the ranking query returns it: the offer, its partner, its rank, the counts. */
type RankedRow = Offer & {
  live: number;
  eligibleCount: number;
  eligible: boolean;
  score: number;
  partnerDisplayName: string;
  partnerKind: string;
  partnerStatus: string;
  partnerVillageCode: string;
};

/**
 * The broker's two questions: which offers fit this family (ranked, with every rule and
 * factor explained), and which families fit this offer (ranked, in the reader's caseload or
 * region). Both read the family projection and the offers; neither sees NIK or phone.
 */
@Injectable()
export class BrokerHandlers {
  private readonly logger = new Logger('Broker');

  @HandleCommand('partners.broker.offers-for-family')
  async offersForFamily(
    input: CommandPayload<'partners.broker.offers-for-family'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.broker.offers-for-family'>> {
    const profile = await tx.familyProfile.findUnique({ where: { kpmId: input.kpmId } });
    if (!profile)
      throw new DomainError(
        404,
        'not-found',
        'No such family (or its card has not reached partners yet)',
      );
    assertCanRead(actor, profile);
    const today = todayIso();
    const family = fitFamilyOf(profile);
    const { sql, params } = offersForFamilyQuery(
      family,
      regionAncestry(profile.villageCode),
      input.kind ?? null,
      today,
      input.limit,
    );
    // One row with the counts and no offer when none reach the family.
    const rows = await tx.$queryRawUnsafe<RankedRow[]>(sql, ...params);
    const items: RankedOffer[] = rows
      .filter((row) => row.id !== null)
      .map(
        ({
          live: _l,
          eligibleCount: _e,
          eligible,
          score,
          partnerDisplayName,
          partnerKind,
          partnerStatus,
          partnerVillageCode,
          ...offer
        }) => {
          const fit = assessFit(fitOfferOf(offer), family, today);
          this.checkAgreement(profile.kpmId, offer.id, { eligible, score }, fit);
          const partner = {
            id: offer.partnerId,
            name: partnerDisplayName,
            kind: partnerKind,
            status: partnerStatus,
            villageCode: partnerVillageCode,
          };
          return { offer: toOfferView(offer, partner, today), ...fit };
        },
      );
    return {
      family: toBrokerFamily(profile),
      live: rows[0]?.live ?? 0,
      eligible: rows[0]?.eligibleCount ?? 0,
      items,
    };
  }

  /** SQL ranked the row; assessFit explains it. They must agree (fit.sql.ts mirrors fit.ts). */
  private checkAgreement(
    kpmId: string,
    offerId: string,
    row: { eligible: boolean; score: number },
    fit: { eligible: boolean; score: number },
  ) {
    if (row.eligible !== fit.eligible || row.score !== fit.score)
      this.logger.error(
        `fit rules disagree on family ${kpmId} and offer ${offerId}: SQL ${row.score}/${row.eligible}, TS ${fit.score}/${fit.eligible}`,
      );
  }

  @HandleCommand('partners.broker.families-for-offer')
  async familiesForOffer(
    input: CommandPayload<'partners.broker.families-for-offer'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.broker.families-for-offer'>> {
    if (actor.role === 'partner')
      throw new DomainError(
        403,
        'forbidden',
        'Partners see families only through consented referrals',
      );
    const { offer, today } = await requireLiveOffer(tx, input.offerId, { regionOf: actor });

    let scope: FamilyScopeFilter;
    if (actor.role === 'assistant') scope = { assistantId: actor.userId };
    else {
      const region = input.regionCode ?? actor.regionCode;
      if (region && actor.regionCode && !isWithinRegion(region, actor.regionCode))
        throw new DomainError(403, 'forbidden', 'That region is outside yours');
      scope = { region };
    }
    const fitOffer = fitOfferOf(offer);
    const { sql, params } = familiesForOfferQuery(fitOffer, scope, today, input.limit);
    const rows = await tx.$queryRawUnsafe<(FamilyProfile & { score: number; total: number })[]>(
      sql,
      ...params,
    );
    const referrals = await tx.referral.findMany({
      where: { offerId: offer.id, kpmId: { in: rows.map((row) => row.kpmId) } },
      orderBy: { createdAt: 'asc' },
    });
    const referralOf = new Map(
      referrals.map((r) => [r.kpmId, { id: r.id, status: r.status as never }]),
    );
    return {
      total: Math.min(rows[0]?.total ?? 0, FAMILIES_COUNT_CAP),
      more: (rows[0]?.total ?? 0) > FAMILIES_COUNT_CAP,
      items: rows.map((row) => {
        const fit = assessFit(fitOffer, fitFamilyOf(row), today);
        if (!fit.eligible || fit.score !== row.score)
          this.logger.error(
            `fit rules disagree on family ${row.kpmId} for offer ${offer.id}: SQL ${row.score}, TS ${fit.score}/${fit.eligible}`,
          );
        return {
          family: toBrokerFamily(row),
          score: fit.score,
          reasons: fit.reasons,
          referral: referralOf.get(row.kpmId) ?? null,
        };
      }),
    };
  }
}
