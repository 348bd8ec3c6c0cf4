import {
  ACTIVE_LOAN_STATUSES,
  isWithinRegion,
  type Actor,
  type CapitalActor,
  type CapitalStatus,
} from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { canManage, canRead } from '@jembatan/service-kit';
import type { CapitalReferral, Consent } from '../generated/prisma/client.js';

export type ReferralWithConsent = CapitalReferral & { consent: Consent | null };

export const isLenderOf = (actor: Actor, referral: CapitalReferral): boolean =>
  actor.role === 'partner' && referral.partnerId === actor.userId;

export const consentActive = (referral: ReferralWithConsent): boolean =>
  referral.consent !== null && referral.consent.withdrawnAt === null;

/**
 * What the lender may see of a referral addressed to it: nothing of a draft (not shared yet);
 * everything the family agreed to while its consent stands; after a withdrawal, only a loan
 * already out (to collect it), without the family or its plan.
 */
export function lenderSight(referral: ReferralWithConsent): 'full' | 'loan-only' | 'none' {
  if (referral.status === 'draft') return 'none';
  if (consentActive(referral)) return 'full';
  const loanOut =
    ACTIVE_LOAN_STATUSES.includes(referral.status as CapitalStatus) ||
    referral.disbursedOn !== null;
  return loanOut ? 'loan-only' : 'none';
}

/** Reading a referral: the lender it is addressed to, or whoever may read the family. */
export function assertCanReadReferral(actor: Actor, referral: ReferralWithConsent): void {
  if (actor.role === 'partner') {
    if (!isLenderOf(actor, referral))
      throw new DomainError(403, 'forbidden', 'This referral is addressed to another lender');
    if (lenderSight(referral) === 'none')
      throw new DomainError(
        403,
        referral.status === 'draft' ? 'forbidden' : 'consent-withdrawn',
        referral.status === 'draft'
          ? 'This referral has not been submitted to you'
          : 'The family withdrew its consent to share this referral',
      );
    return;
  }
  if (!canRead(actor, referral))
    throw new DomainError(403, 'forbidden', 'This family is not in your caseload or region');
}

/** Taking a step: the family's assistant side or the lender, as the step requires. */
export function assertCanAct(actor: Actor, referral: CapitalReferral, by: CapitalActor): void {
  if (by === 'lender' ? isLenderOf(actor, referral) : canManage(actor, referral)) return;
  throw new DomainError(
    403,
    'forbidden',
    by === 'lender'
      ? 'Only the lender the referral is addressed to takes this step'
      : "Only the family's assistant or coordinator takes this step",
  );
}

/** Prisma filter: the referrals an actor's lists and PAR figures cover. */
export function referralScope(actor: Actor) {
  switch (actor.role) {
    case 'partner':
      return {
        partnerId: actor.userId,
        status: { not: 'draft' },
        OR: [
          { consent: { withdrawnAt: null } },
          { status: { in: [...ACTIVE_LOAN_STATUSES] } },
          { disbursedOn: { not: null } },
        ],
      };
    case 'assistant':
      return { assistantId: actor.userId };
    case 'admin':
      return {};
    default:
      return actor.regionCode === null
        ? {}
        : {
            OR: [
              { villageCode: actor.regionCode },
              { villageCode: { startsWith: `${actor.regionCode}.` } },
            ],
          };
  }
}

export const inRegion = (villageCode: string, region: string | null | undefined): boolean =>
  !region || isWithinRegion(villageCode, region);
