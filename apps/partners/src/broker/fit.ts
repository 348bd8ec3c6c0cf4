import {
  NEED_OF_OFFER,
  eligibilityReasons,
  type Distance,
  type FitReason,
  type Need,
  type OfferKind,
  type EligibilityFamily,
  type EligibilityRules,
} from '@jembatan/contracts';

/** The family as matching sees it (from caseload's cards; no NIK, no phone). */
export interface FitFamily extends EligibilityFamily {
  needs: readonly Need[];
  capitalAmount: number | null;
}

/** The offer's rules and the facts ranking looks at. Empty lists mean "no restriction". */
export interface FitOffer extends EligibilityRules {
  kind: OfferKind;
  capacity: number;
  seatsTaken: number;
  /** Where it happens (bazaar village or the partner's): null when unknown. */
  placeVillageCode: string | null;
  /** Loans: the amounts lent. */
  amountMin: number | null;
  amountMax: number | null;
}

export interface Fit {
  eligible: boolean;
  score: number;
  distance: Distance;
  reasons: FitReason[];
}

/** How near two villages are on the region tree (idn-area-data has no coordinates). */
export function distanceBetween(village: string, place: string | null): Distance {
  if (place === null) return 'farther';
  if (village === place) return 'same-village';
  const shared = (parts: number) =>
    village.split('.').slice(0, parts).join('.') === place.split('.').slice(0, parts).join('.');
  if (shared(3)) return 'same-district';
  if (shared(2)) return 'same-regency';
  if (shared(1)) return 'same-province';
  return 'farther';
}

// Points out of 100. Eligibility decides whether; these decide the order among the eligible.
export const POINTS = {
  need: 40,
  businessTargeted: 15,
  businessOpen: 5,
  distance: {
    'same-village': 20,
    'same-district': 15,
    'same-regency': 10,
    'same-province': 5,
    farther: 0,
  },
  capacity: 10,
  amount: 15,
} as const;

/**
 * Whether a family may be referred to an offer, why (every rule the offer sets, met or not),
 * and how well it fits: the need the offer answers, a business of the kind it targets,
 * nearness, places left and, for loans, whether the amount the family needs is lent.
 * The SQL ranking of families (families-for-offer.query.ts) follows the same rules.
 */
export function assessFit(offer: FitOffer, family: FitFamily, today: string): Fit {
  const reasons: FitReason[] = [];
  const factor = (code: FitReason['code'], met: boolean, params: FitReason['params']) =>
    reasons.push({ code, met, blocking: false, params });

  reasons.push(...eligibilityReasons(offer, family, today));
  const left = Math.max(0, offer.capacity - offer.seatsTaken);
  reasons.push({
    code: 'capacity',
    met: left > 0,
    blocking: true,
    params: { left, capacity: offer.capacity },
  });

  let score = 0;
  const need = NEED_OF_OFFER[offer.kind];
  const needed = family.needs.includes(need);
  factor('need', needed, { need });
  if (needed) score += POINTS.need;
  if (offer.businessKinds.length > 0) {
    if (family.businessKind !== null && offer.businessKinds.includes(family.businessKind))
      score += POINTS.businessTargeted;
  } else if (family.businessKind !== null) score += POINTS.businessOpen;
  const distance = distanceBetween(family.villageCode, offer.placeVillageCode);
  factor('distance', distance !== 'farther', { distance });
  score += POINTS.distance[distance];
  score += Math.round((POINTS.capacity * left) / offer.capacity);
  if (offer.amountMin !== null && offer.amountMax !== null && family.capitalAmount !== null) {
    const fits = family.capitalAmount >= offer.amountMin && family.capitalAmount <= offer.amountMax;
    factor('amount', fits, {
      family: family.capitalAmount,
      min: offer.amountMin,
      max: offer.amountMax,
    });
    if (fits) score += POINTS.amount;
  }
  const eligible = reasons.every((reason) => !reason.blocking || reason.met);
  return { eligible, score, distance, reasons };
}
