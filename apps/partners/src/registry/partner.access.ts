import { regionsOverlap, type Actor } from '@jembatan/contracts';
import type { Partner } from '../generated/prisma/client.js';

/** The partner serves (or is located in) the actor's region. */
export const servesActorsRegion = (
  actor: Actor,
  partner: Pick<Partner, 'serviceArea' | 'villageCode'>,
) =>
  actor.regionCode === null ||
  [...partner.serviceArea, partner.villageCode].some((code) =>
    regionsOverlap(code, actor.regionCode!),
  );

/**
 * Who sees a partner: itself; the Dinas of a region it serves (whatever its status: they
 * verify it) and admins; assistants and coordinators only once it is verified.
 */
export function canSeePartner(actor: Actor, partner: Partner): boolean {
  switch (actor.role) {
    case 'partner':
      return actor.userId === partner.id;
    case 'admin':
      return true;
    case 'dinas':
      return servesActorsRegion(actor, partner);
    case 'assistant':
    case 'coordinator':
      return partner.status === 'verified' && servesActorsRegion(actor, partner);
    case 'treasurer':
      // A group's treasurer keeps the savings ledger and nothing else.
      return false;
  }
}

/** The Dinas of a region the partner serves, or an admin, decides on its verification. */
export const canDecidePartner = (actor: Actor, partner: Partner) =>
  actor.role === 'admin' || (actor.role === 'dinas' && servesActorsRegion(actor, partner));
