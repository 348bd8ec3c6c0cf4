import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  OFFER_KINDS_BY_PARTNER,
  regionsOverlap,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type FieldError,
  type OfferInput,
  type PartnerKind,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Offer, Partner } from '../generated/prisma/client.js';
import { OfferPublisher } from './offer-publisher.js';
import { offerColumns, todayIso, toOfferView } from './offer.rows.js';

type Db = PrismaService | Tx;

/**
 * Rules idn-area-data and the partner's profile decide (the contract checked the shape).
 * Paths are the posted offer's, as the portal sent it.
 */
export function offerProblems(
  regions: RegionDirectory,
  input: OfferInput,
  partner: Pick<Partner, 'kind' | 'serviceArea'>,
): FieldError[] {
  const problems: FieldError[] = [];
  const allowed = OFFER_KINDS_BY_PARTNER[partner.kind as PartnerKind];
  if (!allowed.includes(input.kind))
    problems.push({
      path: 'kind',
      message: `a ${partner.kind} posts ${allowed.join(', ')}`,
    });
  input.eligibility.regions.forEach((code, index) => {
    const path = `eligibility.regions.${index}`;
    if (!regions.has(code)) problems.push({ path, message: 'is not a region in idn-area-data' });
    else if (!partner.serviceArea.some((area) => regionsOverlap(area, code)))
      problems.push({ path, message: 'is outside your service area' });
  });
  if (
    input.kind === 'bazaar' &&
    input.details.villageCode &&
    !regions.has(input.details.villageCode, 'village')
  )
    problems.push({
      path: 'details.villageCode',
      message: 'is not a village in idn-area-data',
    });
  if (input.validUntil < todayIso())
    problems.push({ path: 'validUntil', message: 'is in the past' });
  return problems;
}

/**
 * Partners post, edit and close offers; assistants, coordinators and the Dinas read those that
 * reach their region. Every change is published (OfferPublisher) in its transaction.
 */
@Injectable()
export class OffersHandlers {
  constructor(
    @Inject(REGIONS) private readonly regions: RegionDirectory,
    private readonly publisher: OfferPublisher,
  ) {}

  /** The posting partner, able to post: registered and not suspended. */
  private async poster(db: Db, actor: Actor): Promise<Partner> {
    if (actor.role !== 'partner')
      throw new DomainError(403, 'forbidden', 'Only partner accounts post offers');
    const partner = await db.partner.findUnique({ where: { id: actor.userId } });
    if (!partner)
      throw new DomainError(
        404,
        'not-registered',
        'Register your partner profile before posting offers',
      );
    if (partner.status === 'suspended')
      throw new DomainError(
        403,
        'partner-suspended',
        'Your partner account is suspended: offers cannot be posted',
      );
    return partner;
  }

  private async owned(tx: Tx, offerId: string, partner: Partner): Promise<Offer> {
    await tx.$executeRawUnsafe(`SELECT 1 FROM offer WHERE id = $1::uuid FOR UPDATE`, offerId);
    const offer = await tx.offer.findUnique({ where: { id: offerId } });
    if (!offer) throw new DomainError(404, 'not-found', 'No such offer');
    if (offer.partnerId !== partner.id)
      throw new DomainError(403, 'forbidden', "Another partner's offer");
    return offer;
  }

  /** Posts an offer (also the path of the older training-offer command). */
  async create(input: OfferInput, context: CommandContext<Tx>) {
    const partner = await this.poster(context.tx, context.actor);
    const problems = offerProblems(this.regions, input, partner);
    if (problems.length > 0) throw DomainError.invalid(problems);
    const offer = await context.tx.offer.create({
      data: { id: randomUUID(), partnerId: partner.id, ...offerColumns(input, partner) },
    });
    await this.publisher.publish(context, offer, partner);
    return toOfferView(offer, partner);
  }

  @HandleCommand('partners.offer.post')
  post(
    input: CommandPayload<'partners.offer.post'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.offer.post'>> {
    return this.create(input.offer, context);
  }

