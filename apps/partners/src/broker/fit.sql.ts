import {
  NEED_OF_OFFER,
  OFFER_KINDS,
  OPEN_STAGES,
  monthsSince,
  type Need,
} from '@jembatan/contracts';
import { POINTS, type FitFamily, type FitOffer } from './fit.js';

// assessFit (fit.ts) as SQL, for the two rankings too large to bring into the process: one
// family against 10,000 offers, one offer against a million families. Each rule and factor is
// written once, over two SQL operands, and both queries compose them: in one the family is
// the parameter and the offer the row, in the other the reverse. The handlers then explain the
// page with assessFit and log any row where SQL and TypeScript disagree.

/** SQL fragments for one side of a match: a column or a bound parameter. */
interface OfferSide {
  capacity: string;
  seatsTaken: string;
  businessKinds: string;
  minBusinessMonths: string;
  stages: string;
  priorTraining: string;
  place: string;
  amountMin: string;
  amountMax: string;
}
interface FamilySide {
  village: string;
  businessKind: string;
  /** The family's stage is among `stages` (an empty list: any open stage). */
  stageFits: (stages: string) => string;
  /** The business has run at least `months` months (addMonths(startedOn, months) <= today). */
  businessAged: (months: string) => string;
  capitalAmount: string;
  trainingsCompleted: string;
  /** True when the family needs what the offer answers. */
  needed: string;
}

/** Bound parameters, numbered as they are added, each with its cast. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

const rules = (o: OfferSide, f: FamilySide) => [
  f.stageFits(o.stages),
  `(cardinality(${o.businessKinds}) = 0 OR COALESCE(${f.businessKind} = ANY(${o.businessKinds}), false))`,
  `(${o.minBusinessMonths} IS NULL OR ${f.businessAged(o.minBusinessMonths)})`,
  `(NOT ${o.priorTraining} OR ${f.trainingsCompleted} > 0)`,
  `(${o.seatsTaken} < ${o.capacity})`,
];

const score = (o: OfferSide, f: FamilySide) => {
  const shared = (chars: number) => `left(${f.village}, ${chars}) = left(${o.place}, ${chars})`;
  const d = POINTS.distance;
  return [
    `CASE WHEN ${f.needed} THEN ${POINTS.need} ELSE 0 END`,
    `CASE WHEN cardinality(${o.businessKinds}) > 0
          THEN CASE WHEN COALESCE(${f.businessKind} = ANY(${o.businessKinds}), false) THEN ${POINTS.businessTargeted} ELSE 0 END
          ELSE CASE WHEN ${f.businessKind} IS NOT NULL THEN ${POINTS.businessOpen} ELSE 0 END END`,
    `CASE WHEN ${o.place} IS NULL THEN ${d.farther} WHEN ${f.village} = ${o.place} THEN ${d['same-village']}
          WHEN ${shared(8)} THEN ${d['same-district']} WHEN ${shared(5)} THEN ${d['same-regency']}
          WHEN ${shared(2)} THEN ${d['same-province']} ELSE ${d.farther} END`,
    // Math.round(10 * left / capacity) in integers: (20 * left + capacity) div (2 * capacity).
    `(${2 * POINTS.capacity} * greatest(0, ${o.capacity} - ${o.seatsTaken}) + ${o.capacity}) / (2 * ${o.capacity})`,
    `CASE WHEN ${f.capitalAmount} BETWEEN ${o.amountMin} AND ${o.amountMax} THEN ${POINTS.amount} ELSE 0 END`,
  ].join(' + ');
};

/** offer's columns under the Prisma model's names: the page comes back whole, in one trip. */
const OFFER_COLUMNS = `o.id, o.partner_id AS "partnerId", o.partner_name AS "partnerName", o.kind, o.title,
  o.description, o.status, o.closed_reason AS "closedReason", o.capacity, o.seats_taken AS "seatsTaken",
  o.valid_from AS "validFrom", o.valid_until AS "validUntil", o.regions, o.business_kinds AS "businessKinds",
  o.min_business_months AS "minBusinessMonths", o.stages, o.prior_training AS "priorTraining",
  o.place_village_code AS "placeVillageCode", o.details, o.posted_at AS "postedAt", o.updated_at AS "updatedAt"`;

