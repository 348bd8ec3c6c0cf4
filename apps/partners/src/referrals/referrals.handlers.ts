import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DELIVERED_BY,
  MARKET_KINDS,
  PLACE_HOLDING,
  REFERRAL_ANSWER_WORKING_DAYS,
  REFERRAL_TRANSITIONS,
  isWithinRegion,
  SYSTEM_ACTOR,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type EventEnvelope,
  type OfferKind,
  type ReferralStatus,
  type CapitalReferralOutcomeV1,
  type CapitalReferralOutcomeV2,
  type KpmConsentWithdrawnV1,
  type CapitalStatus,
  type TrainingCompletedV1,
  type TrainingEnrolledV1,
} from '@jembatan/contracts';
import {
  DomainError,
  HandleCommand,
  OnEvent,
  OutboxWriter,
  type CommandContext,
} from '@jembatan/messaging';
import { assertCanManage, canManage } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Offer, Referral } from '../generated/prisma/client.js';
import { assessFit } from '../broker/fit.js';
import { fitFamilyOf } from '../broker/family-profile.js';
import { requireLiveOffer } from '../offers/live-offer.js';
import { fitOfferOf } from '../offers/offer.rows.js';
import { toReferralView } from './referral.views.js';

const DAY_MS = 24 * 60 * 60 * 1000;

type Db = PrismaService | Tx;

/** The partner's track-record counter each outcome moves. */
const RECORD_COLUMN: Partial<Record<ReferralStatus, string>> = {
  accepted: 'accepted',
  declined: 'declined',
  completed: 'completed',
};

/** A capital referral's move and the partners statuses it leads through. */
const CAPITAL_PATH: Partial<Record<CapitalStatus, ReferralStatus[]>> = {
  acknowledged: ['accepted'],
  'survey-scheduled': ['accepted'],
  surveyed: ['accepted'],
  approved: ['accepted'],
  rejected: ['declined'],
  disbursed: ['accepted', 'completed'],
  withdrawn: ['withdrawn'],
};

/** The track-record counter a wizard referral's move adds to (broker ones count in move()). */
const CAPITAL_RECORD_COLUMN: Partial<Record<CapitalStatus, string>> = {
  acknowledged: 'accepted',
  rejected: 'declined',
  disbursed: 'completed',
  completed: 'repaid',
};

/** Decisions and the status they lead to. */
const DECISION_STATUS = {
  accept: 'accepted',
  decline: 'declined',
  complete: 'completed',
  withdraw: 'withdrawn',
} as const;

/**
 * Referrals from the broker: created with the family's consent when every eligibility rule
 * holds and a place is left; trainings and capital are handed to the service that delivers
 * them (its events move the referral on), market slots, buyers and tutoring are answered
 * here by the partner. Every status change is logged and published.
 */
@Injectable()
export class ReferralsHandlers {
  constructor(private readonly outbox: OutboxWriter) {}

  private async views(db: Db, referrals: Referral[]) {
    const ids = referrals.map((r) => r.id);
    const [offers, families, products, sales] = await Promise.all([
      db.offer.findMany({
        where: { id: { in: [...new Set(referrals.map((r) => r.offerId))] } },
        select: { id: true, title: true, partnerName: true },
      }),
      db.familyProfile.findMany({ where: { kpmId: { in: referrals.map((r) => r.kpmId) } } }),
      db.product.findMany({ where: { id: { in: referrals.flatMap((r) => r.productIds) } } }),
      db.referralSale.groupBy({
        by: ['referralId'],
        where: { referralId: { in: ids } },
        _sum: { quantity: true, amount: true },
      }),
    ]);
    const offerById = new Map(offers.map((offer) => [offer.id, offer]));
    const familyById = new Map(families.map((family) => [family.kpmId, family]));
    const productById = new Map(products.map((product) => [product.id, product]));
    const salesOf = new Map(
      sales.map((s) => [
        s.referralId,
        { quantity: s._sum.quantity ?? 0, amount: Number(s._sum.amount ?? 0) },
      ]),
    );
    return referrals.map((r) =>
      toReferralView(r, offerById.get(r.offerId)!, familyById.get(r.kpmId) ?? null, {
        products: r.productIds.map((id) => productById.get(id)).filter((p) => p !== undefined),
        sales: salesOf.get(r.id) ?? { quantity: 0, amount: 0 },
      }),
    );
  }

