import { z } from 'zod';
import { TrainingOfferInput } from '../training/offers.js';
import { OfferKind, OfferView } from '../partners/offers.js';
import { PartnerProfileInput } from '../partners/registry.js';
import { ReferralStatus } from '../partners/referrals.js';

/** Partners service: a training provider's training became visible; training delivers it. */
export const TrainingOfferPostedV1 = TrainingOfferInput.safeExtend({
  offerId: z.uuid(),
  partnerId: z.string().min(1),
  partnerName: z.string().min(1).max(200),
  postedAt: z.iso.datetime({ offset: true }),
});
export type TrainingOfferPostedV1 = z.infer<typeof TrainingOfferPostedV1>;

/**
 * Gateway: a partner account was created with its profile, by self-registration (pending
 * until the Dinas verifies it) or by an admin (verified). Written with the account.
 */
export const PartnerRegisteredV1 = z.object({
  accountId: z.uuid(),
  profile: PartnerProfileInput,
  status: z.enum(['pending', 'verified']),
  registeredAt: z.iso.datetime({ offset: true }),
});
export type PartnerRegisteredV1 = z.infer<typeof PartnerRegisteredV1>;

/**
 * Partners service: an offer's current state, after any change to it or to its partner's
 * verification. `live` says whether families may be referred to it; consumers keep the
 * newest state per offer (by `asOf`). Microcredit takes loans and grants from here.
 */
export const OfferPublishedV1 = z.object({
  offer: OfferView,
  asOf: z.iso.datetime({ offset: true }),
});
export type OfferPublishedV1 = z.infer<typeof OfferPublishedV1>;

/** Which referral, of which family, to which offer: what both referral events carry. */
const ReferralRef = z.object({
  referralId: z.uuid(),
  offerId: z.uuid(),
  offerKind: OfferKind,
  partnerId: z.string().min(1),
  kpmId: z.uuid(),
  assistantId: z.string().min(1),
});

/**
 * Partners service: an assistant referred a family to an offer with the family's consent.
 * The service that delivers the offer (training, microcredit) takes it from here.
 */
export const ReferralCreatedV1 = ReferralRef.extend({
  consentGivenBy: z.string().min(1),
  consentGivenAt: z.iso.datetime({ offset: true }),
  note: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type ReferralCreatedV1 = z.infer<typeof ReferralCreatedV1>;

/** Partners service: a referral moved on (accepted, declined, completed, withdrawn). */
export const ReferralStatusChangedV1 = ReferralRef.extend({
  from: ReferralStatus,
  to: ReferralStatus,
  reason: z.string().nullable(),
  changedAt: z.iso.datetime({ offset: true }),
});
export type ReferralStatusChangedV1 = z.infer<typeof ReferralStatusChangedV1>;
