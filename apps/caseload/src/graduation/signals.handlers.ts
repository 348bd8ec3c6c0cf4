import { Injectable, Logger } from '@nestjs/common';
import type {
  CapitalReferralOutcomeV1,
  CapitalReferralOutcomeV2,
  EventEnvelope,
  P2k2AttendanceRecordedV1,
  P2k2AttendanceRecordedV2,
  TrainingCompletedV1,
} from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ReadinessService } from './readiness.service.js';

/**
 * Folds what the training and microcredit services report about a family into its readiness.
 * Each runs in the consumer's transaction with the event's id recorded, so a redelivered event
 * changes nothing; an event about a family this service does not know is skipped and logged.
 */
@Injectable()
export class SignalsHandlers {
  private readonly logger = new Logger('Signals');

  constructor(private readonly readiness: ReadinessService) {}

  private async apply(
    tx: Tx,
    kpmId: string,
    event: EventEnvelope<unknown>,
    change: Prisma.KpmSignalsUpdateInput,
    initial: Omit<Prisma.KpmSignalsUncheckedCreateInput, 'kpmId'>,
  ): Promise<void> {
    const family = await tx.kpm.findUnique({ where: { id: kpmId }, select: { id: true } });
    if (!family) {
      this.logger.warn(`${event.type} ${event.id} is about unknown family ${kpmId}; skipped`);
      return;
    }
    await tx.kpmSignals.upsert({ where: { kpmId }, create: { kpmId, ...initial }, update: change });
    await this.readiness.refresh(tx, kpmId);
  }

  @OnEvent('p2k2.attendance-recorded', 1)
  async onAttendance(event: EventEnvelope<P2k2AttendanceRecordedV1>, tx: Tx): Promise<void> {
    const attended = event.payload.attended ? 1 : 0;
    await this.apply(
      tx,
      event.payload.kpmId,
      event,
      { p2k2Held: { increment: 1 }, p2k2Attended: { increment: attended } },
      { p2k2Held: 1, p2k2Attended: attended },
    );
  }

  /** A whole session at once: the counters in one statement, then each family's readiness. */
  @OnEvent('p2k2.attendance-recorded', 2)
  async onSessionAttendance(event: EventEnvelope<P2k2AttendanceRecordedV2>, tx: Tx): Promise<void> {
    const entries = event.payload.attendance;
    const known = await tx.$queryRawUnsafe<{ kpm_id: string }[]>(
      `INSERT INTO kpm_signals (kpm_id, p2k2_held, p2k2_attended)
       SELECT a.kpm_id, 1, CASE WHEN a.attended THEN 1 ELSE 0 END
       FROM unnest($1::uuid[], $2::boolean[]) AS a(kpm_id, attended)
       JOIN kpm k ON k.id = a.kpm_id
       ON CONFLICT (kpm_id) DO UPDATE SET
         p2k2_held = kpm_signals.p2k2_held + 1,
         p2k2_attended = kpm_signals.p2k2_attended + excluded.p2k2_attended
       RETURNING kpm_id`,
      entries.map((e) => e.kpmId),
      entries.map((e) => e.attended),
    );
    if (known.length < entries.length)
      this.logger.warn(
        `${event.type} ${event.id}: ${entries.length - known.length} of ${entries.length} families unknown here; skipped`,
      );
    for (const { kpm_id } of known) await this.readiness.refresh(tx, kpm_id);
  }

  @OnEvent('training.completed', 1)
  async onTrainingCompleted(event: EventEnvelope<TrainingCompletedV1>, tx: Tx): Promise<void> {
    const lastTraining = `${event.payload.title} (${event.payload.completedOn})`;
    await this.apply(
      tx,
      event.payload.kpmId,
      event,
      { trainingsCompleted: { increment: 1 }, lastTraining },
      { trainingsCompleted: 1, lastTraining },
    );
  }

  @OnEvent('capital-referral.outcome-recorded', 1)
  async onCapitalOutcome(event: EventEnvelope<CapitalReferralOutcomeV1>, tx: Tx): Promise<void> {
    await this.capitalOutcome(tx, event, event.payload.outcome);
  }

  /** v2 reports every move; only those with an outcome (approved onwards) change readiness. */
  @OnEvent('capital-referral.outcome-recorded', 2)
  async onCapitalOutcomeV2(event: EventEnvelope<CapitalReferralOutcomeV2>, tx: Tx): Promise<void> {
    if (event.payload.outcome !== null) await this.capitalOutcome(tx, event, event.payload.outcome);
  }

  private async capitalOutcome(
    tx: Tx,
    event: EventEnvelope<CapitalReferralOutcomeV1 | CapitalReferralOutcomeV2>,
    capitalOutcome: string,
  ): Promise<void> {
    const at = new Date(event.payload.recordedAt);
    const existing = await tx.kpmSignals.findUnique({ where: { kpmId: event.payload.kpmId } });
    // Outcomes can arrive out of order across referrals; the newest one stands.
    if (existing?.capitalOutcomeAt && existing.capitalOutcomeAt > at) return;
    const outcome = { capitalOutcome, capitalOutcomeAt: at };
    await this.apply(tx, event.payload.kpmId, event, outcome, outcome);
  }
}
