import { Injectable } from '@nestjs/common';
import type {
  EventEnvelope,
  KpmDirectoryChangedV1,
  TrainingCompletedV1,
} from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';

/**
 * The broker's projection of families from caseload's cards: where they live, their stage,
 * business and assessed needs; no NIK, no phone. Set-based (an import's 500 cards are one
 * statement); an older card never overwrites a newer one. A card without `needs` (published
 * before cards carried them) keeps the needs held.
 */
@Injectable()
export class FamilyProfilesHandlers {
  @OnEvent('kpm.directory-changed', 1)
  async onDirectoryChanged(event: EventEnvelope<KpmDirectoryChangedV1>, tx: Tx): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO family_profile AS f (kpm_id, head_name, assistant_id, village_code, stage,
              business_kind, business_started_on, need_capital, capital_amount, need_training,
              need_market, need_tutor, trainings_completed, as_of)
       SELECT c."kpmId", c."headName", c."assistantId", c."villageCode", c.stage,
              c.business->>'kind', (c.business->>'startedOn')::date,
              COALESCE((c.needs->>'capital')::boolean, false), (c.needs->>'capitalAmount')::bigint,
              COALESCE((c.needs->>'training')::boolean, false),
              COALESCE((c.needs->>'market')::boolean, false),
              COALESCE((c.needs->>'tutor')::boolean, false),
              (SELECT count(*) FROM completed_training t WHERE t.kpm_id = c."kpmId"), c."asOf"
       FROM jsonb_to_recordset($1::jsonb) AS c("kpmId" uuid, "headName" text, "assistantId" text,
            "villageCode" text, stage text, business jsonb, needs jsonb, "asOf" timestamptz)
       ON CONFLICT (kpm_id) DO UPDATE SET
         head_name = excluded.head_name, assistant_id = excluded.assistant_id,
         village_code = excluded.village_code, stage = excluded.stage,
         business_kind = excluded.business_kind, business_started_on = excluded.business_started_on,
         need_capital = CASE WHEN excluded.kpm_id = ANY($2::uuid[]) THEN excluded.need_capital ELSE f.need_capital END,
         capital_amount = CASE WHEN excluded.kpm_id = ANY($2::uuid[]) THEN excluded.capital_amount ELSE f.capital_amount END,
         need_training = CASE WHEN excluded.kpm_id = ANY($2::uuid[]) THEN excluded.need_training ELSE f.need_training END,
         need_market = CASE WHEN excluded.kpm_id = ANY($2::uuid[]) THEN excluded.need_market ELSE f.need_market END,
         need_tutor = CASE WHEN excluded.kpm_id = ANY($2::uuid[]) THEN excluded.need_tutor ELSE f.need_tutor END,
         as_of = excluded.as_of
       WHERE f.as_of <= excluded.as_of`,
      JSON.stringify(event.payload.families),
      // Families whose card carries needs (null included: no assessment yet).
      event.payload.families.filter((card) => card.needs !== undefined).map((card) => card.kpmId),
    );
  }

  /** Prior training: counted once per enrolment, however often the event arrives. */
  @OnEvent('training.completed', 1)
  async onTrainingCompleted(event: EventEnvelope<TrainingCompletedV1>, tx: Tx): Promise<void> {
    const { enrolmentId, kpmId, title, completedOn } = event.payload;
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO completed_training (enrolment_id, kpm_id, title, completed_on)
       VALUES ($1::uuid, $2::uuid, $3, $4::date) ON CONFLICT DO NOTHING`,
      enrolmentId,
      kpmId,
      title,
      completedOn,
    );
    if (inserted > 0)
      await tx.$executeRawUnsafe(
        `UPDATE family_profile SET trainings_completed = trainings_completed + 1 WHERE kpm_id = $1::uuid`,
        kpmId,
      );
  }
}