/** One family's live offers (those reaching its village), best first, with the counts. */
export function offersForFamilyQuery(
  family: FitFamily,
  ancestry: string[],
  kind: string | null,
  today: string,
  limit: number,
) {
  const p = new Params();
  const day = p.add(today, 'date');
  const answering = OFFER_KINDS.filter((k) => family.needs.includes(NEED_OF_OFFER[k] as Need));
  const stage = p.add(family.stage, 'text');
  const inOpenStage = p.add(OPEN_STAGES.includes(family.stage), 'boolean');
  // Whole months in business, worked out once: a month count per offer is then one comparison.
  const months = p.add(
    family.businessStartedOn === null ? null : monthsSince(family.businessStartedOn, today),
    'int',
  );
  const f: FamilySide = {
    village: p.add(family.villageCode, 'text'),
    businessKind: p.add(family.businessKind, 'text'),
    stageFits: (stages) =>
      `(CASE WHEN cardinality(${stages}) > 0 THEN ${stage} = ANY(${stages}) ELSE ${inOpenStage} END)`,
    businessAged: (min) => `COALESCE(${months} >= ${min}, false)`,
    capitalAmount: p.add(family.capitalAmount, 'bigint'),
    trainingsCompleted: p.add(family.trainingsCompleted, 'int'),
    needed: `o.kind = ANY(${p.add(answering, 'text[]')})`,
  };
  const o: OfferSide = {
    capacity: 'o.capacity',
    seatsTaken: 'o.seats_taken',
    businessKinds: 'o.business_kinds',
    minBusinessMonths: 'o.min_business_months',
    stages: 'o.stages',
    priorTraining: 'o.prior_training',
    place: 'o.place_village_code',
    amountMin: `CASE WHEN o.kind = 'loan' THEN (o.details->>'amountMin')::bigint END`,
    amountMax: `CASE WHEN o.kind = 'loan' THEN (o.details->>'amountMax')::bigint END`,
  };
  // Every candidate scored once (materialised), then the page and the counts read from it:
  // window counts over the ranking cost twice as much here.
  const sql = `
    WITH candidate AS MATERIALIZED (
      SELECT o.id, o.valid_until, ${rules(o, f).join(' AND ')} AS eligible, (${score(o, f)}) AS score
      FROM offer o JOIN partner pa ON pa.id = o.partner_id AND pa.status = 'verified'
      WHERE o.status = 'open' AND o.valid_from <= ${day} AND o.valid_until >= ${day}
        AND o.regions && ${p.add(ancestry, 'text[]')}
        AND (${p.add(kind, 'text')} IS NULL OR o.kind = $${p.values.length}::text)),
    page AS (
      SELECT id, eligible, score::int, valid_until FROM candidate
      ORDER BY eligible DESC, score DESC, valid_until, id LIMIT ${p.add(limit, 'int')}),
    counts AS (
      SELECT count(*)::int AS live, (count(*) FILTER (WHERE eligible))::int AS "eligibleCount"
      FROM candidate)
    SELECT counts.live, counts."eligibleCount", page.eligible, page.score, ${OFFER_COLUMNS},
           pa.name AS "partnerDisplayName", pa.kind AS "partnerKind", pa.status AS "partnerStatus",
           pa.village_code AS "partnerVillageCode"
    FROM counts LEFT JOIN page ON true
    LEFT JOIN offer o ON o.id = page.id LEFT JOIN partner pa ON pa.id = o.partner_id
    ORDER BY page.eligible DESC, page.score DESC, page.valid_until, page.id`;
  return { sql, params: p.values };
}