  /**
   * The products a market referral offers: given for bazaars and buyers (and only there), the
   * family's own, and for a buyer each carrying every certificate it asks for.
   */
  private async marketProducts(
    tx: Tx,
    offer: Offer,
    kpmId: string,
    productIds: string[] | undefined,
  ): Promise<string[]> {
    const isMarket = MARKET_KINDS.includes(offer.kind as OfferKind);
    if (!isMarket) {
      if (productIds)
        throw DomainError.invalid([
          { path: 'productIds', message: `a ${offer.kind} referral takes no products` },
        ]);
      return [];
    }
    if (!productIds)
      throw DomainError.invalid([{ path: 'productIds', message: 'choose the products to offer' }]);
    const products = await tx.product.findMany({ where: { id: { in: productIds }, kpmId } });
    const byId = new Map(products.map((p) => [p.id, p]));
    const needs =
      offer.kind === 'buyer-demand'
        ? ((offer.details as { qualityNeeds?: string[] }).qualityNeeds ?? [])
        : [];
    const problems = productIds.flatMap((id, index) => {
      const product = byId.get(id);
      if (!product)
        return [{ path: `productIds.${index}`, message: "is not one of the family's products" }];
      const missing = needs.filter((label) => !product.labels.includes(label));
      return missing.length > 0
        ? [
            {
              path: `productIds.${index}`,
              message: `${product.name} lacks what the buyer requires: ${missing.join(', ')}`,
            },
          ]
        : [];
    });
    if (problems.some((p) => p.message.includes('lacks')))
      throw new DomainError(
        422,
        'quality-needs-not-met',
        "A product does not meet the buyer's quality needs",
        problems,
      );
    if (problems.length > 0) throw DomainError.invalid(problems);
    return productIds;
  }

  @HandleCommand('partners.referral.create')
  async create(
    input: CommandPayload<'partners.referral.create'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.referral.create'>> {
    const { actor, tx } = context;
    if (actor.role === 'partner' || actor.role === 'dinas')
      throw new DomainError(
        403,
        'forbidden',
        "Families are referred by their assistant or the region's coordinator",
      );
    const { offer, partner, today } = await requireLiveOffer(tx, input.offerId, { lock: true });
    const profile = await tx.familyProfile.findUnique({ where: { kpmId: input.kpmId } });
    if (!profile) throw new DomainError(404, 'not-found', 'No such family');
    assertCanManage(actor, profile);

    const fit = assessFit(fitOfferOf(offer), fitFamilyOf(profile), today);
    const failed = fit.reasons.filter((reason) => reason.blocking && !reason.met);
    if (failed.some((reason) => reason.code === 'capacity'))
      throw new DomainError(409, 'offer-full', 'Every place of this offer is taken');
    if (failed.length > 0)
      throw new DomainError(
        422,
        'not-eligible',
        `The family does not meet the offer's rules: ${failed.map((r) => r.code).join(', ')}`,
        failed.map((reason) => ({
          path: `eligibility.${reason.code}`,
          message: `family: ${reason.params.family ?? 'none'}; required: ${reason.params.required ?? 'yes'}`,
        })),
      );
    const productIds = await this.marketProducts(tx, offer, profile.kpmId, input.productIds);
    const open = await tx.referral.findFirst({
      where: { offerId: offer.id, kpmId: profile.kpmId, status: { in: [...PLACE_HOLDING] } },
    });
    if (open)
      throw new DomainError(
        409,
        'already-referred',
        'This family is already referred to this offer',
      );

    const now = new Date();
    const referral = await tx.referral.create({
      data: {
        id: randomUUID(),
        offerId: offer.id,
        partnerId: offer.partnerId,
        kpmId: profile.kpmId,
        assistantId: profile.assistantId,
        villageCode: profile.villageCode,
        kind: offer.kind,
        deliveredBy: DELIVERED_BY[offer.kind as keyof typeof DELIVERED_BY],
        status: 'referred',
        note: input.note ?? null,
        productIds,
        consentGivenBy: input.consentGivenBy,
        consentGivenAt: now,
      },
    });
    await tx.offer.update({ where: { id: offer.id }, data: { seatsTaken: { increment: 1 } } });
    await tx.partner.update({ where: { id: partner.id }, data: { referrals: { increment: 1 } } });
    await tx.referralChange.create({
      data: {
        referralId: referral.id,
        fromStatus: null,
        toStatus: 'referred',
        reason: input.note ?? null,
        actorId: actor.userId,
        actorRole: actor.role,
      },
    });
    await context.emit({
      type: 'referral.created',
      version: 1,
      aggregateId: referral.id,
      payload: {
        referralId: referral.id,
        offerId: offer.id,
        offerKind: referral.kind as never,
        partnerId: referral.partnerId,
        kpmId: referral.kpmId,
        assistantId: referral.assistantId,
        consentGivenBy: referral.consentGivenBy,
        consentGivenAt: now.toISOString(),
        note: referral.note,
        createdAt: referral.createdAt.toISOString(),
      },
    });
    const [view] = await this.views(tx, [referral]);
    return view!;
  }

