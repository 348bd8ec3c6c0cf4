import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ACTIVE_LOAN_STATUSES,
  applyPayments,
  type CapitalStatus,
  type CommandPayload,
  type CommandResponse,
  type ScheduleView,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { dateOf, isoDay, todayIso } from '../common/dates.js';
import { assertCanAct, assertCanReadReferral } from '../referrals/access.js';
import { ReferralRepository, type ReferralRow } from '../referrals/referral.repository.js';
import { LoanSettlement } from './loan-settlement.js';

type Db = PrismaService | Tx;

/** Schedules and repayments: the lender records what it received; the loan moves by itself. */
@Injectable()
export class LoansHandlers {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly settlement: LoanSettlement,
  ) {}

  private async schedule(db: Db, referral: ReferralRow): Promise<ScheduleView> {
    if (referral.totalDue === null)
      throw new DomainError(404, 'no-schedule', 'A schedule exists once a loan is disbursed');
    const [instalments, payments] = await Promise.all([
      db.instalment.findMany({ where: { referralId: referral.id }, orderBy: { no: 'asc' } }),
      db.payment.findMany({ where: { referralId: referral.id }, orderBy: { paidOn: 'asc' } }),
    ]);
    const today = todayIso();
    const applied = applyPayments(
      instalments.map((i) => ({
        no: i.no,
        dueOn: isoDay(i.dueOn),
        principal: Number(i.principal),
        interest: Number(i.interest),
        total: Number(i.total),
      })),
      payments.map((p) => ({ paidOn: isoDay(p.paidOn), amount: Number(p.amount) })),
      today,
    );
    const principal = Number(referral.approvedAmount ?? referral.amount);
    return {
      referralId: referral.id,
      method: referral.product.interestMethod as 'flat' | 'declining',
      frequency: referral.product.repaymentFrequency as 'weekly' | 'monthly',
      interestRatePct: Number(referral.product.interestRatePct),
      principal,
      totalInterest: Number(referral.totalDue) - principal,
      total: Number(referral.totalDue),
      paid: applied.paid,
      daysInArrears: applied.daysInArrears,
      instalments: applied.instalments.map((i) => ({
        ...i,
        status:
          i.paid === i.total
            ? 'paid'
            : i.dueOn < today
              ? 'late'
              : i.paid > 0
                ? 'partly-paid'
                : 'due',
      })),
      payments: payments.map((p) => ({
        id: p.id,
        paidOn: isoDay(p.paidOn),
        amount: Number(p.amount),
        note: p.note,
        recordedBy: p.recordedBy,
        recordedAt: p.recordedAt.toISOString(),
      })),
    };
  }

  @HandleCommand('microcredit.schedule.get')
  async get(
    input: CommandPayload<'microcredit.schedule.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'microcredit.schedule.get'>> {
    const referral = await this.referrals.load(tx, input.referralId);
    assertCanReadReferral(actor, referral);
    return this.schedule(tx, referral);
  }

  @HandleCommand('microcredit.payment.record')
  async record(
    input: CommandPayload<'microcredit.payment.record'>,
    { actor, tx, correlationId }: CommandContext<Tx>,
  ): Promise<CommandResponse<'microcredit.payment.record'>> {
    const referral = await this.referrals.load(tx, input.referralId, true);
    assertCanAct(actor, referral, 'lender');
    if (
      !ACTIVE_LOAN_STATUSES.includes(referral.status as CapitalStatus) ||
      referral.kind !== 'loan'
    )
      throw new DomainError(
        409,
        'not-repaying',
        `A ${referral.status} ${referral.kind} takes no repayments`,
      );
    const outstanding = referral.totalDue! - referral.paid;
    if (BigInt(input.amount) > outstanding)
      throw DomainError.invalid([
        { path: 'amount', message: `is more than the ${outstanding} rupiah still owed` },
      ]);
    if (input.paidOn < isoDay(referral.disbursedOn!))
      throw DomainError.invalid([{ path: 'paidOn', message: 'cannot be before the disbursement' }]);
    await tx.payment.create({
      data: {
        id: randomUUID(),
        referralId: referral.id,
        paidOn: dateOf(input.paidOn),
        amount: BigInt(input.amount),
        note: input.note ?? null,
        recordedBy: actor.userId,
      },
    });
    await tx.capitalReferral.update({
      where: { id: referral.id },
      data: { paid: { increment: BigInt(input.amount) } },
    });
    await this.settlement.settle(tx, [referral.id], actor, correlationId, 'repayment recorded');
    const updated = await this.referrals.load(tx, referral.id);
    return {
      ...(await this.schedule(tx, updated)),
      referral: await this.referrals.view(tx, updated, actor),
    };
  }
}
