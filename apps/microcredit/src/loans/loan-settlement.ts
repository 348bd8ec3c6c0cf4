import { randomUUID } from 'node:crypto';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SYSTEM_ACTOR, type Actor } from '@jembatan/contracts';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { todayIso } from '../common/dates.js';
import { CapitalLifecycle } from '../referrals/lifecycle.js';
import { ReferralRepository } from '../referrals/referral.repository.js';
import { LoanBook, loanStatusAfter } from './loan-book.js';

/** How often every active loan's arrears are recomputed (days change at midnight). */
const SWEEP_MS = 60 * 60_000;

/**
 * Where repayment leaves loans: after a payment or a back-dated disbursement for one loan,
 * and every hour for all of them (an instalment falling due unpaid puts a loan in arrears
 * with nobody touching it). One sweeper at a time across instances (advisory lock).
 */
@Injectable()
export class LoanSettlement implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LoanSettlement.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly book: LoanBook,
    private readonly lifecycle: CapitalLifecycle,
    private readonly referrals: ReferralRepository,
  ) {}

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
    const run = () =>
      this.sweep().catch((error: Error) =>
        this.logger.warn(`arrears sweep failed: ${error.message}`),
      );
    setTimeout(run, 5_000).unref();
    this.timer = setInterval(run, SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Every active loan, as of today; null when another instance is sweeping. */
  sweep(): Promise<number | null> {
    return this.prisma.$transaction(
      async (tx) => {
        const [{ locked }] = (await tx.$queryRawUnsafe<{ locked: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock(hashtext('microcredit-arrears-sweep')) AS locked`,
        )) as [{ locked: boolean }];
        if (!locked) return null;
        const moved = await this.settle(tx, undefined, SYSTEM_ACTOR, randomUUID(), 'arrears sweep');
        if (moved > 0) this.logger.log(`arrears sweep moved ${moved} loans`);
        return moved;
      },
      { timeout: 300_000 },
    );
  }
}
