import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { AlertRules } from './alert-rules.js';

/** How often the rules run. */
const SWEEP_MS = 5 * 60_000;

/**
 * Runs the alert rules every five minutes. One instance at a time (a transaction-scoped advisory
 * lock); the others skip that round.
 */
@Injectable()
export class AlertsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsSweeper.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly rules: AlertRules,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) =>
        this.logger.warn(`alert sweep failed: ${error.message}`),
      );
    }, SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Raises what the rules find now; null when another instance is sweeping. */
  sweep(): Promise<number | null> {
    return this.prisma.$transaction(
      async (tx) => {
        const [{ locked }] = (await tx.$queryRawUnsafe<{ locked: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock(hashtext('supervision-alert-sweep')) AS locked`,
        )) as [{ locked: boolean }];
        return locked ? this.rules.run(tx, new Date()) : null;
      },
      { timeout: 120_000 },
    );
  }
}
