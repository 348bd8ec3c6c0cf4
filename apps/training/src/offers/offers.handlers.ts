import { Injectable } from '@nestjs/common';
import {
  COMPLETION_ATTENDANCE,
  SEAT_HOLDING,
  isWithinRegion,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type EventEnvelope,
  type FieldError,
  type OfferPublishedV1,
  type TrainingOfferPostedV1,
  type TrainingPrerequisites,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, OnEvent, type CommandContext } from '@jembatan/messaging';
import { canManage } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { DirectoryRepository, type Db } from '../directory/directory.repository.js';
import type { TrainingOffer } from '../generated/prisma/client.js';
import { dateOf, isoDay, todayIso } from '../common/dates.js';
import { lockRow } from '../common/locks.js';
import { certificatePdf } from './certificate.js';
import { assertOwnsOffer, canSeeNomination, canSeeOffer } from './offer.access.js';
import { toNominationView, toOfferView } from './nomination.views.js';
import { unmetPrerequisites } from './prerequisites.js';
import { freeSeat, placeNomination } from './nomination.place.js';

const WITH_ATTENDANCE = { attendance: true } as const;
const today = () => dateOf(todayIso());

/**
 * Delivering partners' trainings: offers arrive from the partners service; assistants
 * nominate families (seat while there is one, waitlist after, prerequisites checked);
 * the partner accepts or declines, takes attendance and completes; the family gets a
 * certificate and caseload hears `training.enrolled` and `training.completed`.
 */
@Injectable()
export class OffersHandlers {
  constructor(private readonly directory: DirectoryRepository) {}

  @OnEvent('training-offer.posted', 1)
  async onOfferPosted(event: EventEnvelope<TrainingOfferPostedV1>, tx: Tx): Promise<void> {
    const o = event.payload;
    const data = {
      partnerId: o.partnerId,
      partnerName: o.partnerName,
      title: o.title,
      description: o.description,
      regionCode: o.regionCode,
      place: o.place,
      startsOn: dateOf(o.startsOn),
      endsOn: dateOf(o.endsOn),
      meetings: o.meetings,
      capacity: o.capacity,
      prerequisites: o.prerequisites,
      postedAt: new Date(o.postedAt),
    };
    await tx.trainingOffer.upsert({
      where: { id: o.offerId },
      create: { id: o.offerId, ...data },
      update: data,
    });
  }

  /**
   * The partners service's word on the offer after any change to it or its partner: while the
   * partner is suspended or the offer closed (not live), no new family is nominated.
   */
  @OnEvent('offer.published', 1)
  async onOfferPublished(event: EventEnvelope<OfferPublishedV1>, tx: Tx): Promise<void> {
    const { offer } = event.payload;
    if (offer.kind !== 'training') return;
    // A training not delivered here yet (never live) has no row: nothing to hold back.
    await tx.trainingOffer.updateMany({
      where: { id: offer.id },
      data: { acceptsNominations: offer.live },
    });
  }

  private async counts(db: Db, offerIds: string[]) {
    const rows = await db.nomination.groupBy({
      by: ['offerId', 'status'],
      where: { offerId: { in: offerIds } },
      _count: true,
    });
    const total = (offerId: string, holds: (status: string) => boolean) =>
      rows
        .filter((r) => r.offerId === offerId && holds(r.status))
        .reduce((sum, r) => sum + r._count, 0);
    return (offerId: string) => ({
      seatsTaken: total(offerId, (status) => SEAT_HOLDING.includes(status as never)),
      waitlisted: total(offerId, (status) => status === 'waitlisted'),
      awaitingAnswer: total(offerId, (status) => status === 'nominated'),
    });
  }

  private async offer(db: Db, offerId: string, actor: Actor, lock = false): Promise<TrainingOffer> {
    if (lock) await lockRow(db as Tx, 'training_offer', offerId);
    const offer = await db.trainingOffer.findUnique({ where: { id: offerId } });
    if (!offer || !canSeeOffer(actor, offer))
      throw new DomainError(404, 'not-found', 'No such training (or not offered in your region)');
    return offer;
  }

  /** The nomination's 1-based place in its offer's waitlist. */
  private async waitlistPosition(
    db: Db,
    nomination: { offerId: string; status: string; queuedAt: Date },
  ) {
    if (nomination.status !== 'waitlisted') return null;
    const ahead = await db.nomination.count({
      where: {
        offerId: nomination.offerId,
        status: 'waitlisted',
        queuedAt: { lt: nomination.queuedAt },
      },
    });
    return ahead + 1;
  }

  private async nominationView(db: Db, nominationId: string) {
    const nomination = await db.nomination.findUniqueOrThrow({
      where: { id: nominationId },
      include: WITH_ATTENDANCE,
    });
    return toNominationView(nomination, await this.waitlistPosition(db, nomination));
  }