  @HandleCommand('partners.offer.update')
  async update(
    input: CommandPayload<'partners.offer.update'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.offer.update'>> {
    const { tx } = context;
    const partner = await this.poster(tx, context.actor);
    const existing = await this.owned(tx, input.offerId, partner);
    const problems = offerProblems(this.regions, input.offer, partner);
    if (input.offer.kind !== existing.kind)
      problems.push({
        path: 'kind',
        message: `cannot change (the offer is a ${existing.kind})`,
      });
    if (input.offer.capacity < existing.seatsTaken)
      problems.push({
        path: 'capacity',
        message: `${existing.seatsTaken} places are already taken`,
      });
    if (problems.length > 0) throw DomainError.invalid(problems);
    if (existing.status === 'closed')
      throw new DomainError(409, 'offer-closed', 'A closed offer cannot be edited');
    const offer = await tx.offer.update({
      where: { id: existing.id },
      data: offerColumns(input.offer, partner),
    });
    await this.publisher.publish(context, offer, partner);
    return toOfferView(offer, partner);
  }

  @HandleCommand('partners.offer.close')
  async close(
    input: CommandPayload<'partners.offer.close'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.offer.close'>> {
    const { tx } = context;
    const partner = await this.poster(tx, context.actor);
    const existing = await this.owned(tx, input.offerId, partner);
    if (existing.status === 'closed')
      throw new DomainError(409, 'offer-closed', 'The offer is already closed');
    const offer = await tx.offer.update({
      where: { id: existing.id },
      data: { status: 'closed', closedReason: input.reason },
    });
    await this.publisher.publish(context, offer, partner);
    return toOfferView(offer, partner);
  }

  @HandleCommand('partners.offer.list')
  async list(
    input: CommandPayload<'partners.offer.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.offer.list'>> {
    const today = todayIso();
    const ownOnly = actor.role === 'partner';
    const offers = await tx.offer.findMany({
      where: {
        ...(ownOnly
          ? { partnerId: actor.userId }
          : input.partnerId
            ? { partnerId: input.partnerId }
            : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.q ? { title: { contains: input.q, mode: 'insensitive' } } : {}),
        ...(ownOnly ? {} : { status: 'open', validUntil: { gte: new Date(`${today}T00:00:00Z`) } }),
      },
      orderBy: [{ validUntil: 'asc' }, { postedAt: 'desc' }],
      take: 500,
    });
    const partners = await this.partnersOf(tx, offers);
    const scope = input.regionCode ?? actor.regionCode;
    const views = offers
      .filter(
        (offer) => ownOnly || !scope || offer.regions.some((code) => regionsOverlap(code, scope)),
      )
      .map((offer) => toOfferView(offer, partners.get(offer.partnerId)!, today));
    // Assistants and coordinators see what they can refer to; the Dinas also what awaits verification.
    const seesAll = ownOnly || actor.role === 'dinas' || actor.role === 'admin';
    return { items: seesAll ? views : views.filter((view) => view.live) };
  }

  @HandleCommand('partners.offer.get')
  async get(
    input: CommandPayload<'partners.offer.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.offer.get'>> {
    const offer = await tx.offer.findUnique({ where: { id: input.offerId } });
    const partner = offer && (await tx.partner.findUnique({ where: { id: offer.partnerId } }));
    if (!offer || !partner) throw new DomainError(404, 'not-found', 'No such offer');
    const view = toOfferView(offer, partner);
    if (actor.role === 'partner') {
      if (offer.partnerId !== actor.userId)
        throw new DomainError(403, 'forbidden', "Another partner's offer");
      return view;
    }
    const inRegion =
      actor.regionCode === null ||
      offer.regions.some((code) => regionsOverlap(code, actor.regionCode!));
    const seesUnverified = actor.role === 'dinas' || actor.role === 'admin';
    if (!inRegion || (!view.live && !seesUnverified))
      throw new DomainError(404, 'not-found', 'No such offer open in your region');
    return view;
  }

  private async partnersOf(db: Db, offers: Offer[]): Promise<Map<string, Partner>> {
    const ids = [...new Set(offers.map((offer) => offer.partnerId))];
    const partners = await db.partner.findMany({ where: { id: { in: ids } } });
    return new Map(partners.map((partner) => [partner.id, partner]));
  }
}
