import {
  eligibilityReasons,
  type Eligibility,
  type FitReason,
  type Stage,
} from '@jembatan/contracts';
import type { Family, Product } from '../generated/prisma/client.js';
import { isoDay } from '../common/dates.js';

/** Each of the product's rules for the family, met or not (the broker's rules, shared). */
export function productRules(product: Product, family: Family, today: string): FitReason[] {
  const rules = product.eligibility as Eligibility;
  return eligibilityReasons(
    {
      regions: rules.regions,
      businessKinds: rules.businessKinds ?? [],
      minBusinessMonths: rules.minBusinessMonths ?? null,
      stages: rules.stages ?? [],
      priorTraining: rules.priorTraining ?? false,
    },
    {
      villageCode: family.villageCode,
      stage: family.stage as Stage,
      businessKind: family.businessKind,
      businessStartedOn: family.businessStartedOn ? isoDay(family.businessStartedOn) : null,
      trainingsCompleted: family.trainingsCompleted,
    },
    today,
  );
}

/** A failed rule as the refusal names it: `eligibility.business-months` with both sides. */
export function ruleMessage(reason: FitReason): string {
  const { family, required } = reason.params;
  switch (reason.code) {
    case 'region':
      return `the family lives in ${family}, the product serves ${required}`;
    case 'stages':
      return `the family is ${family} in PKH; the product takes ${required}`;
    case 'business-kinds':
      return `the family's business is ${family ?? 'not recorded'}; the product takes ${required}`;
    case 'business-months':
      return family === null
        ? `no business start date recorded; the product asks for ${required} months in business`
        : `the business has run ${family} months; the product asks for ${required}`;
    case 'prior-training':
      return 'the product asks for a training completed through Jembatan first';
    default:
      return `rule ${reason.code} not met`;
  }
}
