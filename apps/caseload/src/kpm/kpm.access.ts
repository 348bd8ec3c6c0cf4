import { isWithinRegion, maskNik, maskPhone, type Actor, type KpmView } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { Kpm } from '../generated/prisma/client.js';

/**
 * Who may see a family: its own assistant; coordinators and the Dinas of the region it lives
 * in; admins. Partners only ever see a family through a consented referral (not here).
 */
export function canRead(actor: Actor, kpm: Pick<Kpm, 'assistantId' | 'villageCode'>): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'assistant':
      return kpm.assistantId === actor.userId;
    case 'coordinator':
    case 'dinas':
      return actor.regionCode !== null && isWithinRegion(kpm.villageCode, actor.regionCode);
    case 'partner':
      return false;
  }
}

/** The assistant who registered a family needs its NIK and phone; everyone else sees them masked. */
export function toView(kpm: Kpm, actor: Actor): KpmView {
  const unmasked = actor.role === 'assistant' && kpm.assistantId === actor.userId;
  return {
    id: kpm.id,
    headName: kpm.headName,
    nik: unmasked ? kpm.nik : maskNik(kpm.nik),
    phone: kpm.phone === null ? null : unmasked ? kpm.phone : maskPhone(kpm.phone),
    villageCode: kpm.villageCode,
    address: kpm.address,
    pkhEntryYear: kpm.pkhEntryYear,
    assistantId: kpm.assistantId,
    registeredAt: kpm.registeredAt.toISOString(),
  };
}

/** Which assistant a new family goes to, or why the actor may not register it. */
export function assigneeFor(
  actor: Actor,
  requested: string | undefined,
  villageCode: string,
): string {
  if (actor.role === 'partner')
    throw new DomainError(403, 'forbidden', 'Partners cannot register families');
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
  if (
    actor.role !== 'admin' &&
    (actor.regionCode === null || !isWithinRegion(villageCode, actor.regionCode))
  ) {
    throw new DomainError(403, 'forbidden', 'The family lives outside your region');
  }
  if (!requested) {
    throw DomainError.invalid([
      { path: 'assistantId', message: 'is required when registering on behalf of an assistant' },
    ]);
  }
  return requested;
}
