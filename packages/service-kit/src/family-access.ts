import { isWithinRegion, type Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';

// Who may see and change a family, wherever the family's data lives: caseload owns the
// record, training and the other services keep cards of it and apply the same rules.

/** What access decisions look at: whose caseload a family is in and where it lives. */
export interface FamilyScope {
  assistantId: string;
  villageCode: string;
}

export const inActorsRegion = (actor: Actor, villageCode: string) =>
  actor.regionCode !== null && isWithinRegion(villageCode, actor.regionCode);

/**
 * Who may see a family: its own assistant; coordinators and the Dinas of the region it lives
 * in; admins. Partners only ever see a family through a consented referral (not here); a
 * group's treasurer only the group's savings ledger.
 */
export function canRead(actor: Actor, family: FamilyScope): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'assistant':
      return family.assistantId === actor.userId;
    case 'coordinator':
    case 'dinas':
      return inActorsRegion(actor, family.villageCode);
    case 'partner':
    case 'treasurer':
      return false;
  }
}

/** Who may change a family's record and move it along the pipeline: its assistant, the region's coordinator, admins. */
export function canManage(actor: Actor, family: FamilyScope): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'assistant') return family.assistantId === actor.userId;
  if (actor.role === 'coordinator') return inActorsRegion(actor, family.villageCode);
  return false;
}

/** NIK and phone: only the family's own assistant works with them unmasked. */
export const seesIdentity = (actor: Actor, family: FamilyScope): boolean =>
  actor.role === 'assistant' && family.assistantId === actor.userId;

export function assertCanRead(actor: Actor, family: FamilyScope): void {
  if (!canRead(actor, family))
    throw new DomainError(403, 'forbidden', 'This family is not in your caseload or region');
}

export function assertCanManage(actor: Actor, family: FamilyScope): void {
  assertCanRead(actor, family);
  if (!canManage(actor, family))
    throw new DomainError(
      403,
      'forbidden',
      "Only the family's assistant or coordinator can change it",
    );
}

/** A Prisma filter: families (or groups) whose village lies within `region` (or is it). */
export const villageWithin = (region: string) => ({
  OR: [{ villageCode: region }, { villageCode: { startsWith: `${region}.` } }],
});

/** The scope a caseload query is limited to, from who is asking. */
export function listScope(actor: Actor): { assistantId?: string; regionPrefix?: string } {
  switch (actor.role) {
    case 'assistant':
      return { assistantId: actor.userId };
    case 'coordinator':
    case 'dinas':
      if (actor.regionCode === null)
        throw new DomainError(403, 'forbidden', 'Your account has no region');
      return { regionPrefix: actor.regionCode };
    case 'admin':
      return {};
    case 'partner':
      throw new DomainError(403, 'forbidden', 'Partners see families only through referrals');
    case 'treasurer':
      throw new DomainError(403, 'forbidden', 'A treasurer sees only their group’s savings');
  }
}
