import type { OfferInput, OfferView, PartnerKind } from '@jembatan/contracts';
import type { Offer, Partner } from '../generated/prisma/client.js';
import type { FitOffer } from '../broker/fit.js';

export const todayIso = () => new Date().toISOString().slice(0, 10);
export const dateOf = (day: string) => new Date(`${day}T00:00:00.000Z`);
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The partner fields an offer's view shows. */
export type OfferPartner = Pick<Partner, 'id' | 'name' | 'kind' | 'status' | 'villageCode'>;

/** Where the offer happens, for distance: the bazaar's village when given, else the partner's. */
const placeOf = (input: OfferInput, partner: OfferPartner) =>
  input.kind === 'bazaar' && input.details.villageCode
    ? input.details.villageCode
    : partner.villageCode;

/** The columns an offer's input fills: posting and editing write the same ones. */
export function offerColumns(input: OfferInput, partner: OfferPartner) {
  return {
    partnerName: partner.name,
    kind: input.kind,
    title: input.title,
    description: input.description,
    capacity: input.capacity,
    validFrom: dateOf(input.validFrom),
    validUntil: dateOf(input.validUntil),
    regions: input.eligibility.regions,
    businessKinds: input.eligibility.businessKinds ?? [],
    minBusinessMonths: input.eligibility.minBusinessMonths ?? null,
    stages: input.eligibility.stages ?? [],
    priorTraining: input.eligibility.priorTraining ?? false,
    placeVillageCode: placeOf(input, partner),
    details: input.details,
  };
}

/** Open, in date and from a verified partner: families may be referred to it. */
export const isLive = (offer: Offer, partnerStatus: string, today = todayIso()) =>
  offer.status === 'open' &&
  partnerStatus === 'verified' &&
  isoDay(offer.validFrom) <= today &&
  isoDay(offer.validUntil) >= today;

/** The offer's eligibility rules, as posted (columns back to the contract's shape). */
export function eligibilityOf(
  offer: Pick<
    Offer,
    'regions' | 'businessKinds' | 'minBusinessMonths' | 'stages' | 'priorTraining'
  >,
): OfferView['eligibility'] {
  return {
    regions: offer.regions,
    ...(offer.businessKinds.length > 0 ? { businessKinds: offer.businessKinds as never } : {}),
    ...(offer.minBusinessMonths !== null ? { minBusinessMonths: offer.minBusinessMonths } : {}),
    ...(offer.stages.length > 0 ? { stages: offer.stages as never } : {}),
    ...(offer.priorTraining ? { priorTraining: true } : {}),
  };
}

export function toOfferView(offer: Offer, partner: OfferPartner, today = todayIso()): OfferView {
  return {
    id: offer.id,
    partnerId: offer.partnerId,
    partnerName: partner.name,
    partnerKind: partner.kind as PartnerKind,
    kind: offer.kind as OfferView['kind'],
    title: offer.title,
    description: offer.description,
    capacity: offer.capacity,
    seatsTaken: offer.seatsTaken,
    validFrom: isoDay(offer.validFrom),
    validUntil: isoDay(offer.validUntil),
    eligibility: eligibilityOf(offer),
    details: offer.details as Record<string, unknown>,
    status: offer.status as OfferView['status'],
    live: isLive(offer, partner.status, today),
    postedAt: offer.postedAt.toISOString(),
  };
}

/** The offer as matching reads it. */
export function fitOfferOf(
  offer: Pick<
    Offer,
    | 'kind'
    | 'capacity'
    | 'seatsTaken'
    | 'regions'
    | 'businessKinds'
    | 'minBusinessMonths'
    | 'stages'
    | 'priorTraining'
    | 'placeVillageCode'
    | 'details'
  >,
): FitOffer {
  const details = offer.details as { amountMin?: number; amountMax?: number };
  return {
    kind: offer.kind as FitOffer['kind'],
    capacity: offer.capacity,
    seatsTaken: offer.seatsTaken,
    regions: offer.regions,
    businessKinds: offer.businessKinds,
    minBusinessMonths: offer.minBusinessMonths,
    stages: offer.stages,
    priorTraining: offer.priorTraining,
    placeVillageCode: offer.placeVillageCode,
    amountMin: offer.kind === 'loan' ? (details.amountMin ?? null) : null,
    amountMax: offer.kind === 'loan' ? (details.amountMax ?? null) : null,
  };
}