  @HandleCommand('training.offer.list')
  async list(
    input: CommandPayload<'training.offer.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.offer.list'>> {
    const offers = await tx.trainingOffer.findMany({
      where: {
        ...(input.includePast ? {} : { endsOn: { gte: today() } }),
        // Partners see their own offers whatever their state; staff only those still open.
        ...(actor.role === 'partner'
          ? { partnerId: actor.userId }
          : input.includePast
            ? {}
            : { acceptsNominations: true }),
      },
      orderBy: [{ startsOn: 'asc' }, { title: 'asc' }],
      take: 2000,
    });
    const visible = offers.filter((o) => canSeeOffer(actor, o)).slice(0, 500);
    const countsOf = await this.counts(
      tx,
      visible.map((o) => o.id),
    );
    return { items: visible.map((o) => toOfferView(o, countsOf(o.id))) };
  }

  @HandleCommand('training.offer.get')
  async get(
    input: CommandPayload<'training.offer.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.offer.get'>> {
    const offer = await this.offer(tx, input.offerId, actor);
    const nominations = await tx.nomination.findMany({
      where: { offerId: offer.id },
      orderBy: [{ queuedAt: 'asc' }],
      include: WITH_ATTENDANCE,
    });
    let position = 0;
    const views = nominations.map((n) =>
      toNominationView(n, n.status === 'waitlisted' ? ++position : null),
    );
    const countsOf = await this.counts(tx, [offer.id]);
    return {
      ...toOfferView(offer, countsOf(offer.id)),
      nominations: views.filter((_, i) => canSeeNomination(actor, offer, nominations[i]!)),
    };
  }

  @HandleCommand('training.nomination.create')
  async nominate(
    input: CommandPayload<'training.nomination.create'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.nomination.create'>> {
    // The offer row lock serialises seat counting: two nominations never take one last seat.
    const offer = await this.offer(tx, input.offerId, actor, true);
    if (!offer.acceptsNominations)
      throw new DomainError(
        409,
        'offer-withdrawn',
        'The partner is suspended or has closed this training: nominations are closed',
      );
    const family = await this.directory.manageable(tx, input.kpmId, actor);
    if (isoDay(offer.startsOn) < todayIso())
      throw new DomainError(
        409,
        'training-started',
        'The training has started: nominations are closed',
      );
    const problems: FieldError[] = [];
    if (!isWithinRegion(family.villageCode, offer.regionCode))
      problems.push({
        path: 'kpmId',
        message: `the family lives outside ${offer.regionCode}, where the training is offered`,
      });
    problems.push(
      ...unmetPrerequisites(offer.prerequisites as TrainingPrerequisites, family, today()),
    );
    if (problems.length > 0)
      throw new DomainError(
        422,
        'prerequisites-not-met',
        'The family cannot take this training',
        problems,
      );

    const existing = await tx.nomination.findUnique({
      where: { offerId_kpmId: { offerId: offer.id, kpmId: family.kpmId } },
    });
    if (existing && !['declined', 'withdrawn'].includes(existing.status))
      throw new DomainError(
        409,
        'already-nominated',
        `The family is already ${existing.status} for this training`,
      );
    const now = new Date();
    const id = await placeNomination(
      tx,
      offer,
      family,
      { nominatedBy: actor.userId, note: input.note ?? null, consentAt: now, queuedAt: now },
      existing,
    );
    return this.nominationView(tx, id);
  }

  @HandleCommand('training.nomination.decide')
  async decide(
    input: CommandPayload<'training.nomination.decide'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.nomination.decide'>> {
    const { actor, tx } = context;
    const found = await tx.nomination.findUnique({ where: { id: input.nominationId } });
    if (!found) throw new DomainError(404, 'not-found', 'No such nomination');
    const offer = await this.offer(tx, found.offerId, actor, true);
    const nomination = await tx.nomination.findUniqueOrThrow({ where: { id: found.id } });
    if (!canSeeNomination(actor, offer, nomination))
      throw new DomainError(404, 'not-found', 'No such nomination');
    const allowedFrom: Record<typeof input.decision, string[]> = {
      accept: ['nominated'],
      decline: ['nominated', 'waitlisted'],
      withdraw: ['nominated', 'waitlisted', 'accepted'],
    };
    if (input.decision === 'withdraw') {
      if (!canManage(actor, nomination))
        throw new DomainError(
          403,
          'forbidden',
          "Only the family's assistant or coordinator withdraws it",
        );
    } else assertOwnsOffer(actor, offer);
    if (!allowedFrom[input.decision].includes(nomination.status))
      throw new DomainError(
        409,
        'nomination-not-open',
        `A ${nomination.status} nomination cannot be ${input.decision}ed`,
      );
    const status = { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' }[
      input.decision
    ];
    await tx.nomination.update({
      where: { id: nomination.id },
      data: {
        status,
        reason: input.reason ?? null,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      },
    });
    if (input.decision === 'accept')
      await context.emit({
        type: 'training.enrolled',
        version: 1,
        aggregateId: nomination.kpmId,
        payload: {
          enrolmentId: nomination.id,
          offerId: offer.id,
          kpmId: nomination.kpmId,
          partnerId: offer.partnerId,
          title: offer.title,
          startsOn: isoDay(offer.startsOn),
        },
      });
    if (status !== 'accepted') await freeSeat(tx, offer.id, nomination.status);
    return this.nominationView(tx, nomination.id);
  }

  @HandleCommand('training.attendance.record')
  async attendance(
    input: CommandPayload<'training.attendance.record'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.attendance.record'>> {
    const offer = await this.offer(tx, input.offerId, actor, true);
    assertOwnsOffer(actor, offer);
    const problems: FieldError[] = [];
    if (input.meetingNo > offer.meetings)
      problems.push({ path: 'meetingNo', message: `the training has ${offer.meetings} meetings` });
    const participants = await tx.nomination.findMany({
      where: { offerId: offer.id, id: { in: input.attendance.map((a) => a.nominationId) } },
    });
    const byId = new Map(participants.map((n) => [n.id, n]));
    input.attendance.forEach((entry, i) => {
      const nomination = byId.get(entry.nominationId);
      if (!nomination)
        problems.push({
          path: `attendance.${i}.nominationId`,
          message: 'is not a nomination of this training',
        });
      else if (nomination.status !== 'accepted')
        problems.push({
          path: `attendance.${i}.nominationId`,
          message: `is ${nomination.status}, not accepted`,
        });
    });
    if (problems.length > 0) throw DomainError.invalid(problems);
    for (const entry of input.attendance)
      await tx.trainingAttendance.upsert({
        where: {
          nominationId_meetingNo: { nominationId: entry.nominationId, meetingNo: input.meetingNo },
        },
        create: {
          nominationId: entry.nominationId,
          meetingNo: input.meetingNo,
          present: entry.present,
          recordedBy: actor.userId,
        },
        update: { present: entry.present, recordedBy: actor.userId },
      });
    const updated = await tx.nomination.findMany({
      where: { id: { in: [...byId.keys()] } },
      include: WITH_ATTENDANCE,
    });
    return { nominations: updated.map((n) => toNominationView(n, null)) };
  }

  @HandleCommand('training.nomination.complete')
  async complete(
    input: CommandPayload<'training.nomination.complete'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.nomination.complete'>> {
    const { actor, tx } = context;
    const found = await tx.nomination.findUnique({
      where: { id: input.nominationId },
      include: WITH_ATTENDANCE,
    });
    if (!found) throw new DomainError(404, 'not-found', 'No such nomination');
    const offer = await this.offer(tx, found.offerId, actor);
    assertOwnsOffer(actor, offer);
    if (found.status !== 'accepted')
      throw new DomainError(
        409,
        'nomination-not-open',
        `A ${found.status} nomination cannot be completed`,
      );
    const attended = found.attendance.filter((a) => a.present).length;
    const needed = Math.ceil(offer.meetings * COMPLETION_ATTENDANCE);
    const problems: FieldError[] = [];
    if (attended < needed)
      problems.push({
        path: 'attendance',
        message: `attended ${attended} of ${offer.meetings} meetings, completion needs ${needed}`,
      });
    if (input.completedOn < isoDay(offer.startsOn) || input.completedOn > todayIso())
      problems.push({
        path: 'completedOn',
        message: 'must be between the training start and today',
      });
    if (problems.length > 0)
      throw new DomainError(
        422,
        'cannot-complete',
        'The family cannot complete this training yet',
        problems,
      );
    const certificateNo = `JBT-${input.completedOn.slice(0, 4)}-${found.id.slice(0, 8).toUpperCase()}`;
    await tx.nomination.update({
      where: { id: found.id },
      data: {
        status: 'completed',
        certificateNo,
        completedOn: dateOf(input.completedOn),
        completedBy: actor.userId,
      },
    });
    await context.emit({
      type: 'training.completed',
      version: 1,
      aggregateId: found.kpmId,
      payload: {
        enrolmentId: found.id,
        kpmId: found.kpmId,
        title: offer.title,
        completedOn: input.completedOn,
      },
    });
    return this.nominationView(tx, found.id);
  }

  @HandleCommand('training.certificate.get')
  async certificate(
    input: CommandPayload<'training.certificate.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.certificate.get'>> {
    const nomination = await tx.nomination.findUnique({
      where: { id: input.nominationId },
      include: { offer: true, attendance: true },
    });
    if (!nomination || !canSeeNomination(actor, nomination.offer, nomination))
      throw new DomainError(404, 'not-found', 'No such nomination');
    if (nomination.status !== 'completed' || !nomination.certificateNo || !nomination.completedOn)
      throw new DomainError(
        409,
        'not-completed',
        'A certificate exists once the training is completed',
      );
    const pdf = await certificatePdf({
      certificateNo: nomination.certificateNo,
      headName: nomination.headName,
      title: nomination.offer.title,
      partnerName: nomination.offer.partnerName,
      place: nomination.offer.place,
      startsOn: isoDay(nomination.offer.startsOn),
      completedOn: isoDay(nomination.completedOn),
      attended: nomination.attendance.filter((a) => a.present).length,
      meetings: nomination.offer.meetings,
    });
    return {
      fileName: `sertifikat-${nomination.certificateNo}.pdf`,
      pdfBase64: Buffer.from(pdf).toString('base64'),
    };
  }
}
