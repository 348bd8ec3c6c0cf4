import type { Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { canManage, inActorsRegion } from '@jembatan/service-kit';
import type { SavingsGroup, SavingsTreasurer } from '../generated/prisma/client.js';

type GroupScope = Pick<SavingsGroup, 'assistantId' | 'villageCode'>;

/**
 * Who may read a group's ledger: its sitting treasurer, the group's assistant, coordinators
 * and the Dinas of its region, admins. Partners never: a group's savings are not a lender's
 * business unless the family shares them itself.
 */
export function canReadLedger(
  actor: Actor,
  group: GroupScope,
  treasurer: Pick<SavingsTreasurer, 'accountId'> | null,
): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'treasurer':
      return treasurer?.accountId === actor.userId;
    case 'assistant':
      return group.assistantId === actor.userId;
    case 'coordinator':
    case 'dinas':
      return inActorsRegion(actor, group.villageCode);
    case 'partner':
      return false;
  }
}

export function assertCanReadLedger(
  actor: Actor,
  group: GroupScope,
  treasurer: Pick<SavingsTreasurer, 'accountId'> | null,
): void {
  if (!canReadLedger(actor, group, treasurer))
    throw new DomainError(403, 'forbidden', "This group's savings are not yours to see");
}

/** Registering the treasurer the group chose: the group's assistant, its coordinator, admins. */
export function assertCanAppoint(actor: Actor, group: GroupScope): void {
  if (!canManage(actor, group))
    throw new DomainError(
      403,
      'forbidden',
      "Only the group's assistant or coordinator registers its treasurer",
    );
}

/** Only a treasurer writes the ledger; the assistant is told why not (PKH keeps them off it). */
export function assertTreasurer(actor: Actor): void {
  if (actor.role !== 'treasurer')
    throw new DomainError(
      403,
      'kept-by-treasurer',
      "The group's treasurer keeps its savings ledger; others only read it",
    );
}
