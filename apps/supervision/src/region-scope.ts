import { isWithinRegion, type Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';

/** The region a caller may look at: their own or one inside it; admins anywhere (null: the nation). */
export function scopedRegion(actor: Actor, requested: string | undefined): string | null {
  if (actor.role === 'partner')
    throw new DomainError(403, 'forbidden', 'Partners cannot see caseload figures');
  const code = requested ?? (actor.role === 'admin' ? null : actor.regionCode);
  if (
    actor.role !== 'admin' &&
    (actor.regionCode === null || code === null || !isWithinRegion(code, actor.regionCode))
  )
    throw new DomainError(403, 'forbidden', 'That region is outside your scope');
  return code;
}

/** The roles that supervise assistants: coordinators, the Dinas and admins. */
export const isSupervisor = (actor: Actor) =>
  actor.role === 'coordinator' || actor.role === 'dinas' || actor.role === 'admin';
