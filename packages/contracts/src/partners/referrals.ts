import { z } from 'zod';
import { OfferKind, ProductView } from './offers.js';

/**
 * A referral's life: referred by the assistant, accepted or declined by the partner (or, for
 * trainings and capital, by the service delivering it), completed with its outcome, or
 * withdrawn by the assistant before it completes.
 */
export const REFERRAL_STATUSES = [
  'referred',
  'accepted',
  'declined',
  'withdrawn',
  'completed',
] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

/** Statuses that hold one of the offer's places. */
export const PLACE_HOLDING: readonly ReferralStatus[] = ['referred', 'accepted', 'completed'];

export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  referred: ['accepted', 'declined', 'withdrawn'],
  // Accepted, then declined: a lender who acknowledged a referral and rejected it after its survey.
  accepted: ['completed', 'declined', 'withdrawn'],
  declined: [],
  withdrawn: [],
  completed: [],
};

/**
 * Working days a partner has to answer a referral (accept or decline) before the assistant is
 * told it is late: the same rule lenders follow for a capital referral's acknowledgement.
 * Capital referrals keep their own step deadlines in microcredit, so theirs are not counted here.
 */
export const REFERRAL_ANSWER_WORKING_DAYS = 5;

/** What the family agreed the partner may see: stated on the referral, shown to the partner. */
export const CONSENT_SCOPE = 'name, village, kind and age of business; no NIK, no phone';

/**
 * A referral as its reader sees it. The partner sees the family only through this view, only
 * after the family consented, and never its NIK or phone (partners does not hold them).
 */
export const ReferralView = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  offerTitle: z.string(),
  offerKind: OfferKind,
  partnerId: z.string(),
  partnerName: z.string(),
  deliveredBy: z.enum(['training', 'microcredit', 'partners']),
  kpmId: z.uuid(),
  family: z.object({
    headName: z.string(),
    villageCode: z.string(),
    businessKind: z.string().nullable(),
    businessStartedOn: z.string().nullable(),
  }),
  assistantId: z.string(),
  status: ReferralStatus,
  note: z.string().nullable(),
  consent: z.object({ givenBy: z.string(), givenAt: z.string(), scope: z.string() }),
  reason: z.string().nullable(),
  /** While the partner has not answered: when the answer is due, and whether it is late. */
  answerDueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Market referrals: the products offered, and the sales reported so far. */
  products: z.array(ProductView),
  sales: z.object({ quantity: z.number().int(), amount: z.number().int() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralView = z.infer<typeof ReferralView>;

/** One step of a referral, as its reader may see it (a partner never reads others' reasons). */
export const ReferralHistoryEntry = z.object({
  from: ReferralStatus.nullable(),
  to: ReferralStatus,
  reason: z.string().nullable(),
  actorRole: z.string(),
  at: z.string(),
});
export type ReferralHistoryEntry = z.infer<typeof ReferralHistoryEntry>;
