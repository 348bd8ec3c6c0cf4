import { CONSENT_SCOPE, type ReferralView } from '@jembatan/contracts';
import type { FamilyProfile, Product, Referral } from '../generated/prisma/client.js';
import { toProductView } from '../market/products.handlers.js';

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
): ReferralView {
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
    products: market.products.map(toProductView),
    sales: market.sales,
    createdAt: referral.createdAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
  };
}
