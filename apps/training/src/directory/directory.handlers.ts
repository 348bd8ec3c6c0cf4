import { Injectable } from '@nestjs/common';
import type { EventEnvelope, KpmDirectoryChangedV1 } from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import { upsertGroupsOfCards } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';

/**
 * Keeps the families and groups caseload describes, so P2K2 rosters, nominations and tutor
 * matching work without reading caseload's tables. Set-based: an import's batch of 500 cards
 * is two statements. A card older than the one held is ignored (batches are keyed by import,
 * single changes by family, so they can arrive out of order).
 */
@Injectable()
export class DirectoryHandlers {
  @OnEvent('kpm.directory-changed', 1)
  async onDirectoryChanged(event: EventEnvelope<KpmDirectoryChangedV1>, tx: Tx): Promise<void> {
    const cards = event.payload.families;
    await tx.$executeRawUnsafe(
      `INSERT INTO family (kpm_id, head_name, assistant_id, village_code, group_id, stage,
                           business_kind, business_started_on, as_of)
       SELECT c."kpmId", c."headName", c."assistantId", c."villageCode", (c."group"->>'id')::uuid,
              c.stage, c.business->>'kind', (c.business->>'startedOn')::date, c."asOf"
       FROM jsonb_to_recordset($1::jsonb) AS c("kpmId" uuid, "headName" text, "assistantId" text,
            "villageCode" text, "group" jsonb, stage text, business jsonb, "asOf" timestamptz)
       ON CONFLICT (kpm_id) DO UPDATE SET
         head_name = excluded.head_name, assistant_id = excluded.assistant_id,
         village_code = excluded.village_code, group_id = excluded.group_id, stage = excluded.stage,
         business_kind = excluded.business_kind, business_started_on = excluded.business_started_on,
         as_of = excluded.as_of
       WHERE family.as_of <= excluded.as_of`,
      JSON.stringify(cards),
    );
    await upsertGroupsOfCards(tx, 'p2k2_group', cards);
  }
}
