import { randomUUID } from 'node:crypto';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  CLOSED_STAGES,
  SYSTEM_ACTOR,
  type Actor,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, OutboxWriter, type CommandContext } from '@jembatan/messaging';
import { PeriodicSweep, anonymiseFamily, loadEnv } from '@jembatan/service-kit';
import { z } from 'zod';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { FamiliesRepository } from '../families/families.repository.js';
import { FamilyCards } from '../families/family-cards.js';

const RetentionEnv = z.object({
  /** Years a family's personal data is kept after it left PKH (graduated or exited). */
  RETENTION_YEARS_AFTER_EXIT: z.coerce.number().int().min(1).max(30).default(5),
});

/** Families anonymised per run: each is its own few statements and events. */
const BATCH = 500;

const CLOSED = CLOSED_STAGES.map((stage) => `'${stage}'`).join(', ');

/**
 * What caseload keeps of an anonymised family: its village, stage, years and figures (for
 * statistics and targets); not its names, numbers, address, notes or exact birth dates.
 * $1 the family, $2 the replacement name. The NIK column is unique and required, so it gets a
 * placeholder that cannot be a NIK (it starts with X).
 */
const ANONYMISE = [
  `UPDATE kpm SET head_name = $2, phone = NULL, address = $2,
     nik = 'X' || substr(md5(id::text), 1, 15), anonymised_at = now()
   WHERE id = $1::uuid`,
  `UPDATE kpm_member SET name = $2, nik = NULL,
     birth_date = date_trunc('year', birth_date)::date WHERE kpm_id = $1::uuid`,
  `UPDATE kpm_case SET summary = $2 WHERE kpm_id = $1::uuid`,
  `UPDATE case_note SET text = $2 WHERE case_id IN (SELECT id FROM kpm_case WHERE kpm_id = $1::uuid)`,
  `UPDATE assessment SET notes = NULL WHERE kpm_id = $1::uuid`,
  `UPDATE follow_up SET notes = NULL WHERE kpm_id = $1::uuid`,
  `UPDATE ledger_entry SET note = NULL WHERE kpm_id = $1::uuid`,
  `UPDATE consent_withdrawal SET stated_by = $2 WHERE kpm_id = $1::uuid`,
];

/**
 * The retention rule (UU PDP Art. 43: personal data is erased or anonymised once its purpose
 * is served): families that left PKH more than RETENTION_YEARS_AFTER_EXIT years ago are
 * anonymised here and, through kpm.anonymised, in every other service. Runs daily and on an
 * admin's request; each family's anonymisation is audited.
 */
@Injectable()
export class RetentionHandlers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionHandlers.name);
  private readonly years = loadEnv(RetentionEnv).RETENTION_YEARS_AFTER_EXIT;
  private readonly sweeper: PeriodicSweep<Tx, number>;

  constructor(
    prisma: PrismaService,
    private readonly families: FamiliesRepository,
    private readonly cards: FamilyCards,
    private readonly outbox: OutboxWriter,
  ) {
    this.sweeper = new PeriodicSweep(
      prisma,
      {
        name: 'caseload-retention',
        everyMs: 24 * 3_600_000,
        // Not in the first minutes after a start: nothing is urgent about a rule counted in
        // years, and a test suite's own run (POST /api/retention/run) must not race it.
        firstAfterMs: 15 * 60_000,
        timeoutMs: 600_000,
      },
      async (tx) => {
        const correlationId = randomUUID();
        const done = await this.apply(tx, SYSTEM_ACTOR, correlationId, async (draft) => {
          await this.outbox.append(tx, draft, { actor: SYSTEM_ACTOR, correlationId });
        });
        if (done > 0) this.logger.log(`retention rule anonymised ${done} families`);
        return done;
      },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  onModuleDestroy(): void {
    this.sweeper.stop();
  }

  @HandleCommand('caseload.retention.apply')
  async applyNow(
    _: CommandPayload<'caseload.retention.apply'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.retention.apply'>> {
    if (context.actor.role !== 'admin')
      throw new DomainError(403, 'forbidden', 'Only an admin applies the retention rule');
    const anonymised = await this.apply(
      context.tx,
      context.actor,
      context.correlationId,
      context.emit,
    );
    return {
      retentionYears: this.years,
      leftBefore: this.leftBefore().toISOString().slice(0, 10),
      anonymised,
    };
  }

  private leftBefore(): Date {
    const day = new Date();
    day.setUTCFullYear(day.getUTCFullYear() - this.years);
    return day;
  }

  private async apply(
    tx: Tx,
    actor: Actor,
    correlationId: string,
    emit: CommandContext<Tx>['emit'],
  ): Promise<number> {
    const due = await tx.$queryRawUnsafe<{ id: string; stage: string; left_at: Date }[]>(
      `SELECT id, stage, stage_changed_at AS left_at FROM kpm
       WHERE anonymised_at IS NULL AND stage IN (${CLOSED}) AND stage_changed_at < $1
       ORDER BY stage_changed_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      this.leftBefore(),
    );
    for (const family of due) {
      await anonymiseFamily(tx, family.id, ANONYMISE);
      await this.families.audit(tx, family.id, {
        action: 'anonymised',
        reason: `retention rule: ${family.stage} on ${family.left_at.toISOString().slice(0, 10)}, kept ${this.years} years`,
        actor,
        correlationId,
      });
      await emit({
        type: 'kpm.anonymised',
        version: 1,
        aggregateId: family.id,
        payload: { kpmId: family.id, anonymisedAt: new Date().toISOString() },
      });
      await emit({
        type: 'kpm.directory-changed',
        version: 1,
        aggregateId: family.id,
        payload: { families: [await this.cards.read(tx, family.id)] },
      });
    }
    return due.length;
  }
}
