import { Injectable } from '@nestjs/common';
import {
  CAPITAL_CONSENT_SCOPE,
  PRE_DISBURSEMENT_STATUSES,
  SYSTEM_ACTOR,
  type EventEnvelope,
  type KpmConsentWithdrawnV1,
  type ReferralCreatedV1,
  type ReferralStatusChangedV1,
} from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { deadlineOf, CapitalLifecycle } from './lifecycle.js';
import { draftOf } from './referral.repository.js';

/**
 * A family referred to a loan or grant through the partners service's broker becomes a draft
 * here with the consent the broker recorded, under the broker referral's id (a redelivered
 * event finds it and changes nothing). The assistant completes the amount, purpose and plan
 * in the capital wizard and submits it.
 */
@Injectable()
export class BrokerIntakeHandlers {
  constructor(private readonly lifecycle: CapitalLifecycle) {}

  @OnEvent('referral.created', 1)
  async onReferral(event: EventEnvelope<ReferralCreatedV1>, tx: Tx): Promise<void> {
    const referral = event.payload;
    if (referral.offerKind !== 'loan' && referral.offerKind !== 'grant') return;
    if (await tx.capitalReferral.findUnique({ where: { id: referral.referralId } })) return;
    // Offers are published before any referral to them; families before they are referred.
    const product = await tx.product.findUnique({ where: { id: referral.offerId } });
    if (!product) throw new Error(`product ${referral.offerId} not known yet`);
    const family = await tx.family.findUnique({ where: { kpmId: referral.kpmId } });
    if (!family) throw new Error(`family ${referral.kpmId} not known yet`);
    const created = await tx.capitalReferral.create({
      data: {
        id: referral.referralId,
        ...draftOf(product, family),
        // The smallest amount lent until the assistant says how much the family needs.
        amount: product.amountMin,
        tenorMonths: product.tenorMonthsMin,
        purpose: null,
        businessPlan: null,
        dueAt: deadlineOf('draft', new Date(referral.createdAt), null),
        source: 'broker',
        consent: {
          create: {
            givenBy: referral.consentGivenBy,
            relationship: 'head',
            givenAt: new Date(referral.consentGivenAt),
            scope: CAPITAL_CONSENT_SCOPE,
            partnerId: product.partnerId,
            recordedBy: referral.assistantId,
          },
        },
      },
    });
    await this.lifecycle.created(
      tx,
      created,
      event.actor ?? { userId: referral.assistantId, role: 'assistant', regionCode: null },
      event.correlationId,
    );
  }

  /** The assistant withdrew the broker referral before the money went out: so it is here. */
  @OnEvent('referral.status-changed', 1)
  async onStatusChanged(event: EventEnvelope<ReferralStatusChangedV1>, tx: Tx): Promise<void> {
    const change = event.payload;
    if (change.to !== 'withdrawn') return;
    const draft = await tx.capitalReferral.findUnique({ where: { id: change.referralId } });
    if (!draft || !['draft', ...PRE_DISBURSEMENT_STATUSES].includes(draft.status)) return;
    await this.lifecycle.move(tx, draft, {
      to: 'withdrawn',
      actor: event.actor ?? { userId: change.assistantId, role: 'assistant', regionCode: null },
      correlationId: event.correlationId,
      reason: change.reason ?? 'withdrawn in the broker',
    });
  }

  /**
   * The family withdrew its consent (recorded in caseload): every consent in force here ends,
   * so lenders see no more of its details; a referral the lender is still assessing ends
   * (withdrawn), a loan already out stays collectable with its figures only.
   */
  @OnEvent('kpm.consent-withdrawn', 1)
  async onConsentWithdrawn(event: EventEnvelope<KpmConsentWithdrawnV1>, tx: Tx): Promise<void> {
    const actor = event.actor ?? SYSTEM_ACTOR;
    const referrals = await tx.capitalReferral.findMany({
      where: { kpmId: event.payload.kpmId, consent: { is: { withdrawnAt: null } } },
    });
    await tx.consent.updateMany({
      where: { referralId: { in: referrals.map((r) => r.id) }, withdrawnAt: null },
      data: {
        withdrawnAt: new Date(event.payload.withdrawnAt),
        withdrawnBy: actor.userId,
        withdrawReason: 'the family withdrew its consent',
      },
    });
    for (const referral of referrals)
      if (['draft', ...PRE_DISBURSEMENT_STATUSES].includes(referral.status))
        await this.lifecycle.move(tx, referral, {
          to: 'withdrawn',
          actor,
          correlationId: event.correlationId,
          reason: 'the family withdrew its consent',
        });
  }
}