  /** Moves a referral along (legal moves only), keeping places, track record and log in step. */
  private async move(
    tx: Tx,
    referral: Referral,
    to: ReferralStatus,
    actor: Actor,
    correlationId: string,
    reason: string | null,
    deliveryRef?: string,
  ): Promise<Referral> {
    const from = referral.status as ReferralStatus;
    if (!REFERRAL_TRANSITIONS[from].includes(to))
      throw new DomainError(409, 'illegal-transition', `A ${from} referral cannot become ${to}`);
    const updated = await tx.referral.update({
      where: { id: referral.id },
      data: { status: to, reason, ...(deliveryRef ? { deliveryRef } : {}) },
    });
    if (PLACE_HOLDING.includes(from) && !PLACE_HOLDING.includes(to))
      await tx.offer.update({
        where: { id: referral.offerId },
        data: { seatsTaken: { decrement: 1 } },
      });
    const column = RECORD_COLUMN[to];
    if (column)
      await tx.$executeRawUnsafe(
        `UPDATE partner SET ${column} = ${column} + 1 WHERE id = $1`,
        referral.partnerId,
      );
    await tx.referralChange.create({
      data: {
        referralId: referral.id,
        fromStatus: from,
        toStatus: to,
        reason,
        actorId: actor.userId,
        actorRole: actor.role,
      },
    });
    await this.outbox.append(
      tx,
      {
        type: 'referral.status-changed',
        version: 1,
        aggregateId: referral.id,
        payload: {
          referralId: referral.id,
          offerId: referral.offerId,
          offerKind: referral.kind as never,
          partnerId: referral.partnerId,
          kpmId: referral.kpmId,
          assistantId: referral.assistantId,
          from,
          to,
          reason,
          changedAt: updated.updatedAt.toISOString(),
        },
      },
      { actor, correlationId },
    );
    return updated;
  }

  /** The referral for a reader who may act on or read it; 403 for anyone else's. */
  private async readable(
    db: Db,
    referralId: string,
    actor: Actor,
    lock = false,
  ): Promise<Referral> {
    if (lock)
      await (db as Tx).$executeRawUnsafe(
        `SELECT 1 FROM referral WHERE id = $1::uuid FOR UPDATE`,
        referralId,
      );
    const referral = await db.referral.findUnique({ where: { id: referralId } });
    if (!referral) throw new DomainError(404, 'not-found', 'No such referral');
    const allowed =
      actor.role === 'partner'
        ? referral.partnerId === actor.userId
        : actor.role === 'assistant'
          ? referral.assistantId === actor.userId
          : actor.regionCode === null || isWithinRegion(referral.villageCode, actor.regionCode);
    if (!allowed)
      throw new DomainError(
        403,
        'forbidden',
        actor.role === 'partner'
          ? 'This referral is addressed to another partner'
          : 'Not your referral',
      );
    return referral;
  }

