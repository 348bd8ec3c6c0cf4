import type { Logger } from '@nestjs/common';
import type { SqlClient, TransactionalDb } from '@jembatan/messaging';

export interface SweepSchedule {
  /** Names the advisory lock and the log lines. */
  name: string;
  everyMs: number;
  /** A first run soon after start (a restart should not wait a whole period); none if absent. */
  firstAfterMs?: number;
  /** How long one run's transaction may take. */
  timeoutMs: number;
}

/**
 * Work that a service repeats on a timer (alert rules, the arrears sweep), run in one
 * transaction at a time across all instances: a transaction-scoped advisory lock, so a crashed
 * instance never holds it, and the instances that do not get it skip that round.
 */
export class PeriodicSweep<Tx extends SqlClient, R> {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: TransactionalDb<Tx>,
    private readonly schedule: SweepSchedule,
    private readonly work: (tx: Tx) => Promise<R>,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  start(): void {
    const run = () =>
      this.runOnce().catch((error: Error) =>
        this.logger.warn(`${this.schedule.name} failed: ${error.message}`),
      );
    if (this.schedule.firstAfterMs !== undefined)
      this.timers.push(setTimeout(run, this.schedule.firstAfterMs));
    this.timers.push(setInterval(run, this.schedule.everyMs));
    for (const timer of this.timers) timer.unref();
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  /** One run now; null when another instance holds the lock. */
  runOnce(): Promise<R | null> {
    return this.db.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRawUnsafe<[{ locked: boolean }]>(
          `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
          this.schedule.name,
        );
        return locked ? this.work(tx) : null;
      },
      { timeout: this.schedule.timeoutMs },
    );
  }
}
