import { RESTRICTED_CASE_KINDS, type Actor, type CaseKind } from '@jembatan/contracts';
import { canRead, type FamilyScope } from '../families/family.access.js';

/**
 * A child protection case is seen only by the family's assistant, the region's coordinators
 * and admins; other cases by whoever may read the family.
 */
export function canSeeCase(actor: Actor, family: FamilyScope, kind: string): boolean {
  if (!canRead(actor, family)) return false;
  if (!RESTRICTED_CASE_KINDS.includes(kind as CaseKind)) return true;
  return (
    actor.role === 'admin' || actor.role === 'coordinator' || family.assistantId === actor.userId
  );
}
