import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OfferPublishedV1 } from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { dateOf } from '../common/dates.js';

interface LoanDetails {
  amountMin: number;
  amountMax: number;
  interestRatePct: number;
  interestMethod: 'flat' | 'declining';
  tenorMonthsMin: number;
  tenorMonthsMax: number;
  repaymentFrequency: 'weekly' | 'monthly';
  documents?: string[];
}

interface GrantDetails {
  amountPerFamily: number;
  purpose: string;
  documents?: string[];
}

/**
 * Loan products and CSR grants, from the partners service's offers: the newest state per
 * offer (an older event arriving late changes nothing). Not live (closed, out of date, the
 * partner suspended): no new referral is submitted to it; referrals under way go on.
 */
@Injectable()
export class ProductsProjection {
  @OnEvent('offer.published', 1)
  async onOfferPublished(event: EventEnvelope<OfferPublishedV1>, tx: Tx): Promise<void> {
    const { offer, asOf } = event.payload;
    if (offer.kind !== 'loan' && offer.kind !== 'grant') return;
    const loan = offer.kind === 'loan' ? (offer.details as unknown as LoanDetails) : null;
    const grant = offer.kind === 'grant' ? (offer.details as unknown as GrantDetails) : null;
    const data = {
      kind: offer.kind,
      partnerId: offer.partnerId,
      partnerName: offer.partnerName,
      title: offer.title,
      description: offer.description,
      amountMin: BigInt(loan?.amountMin ?? grant!.amountPerFamily),
      amountMax: BigInt(loan?.amountMax ?? grant!.amountPerFamily),
      interestRatePct: loan?.interestRatePct ?? 0,
      interestMethod: loan?.interestMethod ?? null,
      tenorMonthsMin: loan?.tenorMonthsMin ?? null,
      tenorMonthsMax: loan?.tenorMonthsMax ?? null,
      repaymentFrequency: loan?.repaymentFrequency ?? null,
      documents: (loan ?? grant)!.documents ?? [],
      purpose: grant?.purpose ?? null,
      eligibility: offer.eligibility,
      capacity: offer.capacity,
      validFrom: dateOf(offer.validFrom),
      validUntil: dateOf(offer.validUntil),
      live: offer.live,
      asOf: new Date(asOf),
    };
    const current = await tx.product.findUnique({
      where: { id: offer.id },
      select: { asOf: true },
    });
    if (!current) await tx.product.create({ data: { id: offer.id, ...data } });
    else if (current.asOf <= data.asOf) await tx.product.update({ where: { id: offer.id }, data });
  }
}
