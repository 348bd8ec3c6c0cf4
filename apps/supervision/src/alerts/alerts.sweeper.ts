import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PeriodicSweep } from '@jembatan/service-kit';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { AlertRules } from './alert-rules.js';

/** Runs the alert rules every five minutes, on one instance at a time. */
@Injectable()
export class AlertsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeper: PeriodicSweep<Tx, number>;

  constructor(prisma: PrismaService, rules: AlertRules) {
    this.sweeper = new PeriodicSweep(
      prisma,
      { name: 'supervision-alert-sweep', everyMs: 5 * 60_000, timeoutMs: 120_000 },
      (tx) => rules.run(tx, new Date()),
      new Logger(AlertsSweeper.name),
    );
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  onApplicationShutdown(): void {
    this.sweeper.stop();
  }

  /** Raises what the rules find now; null when another instance is sweeping. */
  sweep(): Promise<number | null> {
    return this.sweeper.runOnce();
  }
}
