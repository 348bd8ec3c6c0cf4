import { NEED_OF_OFFER } from '@jembatan/contracts';
import type { FitOffer } from './fit.js';
import { OPEN_STAGES, POINTS } from './fit.js';

/** family_profile's columns under the Prisma model's names. */
const FAMILY_COLUMNS = `f.kpm_id AS "kpmId", f.head_name AS "headName", f.assistant_id AS "assistantId",
  f.village_code AS "villageCode", f.stage, f.business_kind AS "businessKind",
  f.business_started_on AS "businessStartedOn", f.need_capital AS "needCapital",
  f.capital_amount AS "capitalAmount", f.need_training AS "needTraining",
  f.need_market AS "needMarket", f.need_tutor AS "needTutor",
  f.trainings_completed AS "trainingsCompleted", f.as_of AS "asOf"`;

/** Who the ranking may include: one assistant's caseload, or a region (null: everywhere). */
export type FamilyScopeFilter = { assistantId: string } | { region: string | null };

/**
 * Eligible families for an offer, best fit first, as one statement: the rules and points of
 * assessFit (fit.ts) in SQL, so a region of a million families is filtered and ranked in the
 * database. The page's reasons are then worked out by assessFit itself; a row it would not
 * call eligible is logged as a disagreement between the two.
 */
export function familiesForOfferQuery(
  offer: FitOffer,
  scope: FamilyScopeFilter,
  today: string,
  limit: number,
) {
  const params: unknown[] = [];
  const p = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const regions = p(offer.regions, 'text[]');
  const patterns = p(
    offer.regions.map((code) => `${code}.%`),
    'text[]',
  );
  const where = [
    `(f.village_code = ANY(${regions}) OR f.village_code LIKE ANY(${patterns}))`,
    `f.stage = ANY(${p(offer.stages.length > 0 ? offer.stages : OPEN_STAGES, 'text[]')})`,
  ];
  const kinds = offer.businessKinds.length > 0 ? p(offer.businessKinds, 'text[]') : null;
  if (kinds) where.push(`f.business_kind = ANY(${kinds})`);
  if (offer.minBusinessMonths !== null)
    where.push(
      `f.business_started_on + make_interval(months => ${p(offer.minBusinessMonths, 'int')}) <= ${p(today, 'date')}`,
    );
  if (offer.priorTraining) where.push('f.trainings_completed > 0');
  if ('assistantId' in scope) where.push(`f.assistant_id = ${p(scope.assistantId, 'text')}`);
  else if (scope.region !== null)
    where.push(
      `(f.village_code = ${p(scope.region, 'text')} OR f.village_code LIKE ${p(`${scope.region}.%`, 'text')})`,
    );

  const needColumn = {
    capital: 'need_capital',
    training: 'need_training',
    market: 'need_market',
    tutor: 'need_tutor',
  }[NEED_OF_OFFER[offer.kind]];
  const place = offer.placeVillageCode === null ? null : p(offer.placeVillageCode, 'text');
  const shared = (chars: number) => `left(f.village_code, ${chars}) = left(${place}, ${chars})`;
  const left = Math.max(0, offer.capacity - offer.seatsTaken);
  const score = [
    `CASE WHEN f.${needColumn} THEN ${POINTS.need} ELSE 0 END`,
    kinds
      ? `CASE WHEN f.business_kind = ANY(${kinds}) THEN ${POINTS.businessTargeted} ELSE 0 END`
      : `CASE WHEN f.business_kind IS NOT NULL THEN ${POINTS.businessOpen} ELSE 0 END`,
    place
      ? `CASE WHEN f.village_code = ${place} THEN ${POINTS.distance['same-village']}
              WHEN ${shared(8)} THEN ${POINTS.distance['same-district']}
              WHEN ${shared(5)} THEN ${POINTS.distance['same-regency']}
              WHEN ${shared(2)} THEN ${POINTS.distance['same-province']} ELSE 0 END`
      : '0',
    String(Math.round((POINTS.capacity * left) / offer.capacity)),
    offer.amountMin !== null && offer.amountMax !== null
      ? `CASE WHEN f.capital_amount BETWEEN ${p(offer.amountMin, 'bigint')} AND ${p(offer.amountMax, 'bigint')}
              THEN ${POINTS.amount} ELSE 0 END`
      : '0',
  ].join(' + ');

  const sql = `
    SELECT ${FAMILY_COLUMNS}, (${score})::int AS score, count(*) OVER ()::int AS total
    FROM family_profile f
    WHERE ${where.join('\n      AND ')}
    ORDER BY score DESC, f.head_name, f.kpm_id
    LIMIT ${p(limit, 'int')}`;
  return { sql, params };
}
