import { randomUUID } from 'node:crypto';
import { SEAT_HOLDING } from '@jembatan/contracts';
import type { Tx } from '../database/prisma.service.js';
import type { Family, Nomination, TrainingOffer } from '../generated/prisma/client.js';

/**
 * Puts a family on a training (the caller holds the offer's row lock): a seat while one is
 * left, else the waitlist. A declined or withdrawn nomination of the family is reused.
 */
export async function placeNomination(
  tx: Tx,
  offer: TrainingOffer,
  family: Family,
  how: { id?: string; nominatedBy: string; note: string | null; consentAt: Date; queuedAt: Date },
  existing: Nomination | null,
): Promise<string> {
  const seatsTaken = await tx.nomination.count({
    where: { offerId: offer.id, status: { in: [...SEAT_HOLDING] } },
  });
  const data = {
    headName: family.headName,
    villageCode: family.villageCode,
    assistantId: family.assistantId,
    nominatedBy: how.nominatedBy,
    note: how.note,
    consentAt: how.consentAt,
    status: seatsTaken < offer.capacity ? 'nominated' : 'waitlisted',
    queuedAt: how.queuedAt,
    reason: null,
    decidedBy: null,
    decidedAt: null,
  };
  const id = existing?.id ?? how.id ?? randomUUID();
  await tx.nomination.upsert({
    where: { id },
    create: { id, offerId: offer.id, kpmId: family.kpmId, ...data },
    update: data,
  });
  return id;
}

/**
 * A nomination left `previousStatus`: if it held a seat, the first family on the waitlist moves
 * up (the partner still decides).
 */
export async function freeSeat(tx: Tx, offerId: string, previousStatus: string): Promise<void> {
  if (!SEAT_HOLDING.includes(previousStatus as never)) return;
  const next = await tx.nomination.findFirst({
    where: { offerId, status: 'waitlisted' },
    orderBy: { queuedAt: 'asc' },
  });
  if (next) await tx.nomination.update({ where: { id: next.id }, data: { status: 'nominated' } });
}