  @HandleCommand('partners.referral.get')
  async get(
    input: CommandPayload<'partners.referral.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.referral.get'>> {
    const referral = await this.readable(tx, input.referralId, actor);
    const [[view], changes] = await Promise.all([
      this.views(tx, [referral]),
      tx.referralChange.findMany({ where: { referralId: referral.id }, orderBy: { id: 'asc' } }),
    ]);
    // A partner reads its own steps' reasons, not why the assistant or family acted.
    const partner = actor.role === 'partner';
    return {
      ...view!,
      history: changes.map((c) => ({
        from: c.fromStatus as ReferralStatus | null,
        to: c.toStatus as ReferralStatus,
        reason: partner && c.actorRole !== 'partner' ? null : c.reason,
        actorRole: c.actorRole,
        at: c.changedAt.toISOString(),
      })),
    };
  }

  @HandleCommand('partners.referral.list')
  async list(
    input: CommandPayload<'partners.referral.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.referral.list'>> {
    const scope =
      actor.role === 'partner'
        ? { partnerId: actor.userId }
        : actor.role === 'assistant'
          ? { assistantId: actor.userId }
          : actor.regionCode === null
            ? {}
            : {
                OR: [
                  { villageCode: actor.regionCode },
                  { villageCode: { startsWith: `${actor.regionCode}.` } },
                ],
              };
    // Five working days are at least five calendar days: only older waiting referrals can be late.
    const lateCandidates = input.overdue
      ? {
          status: 'referred',
          deliveredBy: { not: 'microcredit' },
          createdAt: { lt: new Date(Date.now() - REFERRAL_ANSWER_WORKING_DAYS * DAY_MS) },
        }
      : {};
    const referrals = await tx.referral.findMany({
      where: {
        ...scope,
        ...(input.status ? { status: input.status } : {}),
        ...(input.offerId ? { offerId: input.offerId } : {}),
        ...(input.kpmId ? { kpmId: input.kpmId } : {}),
        ...lateCandidates,
      },
      orderBy: { createdAt: 'desc' },
      take: 500,
    });
    const items = await this.views(tx, referrals);
    return {
      items: input.overdue === undefined ? items : items.filter((r) => r.overdue === input.overdue),
    };
  }

  @HandleCommand('partners.referral.decide')
  async decide(
    input: CommandPayload<'partners.referral.decide'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.referral.decide'>> {
    const { actor, tx } = context;
    const referral = await this.readable(tx, input.referralId, actor, true);
    const { decision, reason } = input.body;
    if (decision === 'withdraw') {
      if (!canManage(actor, referral))
        throw new DomainError(
          403,
          'forbidden',
          "Only the family's assistant or coordinator withdraws a referral",
        );
    } else {
      if (actor.role !== 'partner')
        throw new DomainError(
          403,
          'forbidden',
          'The partner the family was referred to answers the referral',
        );
      if (referral.deliveredBy !== 'partners')
        throw new DomainError(
          409,
          'delivered-elsewhere',
          `This referral is answered in the ${referral.deliveredBy} service`,
        );
    }
    const updated = await this.move(
      tx,
      referral,
      DECISION_STATUS[decision],
      actor,
      context.correlationId,
      reason ?? null,
    );
    const [view] = await this.views(tx, [updated]);
    return view!;
  }

  /** Sales after a bazaar or a buyer's delivery: the assistant or the partner reports them. */
  @HandleCommand('partners.referral.sale')
  async sale(
    input: CommandPayload<'partners.referral.sale'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'partners.referral.sale'>> {
    const { actor, tx } = context;
    const referral = await this.readable(tx, input.referralId, actor, true);
    if (actor.role !== 'partner' && !canManage(actor, referral))
      throw new DomainError(
        403,
        'forbidden',
        "Sales are reported by the family's assistant or the partner",
      );
    if (!MARKET_KINDS.includes(referral.kind as OfferKind))
      throw new DomainError(
        409,
        'not-a-market-referral',
        'Sales are reported for bazaar slots and buyers only',
      );
    if (referral.status !== 'accepted' && referral.status !== 'completed')
      throw new DomainError(409, 'not-accepted', 'Sales follow a referral the partner accepted');
    if (
      input.soldOn > new Date().toISOString().slice(0, 10) ||
      input.soldOn < referral.createdAt.toISOString().slice(0, 10)
    )
      throw DomainError.invalid([
        { path: 'soldOn', message: 'must be between the referral and today' },
      ]);
    await tx.referralSale.create({
      data: {
        id: randomUUID(),
        referralId: referral.id,
        soldOn: new Date(`${input.soldOn}T00:00:00Z`),
        quantity: input.quantity,
        amount: BigInt(input.amount),
        reportedBy: actor.userId,
      },
    });
    const [view] = await this.views(tx, [referral]);
    return view!;
  }

  // ---- Outcomes reported by the delivering services ----

  /** Training accepted the nomination a referral became: the referral is accepted. */
  @OnEvent('training.enrolled', 1)
  async onEnrolled(event: EventEnvelope<TrainingEnrolledV1>, tx: Tx): Promise<void> {
    const { offerId, kpmId, enrolmentId } = event.payload;
    const referral = await tx.referral.findFirst({ where: { offerId, kpmId, status: 'referred' } });
    if (!referral) return; // nominated in the training service directly, not through the broker
    await this.move(
      tx,
      referral,
      'accepted',
      event.actor ?? SYSTEM_ACTOR,
      event.correlationId,
      null,
      enrolmentId,
    );
  }

  /**
   * Microcredit's word on a loan or grant a referral led to: kept on the referral for the
   * funder's impact; the first repayment in full counts in the lender's track record.
   */
  @OnEvent('capital-referral.outcome-recorded', 1)
  async onCapitalOutcome(event: EventEnvelope<CapitalReferralOutcomeV1>, tx: Tx): Promise<void> {
    const { referralId, outcome, recordedAt } = event.payload;
    const referral = await tx.referral.findUnique({ where: { id: referralId } });
    // Referred in microcredit directly, or an older outcome arriving after a newer one.
    if (!referral || (referral.outcomeAt && referral.outcomeAt >= new Date(recordedAt))) return;
    await tx.referral.update({
      where: { id: referral.id },
      data: { outcome, outcomeAt: new Date(recordedAt) },
    });
    if (outcome === 'repaid' && referral.outcome !== 'repaid')
      await tx.partner.update({
        where: { id: referral.partnerId },
        data: { repaid: { increment: 1 } },
      });
  }

  /**
   * Microcredit v2: every move of a capital referral. A broker referral follows it (the lender
   * acknowledged: accepted; rejected: declined; money out: completed; withdrawn) and keeps
   * its outcome; one made in the capital wizard is not a referral here, but still counts in
   * the lender's track record. A move that is no longer possible here (it arrived twice under
   * two ids, or after a newer one) changes nothing.
   */
  @OnEvent('capital-referral.outcome-recorded', 2)
  async onCapitalMove(event: EventEnvelope<CapitalReferralOutcomeV2>, tx: Tx): Promise<void> {
    const move = event.payload;
    const referral = await tx.referral.findUnique({ where: { id: move.referralId } });
    if (!referral) {
      const column = CAPITAL_RECORD_COLUMN[move.status];
      // A grant completed is not a repayment.
      if (column && !(column === 'repaid' && move.kind !== 'loan'))
        await tx.$executeRawUnsafe(
          `UPDATE partner SET ${column} = ${column} + 1 WHERE id = $1`,
          move.partnerId,
        );
      return;
    }
    const at = new Date(move.recordedAt);
    if (move.outcome !== null && !(referral.outcomeAt && referral.outcomeAt >= at)) {
      await tx.referral.update({
        where: { id: referral.id },
        data: { outcome: move.outcome, outcomeAt: at },
      });
      if (move.outcome === 'repaid' && referral.outcome !== 'repaid')
        await tx.partner.update({
          where: { id: referral.partnerId },
          data: { repaid: { increment: 1 } },
        });
    }
    const actor = event.actor ?? SYSTEM_ACTOR;
    let current = referral;
    for (const to of CAPITAL_PATH[move.status] ?? []) {
      if (!REFERRAL_TRANSITIONS[current.status as ReferralStatus].includes(to)) continue;
      current = await this.move(tx, current, to, actor, event.correlationId, move.reason);
    }
  }

  /**
   * The family withdrew its consent (recorded in caseload): every referral still open ends, so
   * no partner goes on working with its data. Finished ones stay as history.
   */
  @OnEvent('kpm.consent-withdrawn', 1)
  async onConsentWithdrawn(event: EventEnvelope<KpmConsentWithdrawnV1>, tx: Tx): Promise<void> {
    const open = await tx.referral.findMany({
      where: { kpmId: event.payload.kpmId, status: { in: ['referred', 'accepted'] } },
    });
    for (const referral of open)
      await this.move(
        tx,
        referral,
        'withdrawn',
        event.actor ?? SYSTEM_ACTOR,
        event.correlationId,
        'the family withdrew its consent',
      );
  }

  @OnEvent('training.completed', 1)
  async onCompleted(event: EventEnvelope<TrainingCompletedV1>, tx: Tx): Promise<void> {
    const referral = await tx.referral.findFirst({
      where: { deliveryRef: event.payload.enrolmentId, status: 'accepted' },
    });
    if (!referral) return;
    await this.move(
      tx,
      referral,
      'completed',
      event.actor ?? SYSTEM_ACTOR,
      event.correlationId,
      null,
    );
  }
}
