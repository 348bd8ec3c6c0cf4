import {
  CONSENT_SCOPE,
  REFERRAL_ANSWER_WORKING_DAYS,
  type ReferralView,
} from '@jembatan/contracts';
import { addWorkingDays } from '@jembatan/service-kit';
import type { FamilyProfile, Product, Referral } from '../generated/prisma/client.js';
import { toProductView } from '../market/products.handlers.js';

/**
 * When the partner's answer is due: only while the referral waits on it. A capital referral
 * waits on the lender through microcredit's own step deadlines instead.
 */
export function answerDueAt(
  referral: Pick<Referral, 'status' | 'deliveredBy' | 'createdAt'>,
): Date | null {
  if (referral.status !== 'referred' || referral.deliveredBy === 'microcredit') return null;
  return addWorkingDays(referral.createdAt, REFERRAL_ANSWER_WORKING_DAYS);
}

/**
 * A referral as its reader sees it. The family part comes from the broker's projection, which
 * never holds NIK or phone: a partner cannot see them, whatever it asks.
 */
export function toReferralView(
  referral: Referral,
  offer: { title: string; partnerName: string },
  family: Pick<
    FamilyProfile,
    'headName' | 'villageCode' | 'businessKind' | 'businessStartedOn'
  > | null,
  market: { products: Product[]; sales: { quantity: number; amount: number } } = {
    products: [],
    sales: { quantity: 0, amount: 0 },
  },
  now = new Date(),
): ReferralView {
  const due = answerDueAt(referral);
  return {
    id: referral.id,
    offerId: referral.offerId,
    offerTitle: offer.title,
    offerKind: referral.kind as ReferralView['offerKind'],
    partnerId: referral.partnerId,
    partnerName: offer.partnerName,
    deliveredBy: referral.deliveredBy as ReferralView['deliveredBy'],
    kpmId: referral.kpmId,
    family: {
      headName: family?.headName ?? '',
      villageCode: family?.villageCode ?? referral.villageCode,
      businessKind: family?.businessKind ?? null,
      businessStartedOn: family?.businessStartedOn?.toISOString().slice(0, 10) ?? null,
    },
    assistantId: referral.assistantId,
    status: referral.status as ReferralView['status'],
    note: referral.note,
    consent: {
      givenBy: referral.consentGivenBy,
      givenAt: referral.consentGivenAt.toISOString(),
      scope: CONSENT_SCOPE,
    },
    reason: referral.reason,
    answerDueAt: due?.toISOString() ?? null,
    overdue: due !== null && due < now,
    products: market.products.map(toProductView),
    sales: market.sales,
    createdAt: referral.createdAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
  };
}
