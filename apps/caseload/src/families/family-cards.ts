import { Injectable } from '@nestjs/common';
import {
  FAMILY_CARDS_PER_EVENT,
  TOPICS,
  type Actor,
  type FamilyCard,
  type KpmDirectoryChangedV1,
} from '@jembatan/contracts';
import type { CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';

/**
 * A family's card as SQL: the fields other services keep about it, the business and needs
 * from its latest business and needs assessments. `asOf` is read after the caller locked the
 * family, so a later change always carries a later time (consumers keep the newest card).
 */
const CARD_COLUMNS = `
  json_build_object(
    'kpmId', k.id, 'headName', k.head_name, 'assistantId', k.assistant_id,
    'villageCode', k.village_code,
    'group', CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('id', g.id, 'name', g.name,
         'villageCode', g.village_code, 'assistantId', g.assistant_id) END,
    'stage', k.stage, 'pkhEntryYear', k.pkh_entry_year,
    'business', (SELECT json_build_object('kind', a.answers->>'kind', 'startedOn', a.answers->>'startedOn')
                 FROM assessment a WHERE a.kpm_id = k.id AND a.instrument = 'business'
                 ORDER BY a.assessed_on DESC, a.recorded_at DESC LIMIT 1),
    'needs', (SELECT json_build_object(
                 'capital', (a.answers #>> '{capital,needed}')::boolean,
                 'capitalAmount', (a.answers #>> '{capital,amount}')::bigint,
                 'training', (a.answers #>> '{training,needed}')::boolean,
                 'market', (a.answers #>> '{market,needed}')::boolean,
                 'tutor', (a.answers #>> '{tutor,needed}')::boolean)
              FROM assessment a WHERE a.kpm_id = k.id AND a.instrument = 'needs'
              ORDER BY a.assessed_on DESC, a.recorded_at DESC LIMIT 1),
    'asOf', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/** Publishes `kpm.directory-changed` whenever a field of a family's card may have changed. */
@Injectable()
export class FamilyCards {
  async read(tx: Tx, kpmId: string): Promise<FamilyCard> {
    const [row] = await tx.$queryRawUnsafe<{ card: FamilyCard }[]>(
      `SELECT ${CARD_COLUMNS} AS card FROM kpm k LEFT JOIN kpm_group g ON g.id = k.group_id
       WHERE k.id = $1::uuid`,
      kpmId,
    );
    if (!row) throw new Error(`no family ${kpmId}`);
    return row.card;
  }

  async publish(context: CommandContext<Tx>, kpmId: string): Promise<void> {
    const payload: KpmDirectoryChangedV1 = { families: [await this.read(context.tx, kpmId)] };
    await context.emit({ type: 'kpm.directory-changed', version: 1, aggregateId: kpmId, payload });
  }
}

/**
 * The cards of every family an import added, as outbox rows of up to FAMILY_CARDS_PER_EVENT
 * cards each, built in one statement: a million families must not mean a million round
 * trips. $1 import id, $2 actor (json), $3 correlation id. Keyed by the import, like
 * `kpm.imported`; consumers order cards by `asOf`.
 */
export const appendImportedCards = `
  WITH cards AS (
    SELECT ${CARD_COLUMNS}::jsonb AS card,
           (row_number() OVER (ORDER BY k.id) - 1) / ${FAMILY_CARDS_PER_EVENT} AS chunk
    FROM kpm k LEFT JOIN kpm_group g ON g.id = k.group_id
    WHERE k.import_id = $1::uuid
  ), events AS (
    SELECT gen_random_uuid() AS id, jsonb_agg(card) AS families FROM cards GROUP BY chunk
  )
  INSERT INTO outbox_event (event_id, topic, key, event_type, envelope)
  SELECT e.id, '${TOPICS.events.caseload}', $1::text, 'kpm.directory-changed.v1',
         jsonb_build_object(
           'id', e.id, 'type', 'kpm.directory-changed', 'version', 1,
           'occurredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'producer', 'caseload', 'actor', $2::jsonb, 'correlationId', $3::text,
           'aggregateId', $1::text, 'payload', jsonb_build_object('families', e.families))
  FROM events e`;

export const importedCardsParams = (importId: string, actor: Actor, correlationId: string) => [
  importId,
  JSON.stringify(actor),
  correlationId,
];
