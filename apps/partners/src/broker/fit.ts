import {
  NEED_OF_OFFER,
  STAGES,
  isClosedStage,
  type Distance,
  type FitReason,
  type Need,
  type OfferKind,
  type Stage,
} from '@jembatan/contracts';

/** The family as matching sees it (from caseload's cards; no NIK, no phone). */
export interface FitFamily {
  villageCode: string;
  stage: Stage;
  businessKind: string | null;
  /** YYYY-MM-DD */
  businessStartedOn: string | null;
  needs: readonly Need[];
  capitalAmount: number | null;
  trainingsCompleted: number;
}

/** The offer's rules and the facts ranking looks at. Empty lists mean "no restriction". */
export interface FitOffer {
  kind: OfferKind;
  capacity: number;
  seatsTaken: number;
  regions: readonly string[];
  businessKinds: readonly string[];
  minBusinessMonths: number | null;
  stages: readonly string[];
  priorTraining: boolean;
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

export const OPEN_STAGES: readonly Stage[] = STAGES.filter((stage) => !isClosedStage(stage));

/**
 * `day` plus `months` calendar months, the day clamped to the month's end (31 Jan + 1 month =
 * 28/29 Feb): PostgreSQL's `date + interval`, so the SQL filter and this agree.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Whole months from `from` to `today` (0 when `from` is later). */
export function monthsSince(from: string, today: string): number {
  let months = Math.max(
    0,
    (Number(today.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
      Number(today.slice(5, 7)) -
      Number(from.slice(5, 7)),
  );
  while (months > 0 && addMonths(from, months) > today) months -= 1;
  return months;
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

const inRegions = (village: string, regions: readonly string[]) =>
  regions.some((region) => village === region || village.startsWith(`${region}.`));

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
  const rule = (code: FitReason['code'], met: boolean, params: FitReason['params']) =>
    reasons.push({ code, met, blocking: true, params });
  const factor = (code: FitReason['code'], met: boolean, params: FitReason['params']) =>
    reasons.push({ code, met, blocking: false, params });

  rule('region', inRegions(family.villageCode, offer.regions), {
    family: family.villageCode,
    required: offer.regions.join(', '),
  });
  const stages = offer.stages.length > 0 ? offer.stages : OPEN_STAGES;
  rule('stages', stages.includes(family.stage), {
    family: family.stage,
    required: stages.join(', '),
  });
  if (offer.businessKinds.length > 0)
    rule(
      'business-kinds',
      family.businessKind !== null && offer.businessKinds.includes(family.businessKind),
      { family: family.businessKind, required: offer.businessKinds.join(', ') },
    );
  if (offer.minBusinessMonths !== null)
    rule(
      'business-months',
      family.businessStartedOn !== null &&
        addMonths(family.businessStartedOn, offer.minBusinessMonths) <= today,
      {
        family:
          family.businessStartedOn === null ? null : monthsSince(family.businessStartedOn, today),
        required: offer.minBusinessMonths,
      },
    );
  if (offer.priorTraining)
    rule('prior-training', family.trainingsCompleted > 0, { family: family.trainingsCompleted });
  const left = Math.max(0, offer.capacity - offer.seatsTaken);
  rule('capacity', left > 0, { left, capacity: offer.capacity });

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
