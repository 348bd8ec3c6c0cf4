import { Injectable } from '@nestjs/common';
import {
  ACTIVE_LOAN_STATUSES,
  buildSchedule,
  type CapitalStatus,
  type Schedule,
} from '@jembatan/contracts';
import type { Tx } from '../database/prisma.service.js';
import type { CapitalReferral, Product } from '../generated/prisma/client.js';
import { dateOf } from '../common/dates.js';

/**
 * Each active loan's book as SQL, from its instalments and what was paid in total: payments
 * cover the oldest instalment first, and within one its interest before its principal.
 * `days` is how long the oldest instalment not paid in full is past due on $1 (0 if none).
 * Every figure the service shows or counts (a loan's arrears, PAR) comes from here.
 */
export function loanBookCte(loanFilter: string): string {
  return `loans AS (
      SELECT r.id, r.paid FROM capital_referral r
      WHERE r.status = ANY('{${ACTIVE_LOAN_STATUSES.join(',')}}'::text[]) AND ${loanFilter}
    ), lines AS (
      SELECT i.referral_id, i.due_on, i.principal, i.interest, i.total, l.paid,
             sum(i.total) OVER (PARTITION BY i.referral_id ORDER BY i.no) - i.total AS before
      FROM instalment i JOIN loans l ON l.id = i.referral_id
    ), book AS (
      SELECT referral_id,
             sum(principal - GREATEST(0, LEAST(total, GREATEST(0, paid - before)) - interest))::bigint
               AS outstanding_principal,
             COALESCE($1::date - min(due_on) FILTER (WHERE paid < before + total AND due_on < $1::date), 0)
               AS days,
             min(due_on) FILTER (WHERE paid < before + total) AS first_unpaid_due_on
      FROM lines GROUP BY referral_id
    )`;
}

/** Days a loan is behind on `today`, from the due date of its oldest instalment not paid in full. */
export function daysLate(firstUnpaidDueOn: Date | null, today: string): number {
  if (firstUnpaidDueOn === null) return 0;
  const days = Math.round((Date.parse(today) - firstUnpaidDueOn.getTime()) / 86_400_000);
  return Math.max(0, days);
}

/** Where repayment leaves a loan: paid in full, behind, or being repaid. */
export function loanStatusAfter(
  status: CapitalStatus,
  paid: bigint,
  totalDue: bigint,
  daysInArrears: number,
): CapitalStatus {
  if (paid >= totalDue) return 'completed';
  if (daysInArrears > 0) return 'in-arrears';
  return status === 'disbursed' && paid === 0n ? 'disbursed' : 'repaying';
}

export interface BookRow {
  id: string;
  status: CapitalStatus;
  paid: bigint;
  total_due: bigint;
  days: number;
}

@Injectable()
export class LoanBook {
  /** The schedule a disbursed loan is repaid by, written with the disbursement. */
  async open(tx: Tx, referral: CapitalReferral, product: Product, disbursedOn: string) {
    const principal = Number(referral.approvedAmount ?? referral.amount);
    const schedule: Schedule = buildSchedule({
      principal,
      interestRatePct: Number(product.interestRatePct),
      method: product.interestMethod as 'flat' | 'declining',
      tenorMonths: referral.tenorMonths!,
      frequency: product.repaymentFrequency as 'weekly' | 'monthly',
      disbursedOn,
    });
    await tx.instalment.createMany({
      data: schedule.instalments.map((i) => ({
        referralId: referral.id,
        no: i.no,
        dueOn: dateOf(i.dueOn),
        principal: BigInt(i.principal),
        interest: BigInt(i.interest),
        total: BigInt(i.total),
      })),
    });
    return {
      totalDue: BigInt(schedule.total),
      outstandingPrincipal: BigInt(principal),
      firstUnpaidDueOn: dateOf(schedule.instalments[0]!.dueOn),
    };
  }

  /**
   * Recomputes the books of active loans (`ids`, or all of them) as of `today` and stores
   * their arrears; returns each with the figures its next status depends on.
   */
  async refresh(tx: Tx, today: string, ids?: string[]): Promise<BookRow[]> {
    const rows = await tx.$queryRawUnsafe<BookRow[]>(
      `WITH ${loanBookCte(ids ? 'r.id = ANY($2::uuid[])' : 'true')}
       UPDATE capital_referral r
       SET outstanding_principal = b.outstanding_principal, days_in_arrears = b.days,
           first_unpaid_due_on = b.first_unpaid_due_on
       FROM book b WHERE r.id = b.referral_id
       RETURNING r.id, r.status, r.paid, r.total_due, b.days`,
      today,
      ...(ids ? [ids] : []),
    );
    return rows.map((row) => ({ ...row, days: Number(row.days) }));
  }
}
