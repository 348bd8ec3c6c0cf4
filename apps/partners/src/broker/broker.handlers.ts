import { Injectable, Logger } from '@nestjs/common';
import {
  isWithinRegion,
  regionAncestry,
  regionsOverlap,
  type CommandPayload,
  type CommandResponse,
  type RankedOffer,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { assertCanRead } from '@jembatan/service-kit';
import type { PrismaService } from '../database/prisma.service.js';
import type { FamilyProfile } from '../generated/prisma/client.js';
import { fitOfferOf, todayIso, toOfferView } from '../offers/offer.rows.js';
import { familiesForOfferQuery, type FamilyScopeFilter } from './families-for-offer.query.js';
import { fitFamilyOf, toBrokerFamily } from './family-profile.js';
import { assessFit, byFit } from './fit.js';

/** Live offers reaching a village, with only what ranking needs (10,000 rows stay light). */
const CANDIDATES = `
  SELECT o.id, o.kind, o.capacity, o.seats_taken AS "seatsTaken", o.regions,
         o.business_kinds AS "businessKinds", o.min_business_months AS "minBusinessMonths",
         o.stages, o.prior_training AS "priorTraining", o.place_village_code AS "placeVillageCode",
         to_char(o.valid_until, 'YYYY-MM-DD') AS "validUntil",
         jsonb_build_object('amountMin', o.details->'amountMin', 'amountMax', o.details->'amountMax') AS details
  FROM offer o JOIN partner p ON p.id = o.partner_id AND p.status = 'verified'
  WHERE o.status = 'open' AND o.valid_from <= $1::date AND o.valid_until >= $1::date
    AND o.regions && $2::text[] AND ($3::text IS NULL OR o.kind = $3::text)`;

type Candidate = Parameters<typeof fitOfferOf>[0] & { id: string; validUntil: string };

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
    const candidates = await tx.$queryRawUnsafe<Candidate[]>(
      CANDIDATES,
      today,
      regionAncestry(profile.villageCode),
      input.kind ?? null,
    );
    const family = fitFamilyOf(profile);
    const ranked = candidates
      .map((candidate) => ({
        id: candidate.id,
        validUntil: candidate.validUntil,
        fit: assessFit(fitOfferOf(candidate), family, today),
      }))
      .sort(byFit);
    const page = ranked.slice(0, input.limit);
    const offers = await tx.offer.findMany({
      where: { id: { in: page.map((entry) => entry.id) } },
    });
    const partners = await tx.partner.findMany({
      where: { id: { in: [...new Set(offers.map((o) => o.partnerId))] } },
    });
    const offerById = new Map(offers.map((offer) => [offer.id, offer]));
    const partnerById = new Map(partners.map((partner) => [partner.id, partner]));
    const items: RankedOffer[] = page.map(({ id, fit }) => {
      const offer = offerById.get(id)!;
      return { offer: toOfferView(offer, partnerById.get(offer.partnerId)!, today), ...fit };
    });
    return {
      family: toBrokerFamily(profile),
      live: ranked.length,
      eligible: ranked.filter((entry) => entry.fit.eligible).length,
      items,
    };
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
    const offer = await tx.offer.findUnique({ where: { id: input.offerId } });
    const partner = offer && (await tx.partner.findUnique({ where: { id: offer.partnerId } }));
    const inRegion = (o: { regions: string[] }) =>
      actor.regionCode === null ||
      o.regions.some((code) => regionsOverlap(code, actor.regionCode!));
    if (!offer || !partner || !inRegion(offer))
      throw new DomainError(404, 'not-found', 'No such offer in your region');
    const today = todayIso();
    if (!toOfferView(offer, partner, today).live)
      throw new DomainError(
        409,
        'offer-not-live',
        'The offer is closed, out of date or its partner is not verified',
      );

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
      total: rows[0]?.total ?? 0,
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
