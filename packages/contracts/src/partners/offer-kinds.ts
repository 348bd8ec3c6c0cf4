// Offer kinds and who answers them, without zod: the portal's first screens import them (see
// pure.ts).
import type { PartnerKind } from './partner-kinds.js';

/** What partners offer families. */
export const OFFER_KINDS = [
  'training',
  'loan',
  'grant',
  'bazaar',
  'buyer-demand',
  'tutoring',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** Which kinds of partner post which kinds of offer. */
export const OFFER_KINDS_BY_PARTNER: Record<PartnerKind, readonly OfferKind[]> = {
  'csr-funder': ['grant', 'training'],
  lender: ['loan'],
  'training-provider': ['training', 'tutoring'],
  'business-tutor': ['tutoring'],
  'market-organiser': ['bazaar'],
  buyer: ['buyer-demand'],
  'sentra-kemensos': ['training', 'bazaar', 'buyer-demand'],
  ngo: ['training', 'grant', 'tutoring'],
};

/** The needs assessment's four needs, and the offers that answer each. */
export const NEEDS = ['capital', 'training', 'market', 'tutor'] as const;
export type Need = (typeof NEEDS)[number];
export const NEED_OF_OFFER: Record<OfferKind, Need> = {
  training: 'training',
  loan: 'capital',
  grant: 'capital',
  bazaar: 'market',
  'buyer-demand': 'market',
  tutoring: 'tutor',
};

/**
 * Who delivers a referral to an offer: the training service runs trainings (nominations,
 * attendance, certificates), microcredit follows capital to repayment; partners itself
 * handles market slots, buyers and tutoring.
 */
export const DELIVERED_BY: Record<OfferKind, 'training' | 'microcredit' | 'partners'> = {
  training: 'training',
  loan: 'microcredit',
  grant: 'microcredit',
  bazaar: 'partners',
  'buyer-demand': 'partners',
  tutoring: 'partners',
};

/** Offers a family takes its products to: a referral to them names the products. */
export const MARKET_KINDS: readonly OfferKind[] = ['bazaar', 'buyer-demand'];
