import { Inject, Injectable } from '@nestjs/common';
import {
  regionsOverlap,
  type CommandPayload,
  type CommandResponse,
  type EventEnvelope,
  type PartnerDecision,
  type PartnerRegisteredV1,
  type PartnerStatus,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, OnEvent, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS, partnerProfileProblems } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Partner } from '../generated/prisma/client.js';
import { OfferPublisher } from '../offers/offer-publisher.js';
import { todayIso, dateOf } from '../offers/offer.rows.js';
import { canDecidePartner, canSeePartner, servesActorsRegion } from './partner.access.js';
import { profileColumns, toPartnerView } from './partner.views.js';

type Db = PrismaService | Tx;

/** What each decision does, from which statuses. */
const DECISIONS: Record<PartnerDecision, { from: PartnerStatus[]; to: PartnerStatus }> = {
  verify: { from: ['pending'], to: 'verified' },
  suspend: { from: ['pending', 'verified'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'verified' },
};

/**
 * The partner registry: profiles arrive with the account the gateway created (self-registered
 * partners wait as pending), partners keep their profile, the Dinas verifies, suspends and
 * reinstates them (every decision logged) and only verified partners' offers go live.
 */
@Injectable()
export class RegistryHandlers {
  constructor(
    @Inject(REGIONS) private readonly regions: RegionDirectory,
    private readonly offers: OfferPublisher,
  ) {}

  @OnEvent('partner.registered', 1)
  async onRegistered(event: EventEnvelope<PartnerRegisteredV1>, tx: Tx): Promise<void> {
    const { accountId, profile, status, registeredAt } = event.payload;
    // Already known: a redelivery, or the demo seed run again. The partner's own edits win.
    const existing = await tx.partner.findUnique({ where: { id: accountId } });
    if (existing) return;
    const at = new Date(registeredAt);
    await tx.partner.create({
      data: {
        id: accountId,
        ...profileColumns(profile),
        status,
        registeredAt: at,
        verifiedAt: status === 'verified' ? at : null,
      },
    });
    await tx.partnerDecisionLog.create({
      data: {
        partnerId: accountId,
        decision: 'register',
        fromStatus: 'none',
        toStatus: status,
        reason: status === 'verified' ? 'created by an administrator' : 'self-registration',
        actorId: event.actor?.userId ?? accountId,
        actorRole: event.actor?.role ?? 'partner',
      },
    });
  }

  private async liveOffers(db: Db, partnerIds: string[]): Promise<Map<string, number>> {
    const today = dateOf(todayIso());
    const rows = await db.offer.groupBy({
      by: ['partnerId'],
      where: {
        partnerId: { in: partnerIds },
        status: 'open',
        validFrom: { lte: today },
        validUntil: { gte: today },
      },
      _count: true,
    });
    return new Map(rows.map((row) => [row.partnerId, row._count]));
  }

  private async view(db: Db, partner: Partner) {
    const live =
      partner.status === 'verified'
        ? ((await this.liveOffers(db, [partner.id])).get(partner.id) ?? 0)
        : 0;
    return toPartnerView(partner, live);
  }

  @HandleCommand('partners.partner.get')
  async get(
    input: CommandPayload<'partners.partner.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.partner.get'>> {
    const id = input.partnerId ?? (actor.role === 'partner' ? actor.userId : undefined);
    if (!id) throw DomainError.invalid([{ path: 'partnerId', message: 'is required' }]);
    const partner = await tx.partner.findUnique({ where: { id } });
    if (!partner) {
      if (id === actor.userId)
        throw new DomainError(404, 'not-registered', 'Your partner profile is not registered yet');
      throw new DomainError(404, 'not-found', 'No such partner');
    }
    if (!canSeePartner(actor, partner)) {
      if (actor.role === 'partner')
        throw new DomainError(403, 'forbidden', 'Partners see only their own profile');
      throw new DomainError(404, 'not-found', 'No such partner (or not verified in your region)');
    }
    return this.view(tx, partner);
  }

  @HandleCommand('partners.partner.list')
  async list(
    input: CommandPayload<'partners.partner.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.partner.list'>> {
    if (actor.role === 'partner')
      throw new DomainError(403, 'forbidden', 'The directory is for assistants and the Dinas');
    const seesUnverified = actor.role === 'dinas' || actor.role === 'admin';
    if (input.status && input.status !== 'verified' && !seesUnverified)
      throw new DomainError(403, 'forbidden', 'Only the Dinas sees partners awaiting verification');
    const status = input.status ?? (seesUnverified ? undefined : 'verified');
    const partners = await tx.partner.findMany({
      where: {
        ...(status ? { status } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.q
          ? {
              OR: [
                { name: { contains: input.q, mode: 'insensitive' } },
                { description: { contains: input.q, mode: 'insensitive' } },
              ],
            }
          : {}),
      },
      orderBy: { name: 'asc' },
      take: 2000,
    });
    const visible = partners.filter(
      (partner) =>
        canSeePartner(actor, partner) &&
        (!input.regionCode ||
          [...partner.serviceArea, partner.villageCode].some((code) =>
            regionsOverlap(code, input.regionCode!),
          )),
    );
    const live = await this.liveOffers(
      tx,
      visible.map((partner) => partner.id),
    );
    return {
      items: visible.map((partner) =>
        toPartnerView(partner, partner.status === 'verified' ? (live.get(partner.id) ?? 0) : 0),
      ),
    };
  }

  @HandleCommand('partners.partner.update')
  async update(
    input: CommandPayload<'partners.partner.update'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.partner.update'>> {
    const { actor, tx } = context;
    if (actor.role !== 'partner')
      throw new DomainError(403, 'forbidden', 'Partners edit their own profile');
    const problems = partnerProfileProblems(this.regions, input.profile, '');
    if (problems.length > 0) throw DomainError.invalid(problems);
    const existing = await tx.partner.findUnique({ where: { id: actor.userId } });
    if (!existing)
      throw new DomainError(404, 'not-registered', 'Your partner profile is not registered yet');
    const partner = await tx.partner.update({
      where: { id: actor.userId },
      data: profileColumns(input.profile),
    });
    // Offers carry the partner's name and place: republish them.
    if (partner.name !== existing.name || partner.villageCode !== existing.villageCode) {
      await tx.offer.updateMany({
        where: { partnerId: partner.id },
        data: { partnerName: partner.name },
      });
      await this.offers.publishAllOf(context, partner);
    }
    return this.view(tx, partner);
  }

  @HandleCommand('partners.partner.decide')
  async decide(
    input: CommandPayload<'partners.partner.decide'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.partner.decide'>> {
    const { actor, tx } = context;
    if (actor.role !== 'dinas' && actor.role !== 'admin')
      throw new DomainError(403, 'forbidden', 'Only the Dinas Sosial verifies partners');
    await tx.$executeRawUnsafe(`SELECT 1 FROM partner WHERE id = $1 FOR UPDATE`, input.partnerId);
    const partner = await tx.partner.findUnique({ where: { id: input.partnerId } });
    if (!partner || !servesActorsRegion(actor, partner))
      throw new DomainError(404, 'not-found', 'No such partner in your region');
    if (!canDecidePartner(actor, partner))
      throw new DomainError(403, 'forbidden', 'Not your region');
    const { decision, reason } = input.body;
    const rule = DECISIONS[decision];
    if (!rule.from.includes(partner.status as PartnerStatus))
      throw new DomainError(
        409,
        'illegal-transition',
        `A ${partner.status} partner cannot be given "${decision}"`,
      );
    const now = new Date();
    const updated = await tx.partner.update({
      where: { id: partner.id },
      data: {
        status: rule.to,
        statusReason: reason ?? null,
        ...(rule.to === 'verified' ? { verifiedAt: now } : {}),
      },
    });
    await tx.partnerDecisionLog.create({
      data: {
        partnerId: partner.id,
        decision,
        fromStatus: partner.status,
        toStatus: rule.to,
        reason: reason ?? null,
        actorId: actor.userId,
        actorRole: actor.role,
        decidedAt: now,
      },
    });
    await this.offers.publishAllOf(context, updated);
    return this.view(tx, updated);
  }
}
