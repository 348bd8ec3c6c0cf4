import { randomUUID } from 'node:crypto';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SYSTEM_ACTOR, type Actor } from '@jembatan/contracts';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { PeriodicSweep } from '@jembatan/service-kit';
import { todayIso } from '../common/dates.js';
import { CapitalLifecycle } from '../referrals/lifecycle.js';
import { ReferralRepository } from '../referrals/referral.repository.js';
import { LoanBook, loanStatusAfter } from './loan-book.js';

/**
 * Where repayment leaves loans: after a payment or a back-dated disbursement for one loan,
 * and every hour for all of them (an instalment falling due unpaid puts a loan in arrears
 * with nobody touching it). One sweeper at a time across instances (advisory lock).
 */
@Injectable()
export class LoanSettlement implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LoanSettlement.name);
  private readonly sweeper: PeriodicSweep<Tx, number>;

  constructor(
    prisma: PrismaService,
    private readonly book: LoanBook,
    private readonly lifecycle: CapitalLifecycle,
    private readonly referrals: ReferralRepository,
  ) {
    // Hourly (days change at midnight), and soon after start.
    this.sweeper = new PeriodicSweep(
      prisma,
      {
        name: 'microcredit-arrears-sweep',
        everyMs: 60 * 60_000,
        firstAfterMs: 5_000,
        timeoutMs: 300_000,
      },
      async (tx) => {
        const moved = await this.settle(tx, undefined, SYSTEM_ACTOR, randomUUID(), 'arrears sweep');
        if (moved > 0) this.logger.log(`arrears sweep moved ${moved} loans`);
        return moved;
      },
      this.logger,
    );
  }

  /**
   * Recomputes loans' books (`ids`, or every active loan) and moves each whose repayment
   * changed where it stands: first payment, fallen behind, caught up, paid in full.
   */
  async settle(
    tx: Tx,
    ids: string[] | undefined,
    actor: Actor,
    correlationId: string,
    reason: string,
  ): Promise<number> {
    const rows = await this.book.refresh(tx, todayIso(), ids);
    let moved = 0;
    for (const row of rows) {
      const next = loanStatusAfter(row.status, row.paid, row.total_due, row.days);
      if (next === row.status) continue;
      const referral = await this.referrals.load(tx, row.id);
      await this.lifecycle.move(tx, referral, { to: next, actor, correlationId, reason });
      moved += 1;
    }
    return moved;
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  onApplicationShutdown(): void {
    this.sweeper.stop();
  }

  /** Every active loan, as of today; null when another instance is sweeping. */
  sweep(): Promise<number | null> {
    return this.sweeper.runOnce();
  }
}
