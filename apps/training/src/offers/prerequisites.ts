import type { FieldError, TrainingPrerequisites } from '@jembatan/contracts';
import { monthsBetween } from '../common/dates.js';

export interface FamilyBusiness {
  businessKind: string | null;
  businessStartedOn: Date | null;
}

/** Why a family does not meet a training's prerequisites (empty: it does), as of `today`. */
export function unmetPrerequisites(
  prerequisites: TrainingPrerequisites,
  family: FamilyBusiness,
  today: Date,
): FieldError[] {
  const needsBusiness =
    prerequisites.minBusinessMonths !== undefined || prerequisites.businessKinds !== undefined;
  if (!needsBusiness) return [];
  if (family.businessKind === null || family.businessStartedOn === null)
    return [
      {
        path: 'prerequisites',
        message: "the family has no business recorded: assess the family's business first",
      },
    ];
  const unmet: FieldError[] = [];
  if (prerequisites.minBusinessMonths !== undefined) {
    const months = monthsBetween(family.businessStartedOn, today);
    if (months < prerequisites.minBusinessMonths)
      unmet.push({
        path: 'prerequisites.minBusinessMonths',
        message: `the business has run ${months} months, the training needs ${prerequisites.minBusinessMonths}`,
      });
  }
  if (
    prerequisites.businessKinds !== undefined &&
    !prerequisites.businessKinds.includes(family.businessKind as never)
  )
    unmet.push({
      path: 'prerequisites.businessKinds',
      message: `the business is ${family.businessKind}, the training is for ${prerequisites.businessKinds.join(', ')}`,
    });
  return unmet;
}