/** family_profile's columns under the Prisma model's names. */
const FAMILY_COLUMNS = `f.kpm_id AS "kpmId", f.head_name AS "headName", f.assistant_id AS "assistantId",
  f.village_code AS "villageCode", f.stage, f.business_kind AS "businessKind",
  f.business_started_on AS "businessStartedOn", f.need_capital AS "needCapital",
  f.capital_amount AS "capitalAmount", f.need_training AS "needTraining",
  f.need_market AS "needMarket", f.need_tutor AS "needTutor",
  f.trainings_completed AS "trainingsCompleted", f.as_of AS "asOf"`;

const NEED_COLUMN: Record<Need, string> = {
  capital: 'f.need_capital',
  training: 'f.need_training',
  market: 'f.need_market',
  tutor: 'f.need_tutor',
};

/** Eligible families are counted up to this many; the answer says when there are more. */
export const FAMILIES_COUNT_CAP = 10_000;

/** Who the ranking may include: one assistant's caseload, or a region (null: everywhere). */
export type FamilyScopeFilter = { assistantId: string } | { region: string | null };

/** One offer's eligible families in a caseload or region, best first, with their number. */
export function familiesForOfferQuery(
  offer: FitOffer,
  scope: FamilyScopeFilter,
  today: string,
  limit: number,
) {
  const p = new Params();
  const day = p.add(today, 'date');
  const o: OfferSide = {
    capacity: p.add(offer.capacity, 'int'),
    seatsTaken: p.add(offer.seatsTaken, 'int'),
    businessKinds: p.add(offer.businessKinds, 'text[]'),
    minBusinessMonths: p.add(offer.minBusinessMonths, 'int'),
    // No stages given: any open stage.
    stages: p.add(offer.stages.length > 0 ? offer.stages : OPEN_STAGES, 'text[]'),
    priorTraining: p.add(offer.priorTraining, 'boolean'),
    place: p.add(offer.placeVillageCode, 'text'),
    amountMin: p.add(offer.amountMin, 'bigint'),
    amountMax: p.add(offer.amountMax, 'bigint'),
  };
  const f: FamilySide = {
    village: 'f.village_code',
    businessKind: 'f.business_kind',
    stageFits: (stages) => `f.stage = ANY(${stages})`,
    businessAged: (min) =>
      `COALESCE(f.business_started_on + make_interval(months => ${min}) <= ${day}, false)`,
    capitalAmount: 'f.capital_amount',
    trainingsCompleted: 'f.trainings_completed',
    needed: NEED_COLUMN[NEED_OF_OFFER[offer.kind]],
  };
  const where = [
    `(f.village_code = ANY(${p.add(offer.regions, 'text[]')}) OR f.village_code LIKE ANY(${p.add(
      offer.regions.map((code) => `${code}.%`),
      'text[]',
    )}))`,
    ...rules(o, f),
  ];
  if ('assistantId' in scope) where.push(`f.assistant_id = ${p.add(scope.assistantId, 'text')}`);
  else if (scope.region !== null)
    where.push(
      `(f.village_code = ${p.add(scope.region, 'text')} OR f.village_code LIKE ${p.add(`${scope.region}.%`, 'text')})`,
    );
  // The count apart from the page: a window count would make PostgreSQL sort every eligible
  // family (a million, on disk) instead of keeping the best `limit` in a heap. It stops at
  // FAMILIES_COUNT_CAP: past that, "more than" says as much to a broker as the exact number.
  const filter = where.join('\n      AND ');
  const sql = `
    WITH page AS (
      SELECT ${FAMILY_COLUMNS}, (${score(o, f)})::int AS score
      FROM family_profile f WHERE ${filter}
      ORDER BY score DESC, f.head_name, f.kpm_id LIMIT ${p.add(limit, 'int')}),
    total AS (SELECT count(*)::int AS total FROM (
      SELECT 1 FROM family_profile f WHERE ${filter} LIMIT ${FAMILIES_COUNT_CAP + 1}) capped)
    SELECT page.*, total.total FROM page, total ORDER BY page.score DESC, page."headName", page."kpmId"`;
  return { sql, params: p.values };
}
