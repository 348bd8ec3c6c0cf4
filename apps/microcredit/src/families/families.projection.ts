import { Injectable } from '@nestjs/common';
import type {
  EventEnvelope,
  KpmDirectoryChangedV1,
  TrainingCompletedV1,
} from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import { upsertGroupsOfCards } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';

/**
 * Families as caseload's cards describe them: what a product's rules look at (village,
 * stage, business), the assistant who refers them and their group, whose savings ledger
 * microcredit keeps. No NIK and no phone arrive here, so none
 * can reach a lender. Set-based; an older card never overwrites a newer one.
 */
@Injectable()
export class FamiliesProjection {
  @OnEvent('kpm.directory-changed', 1)
  async onDirectoryChanged(event: EventEnvelope<KpmDirectoryChangedV1>, tx: Tx): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO family AS f (kpm_id, head_name, assistant_id, village_code, group_id, stage,
              business_kind, business_started_on, trainings_completed, as_of)
       SELECT c."kpmId", c."headName", c."assistantId", c."villageCode", (c."group"->>'id')::uuid,
              c.stage,
              c.business->>'kind', (c.business->>'startedOn')::date,
              (SELECT count(*) FROM completed_training t WHERE t.kpm_id = c."kpmId"), c."asOf"
       FROM jsonb_to_recordset($1::jsonb) AS c("kpmId" uuid, "headName" text, "assistantId" text,
            "villageCode" text, "group" jsonb, stage text, business jsonb, "asOf" timestamptz)
       ON CONFLICT (kpm_id) DO UPDATE SET
         head_name = excluded.head_name, assistant_id = excluded.assistant_id,
         village_code = excluded.village_code, group_id = excluded.group_id, stage = excluded.stage,
         business_kind = excluded.business_kind, business_started_on = excluded.business_started_on,
         as_of = excluded.as_of
       WHERE f.as_of <= excluded.as_of`,
      JSON.stringify(event.payload.families),
    );
    await upsertGroupsOfCards(tx, 'savings_group', event.payload.families);
  }

  /** A product's "prior training" rule: counted once per enrolment, however often it arrives. */
  @OnEvent('training.completed', 1)
  async onTrainingCompleted(event: EventEnvelope<TrainingCompletedV1>, tx: Tx): Promise<void> {
    const { enrolmentId, kpmId } = event.payload;
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO completed_training (enrolment_id, kpm_id) VALUES ($1::uuid, $2::uuid)
       ON CONFLICT DO NOTHING`,
      enrolmentId,
      kpmId,
    );
    if (inserted > 0)
      await tx.$executeRawUnsafe(
        `UPDATE family SET trainings_completed = trainings_completed + 1 WHERE kpm_id = $1::uuid`,
        kpmId,
      );
  }
}
