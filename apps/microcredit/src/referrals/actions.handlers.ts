import { Injectable } from '@nestjs/common';
import {
  CAPITAL_ACTIONS,
  type CapitalActionInput,
  type CapitalStatus,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import { dateOf, isoDay, todayIso } from '../common/dates.js';
import { LoanBook } from '../loans/loan-book.js';
import { LoanSettlement } from '../loans/loan-settlement.js';
import { assertCanAct, consentActive } from './access.js';
import { productRules, ruleMessage } from './eligibility.js';
import { CapitalLifecycle } from './lifecycle.js';
import { ReferralRepository, type ReferralRow } from './referral.repository.js';
import { termsProblems } from './referrals.handlers.js';

/** How late a disbursement may be recorded. */
const LATE_RECORDING_DAYS = 120;

/**
 * A step on a capital referral. Order of refusals: an illegal move is 409 whoever asks;
 * then who may take the step (403); then what the step needs (400, 409, 422).
 */
@Injectable()
export class ActionsHandlers {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly lifecycle: CapitalLifecycle,
    private readonly book: LoanBook,
    private readonly settlement: LoanSettlement,
  ) {}

  @HandleCommand('microcredit.referral.act')
  async act(
    input: CommandPayload<'microcredit.referral.act'>,
    { actor, tx, correlationId }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.referral.act'>> {
    const referral = await this.referrals.load(tx, input.referralId, true);
    const step = CAPITAL_ACTIONS[input.body.action];
    CapitalLifecycle.assertLegal(referral.status as CapitalStatus, step.to);
    assertCanAct(actor, referral, step.by);
    const data = await this.prepare(tx, referral, input.body);
    const reason = 'reason' in input.body ? input.body.reason : undefined;
    const moved = await this.lifecycle.move(tx, referral, {
      to: step.to,
      actor,
      correlationId,
      reason,
      data,
    });
    // A disbursement recorded late may already have instalments past due.
    if (step.to === 'disbursed' && referral.kind === 'loan') {
      await this.settlement.settle(tx, [referral.id], actor, correlationId, 'recorded late');
      return this.referrals.view(tx, await this.referrals.load(tx, referral.id), actor);
    }
    // Product and consent are as loaded under the lock: no step changes them.
    return this.referrals.view(tx, { ...referral, ...moved }, actor);
  }

  /** Checks what the step needs and returns the fields it sets. */
  private async prepare(
    tx: Tx,
    referral: ReferralRow,
    body: CapitalActionInput,
  ): Promise<Prisma.CapitalReferralUpdateInput> {
    const today = todayIso();
    switch (body.action) {
      case 'submit':
        await this.assertSubmittable(tx, referral, today);
        return {};
      case 'schedule-survey':
        if (body.surveyOn < today)
          throw DomainError.invalid([{ path: 'surveyOn', message: 'cannot be in the past' }]);
        return { surveyOn: dateOf(body.surveyOn) };
      case 'record-survey':
        return { surveyNote: body.note };
      case 'approve': {
        const tenorMonths = body.tenorMonths ?? referral.tenorMonths;
        const problems = termsProblems(
          referral.product,
          body.approvedAmount,
          referral.kind === 'loan' ? tenorMonths : undefined,
          'approvedAmount',
        );
        if (body.approvedAmount > Number(referral.amount))
          problems.push({ path: 'approvedAmount', message: 'cannot exceed the amount asked for' });
        if (problems.length > 0) throw DomainError.invalid(problems);
        return { approvedAmount: BigInt(body.approvedAmount), tenorMonths };
      }
      case 'disburse': {
        if (body.disbursedOn > today)
          throw DomainError.invalid([{ path: 'disbursedOn', message: 'cannot be in the future' }]);
        // Lenders often record a disbursement after the fact: up to a season late.
        const earliest = isoDay(new Date(Date.now() - LATE_RECORDING_DAYS * 86_400_000));
        if (body.disbursedOn < earliest)
          throw DomainError.invalid([
            { path: 'disbursedOn', message: `cannot be before ${earliest}` },
          ]);
        const data: Prisma.CapitalReferralUpdateInput = { disbursedOn: dateOf(body.disbursedOn) };
        if (referral.kind === 'loan')
          Object.assign(
            data,
            await this.book.open(tx, referral, referral.product, body.disbursedOn),
          );
        return data;
      }
      case 'complete':
        if (referral.kind === 'loan')
          throw new DomainError(
            409,
            'illegal-transition',
            'A loan is completed by its last repayment, not by hand',
          );
        return {};
      default:
        return {};
    }
  }

  /** Submission: consent in force, the product still taking referrals, every rule met. */
  private async assertSubmittable(tx: Tx, referral: ReferralRow, today: string): Promise<void> {
    if (!consentActive(referral))
      throw new DomainError(
        409,
        'no-consent',
        "The family's consent to share with this lender is not in force",
      );
    const { product } = referral;
    if (!product.live)
      throw new DomainError(409, 'product-closed', 'This product takes no new referrals');
    const problems = termsProblems(product, Number(referral.amount), referral.tenorMonths);
    if (referral.purpose === null)
      problems.push({ path: 'purpose', message: 'say what the money is for' });
    if (referral.businessPlan === null)
      problems.push({ path: 'businessPlan', message: 'add a short business plan' });
    if (problems.length > 0) throw DomainError.invalid(problems);
    const family = await tx.family.findUnique({ where: { kpmId: referral.kpmId } });
    if (!family) throw new DomainError(409, 'family-unknown', 'The family is not known here yet');
    const failed = productRules(product, family, today).filter((rule) => !rule.met);
    if (failed.length > 0)
      throw new DomainError(
        422,
        'not-eligible',
        `The family does not meet ${failed.length === 1 ? 'a rule' : `${failed.length} rules`} of ${product.title}`,
        failed.map((rule) => ({ path: `eligibility.${rule.code}`, message: ruleMessage(rule) })),
      );
  }
}
