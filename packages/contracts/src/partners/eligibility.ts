import { STAGES, isClosedStage, type Stage } from '../caseload/graduation.js';
import type { FitReason } from './offers.js';

/** Stages a family can be referred in (graduated and exited families have left PKH). */
export const OPEN_STAGES: readonly Stage[] = STAGES.filter((stage) => !isClosedStage(stage));

/**
 * `day` plus `months` calendar months, the day clamped to the month's end (31 Jan + 1 month =
 * 28/29 Feb): PostgreSQL's `date + interval`, so SQL filters and this agree.
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

const inRegions = (village: string, regions: readonly string[]) =>
  regions.some((region) => village === region || village.startsWith(`${region}.`));

/** The family facts an offer's eligibility rules look at (no NIK, no phone). */
export interface EligibilityFamily {
  villageCode: string;
  stage: Stage;
  businessKind: string | null;
  /** YYYY-MM-DD */
  businessStartedOn: string | null;
  trainingsCompleted: number;
}

/** An offer's rules; empty lists and nulls mean "no restriction". */
export interface EligibilityRules {
  regions: readonly string[];
  businessKinds: readonly string[];
  minBusinessMonths: number | null;
  stages: readonly string[];
  priorTraining: boolean;
}

/**
 * Every rule the offer sets, met or not, with the family's and the offer's side: the broker
 * ranks with them and microcredit refuses a submission naming the rule that failed.
 */
export function eligibilityReasons(
  rules: EligibilityRules,
  family: EligibilityFamily,
  today: string,
): FitReason[] {
  const reasons: FitReason[] = [];
  const rule = (code: FitReason['code'], met: boolean, params: FitReason['params']) =>
    reasons.push({ code, met, blocking: true, params });
  rule('region', inRegions(family.villageCode, rules.regions), {
    family: family.villageCode,
    required: rules.regions.join(', '),
  });
  const stages = rules.stages.length > 0 ? rules.stages : OPEN_STAGES;
  rule('stages', stages.includes(family.stage), {
    family: family.stage,
    required: stages.join(', '),
  });
  if (rules.businessKinds.length > 0)
    rule(
      'business-kinds',
      family.businessKind !== null && rules.businessKinds.includes(family.businessKind),
      { family: family.businessKind, required: rules.businessKinds.join(', ') },
    );
  if (rules.minBusinessMonths !== null)
    rule(
      'business-months',
      family.businessStartedOn !== null &&
        addMonths(family.businessStartedOn, rules.minBusinessMonths) <= today,
      {
        family:
          family.businessStartedOn === null ? null : monthsSince(family.businessStartedOn, today),
        required: rules.minBusinessMonths,
      },
    );
  if (rules.priorTraining)
    rule('prior-training', family.trainingsCompleted > 0, { family: family.trainingsCompleted });
  return reasons;
}
