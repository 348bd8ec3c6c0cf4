import type { Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { assertCanManage, inActorsRegion, type FamilyScope } from '@jembatan/service-kit';

export {
  assertCanManage,
  assertCanRead,
  canManage,
  canRead,
  listScope,
  seesIdentity,
  villageWithin,
  type FamilyScope,
} from '@jembatan/service-kit';

/** Which assistant a new family goes to, or why the actor may not register it. */
export function assigneeFor(
  actor: Actor,
  requested: string | undefined,
  villageCode: string,
): string {
  if (actor.role === 'partner' || actor.role === 'dinas')
    throw new DomainError(403, 'forbidden', 'Only assistants and coordinators register families');
  if (actor.role === 'assistant') {
    if (requested && requested !== actor.userId) {
      throw new DomainError(
        403,
        'forbidden',
        'Assistants register families into their own caseload only',
      );
    }
    return actor.userId;
  }
  if (actor.role !== 'admin' && !inActorsRegion(actor, villageCode)) {
    throw new DomainError(403, 'forbidden', 'The family lives outside your region');
  }
  if (!requested) {
    throw DomainError.invalid([
      { path: 'assistantId', message: 'is required when registering on behalf of an assistant' },
    ]);
  }
  return requested;
}

/** Coordinators move families between assistants within their region; admins anywhere. */
export function assertCanTransfer(
  actor: Actor,
  family: FamilyScope,
  target: { userId: string; regionCode: string | null },
): void {
  if (actor.role !== 'coordinator' && actor.role !== 'admin')
    throw new DomainError(403, 'forbidden', 'Only coordinators move families between assistants');
  assertCanManage(actor, family);
  if (target.userId === family.assistantId)
    throw DomainError.invalid([
      { path: 'toAssistantId', message: "is already the family's assistant" },
    ]);
  if (
    actor.role === 'coordinator' &&
    (target.regionCode === null || !inActorsRegion(actor, target.regionCode))
  )
    throw DomainError.invalid([{ path: 'toAssistantId', message: 'works outside your region' }]);
}
