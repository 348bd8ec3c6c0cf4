import type { FamilyCard } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';

/**
 * Keeps a service's copy of the KPM groups caseload's family cards name (id, name, village,
 * assistant), newest card winning. The table is the service's own and must have those columns
 * plus `as_of`; extra columns (a ledger's balance, a group's availability) are left alone.
 */
export async function upsertGroupsOfCards(
  tx: SqlClient,
  table: 'p2k2_group' | 'savings_group',
  cards: readonly FamilyCard[],
): Promise<void> {
  const groups = new Map<string, NonNullable<FamilyCard['group']> & { asOf: string }>();
  for (const card of cards) {
    const held = card.group ? groups.get(card.group.id) : undefined;
    if (card.group && (!held || held.asOf <= card.asOf))
      groups.set(card.group.id, { ...card.group, asOf: card.asOf });
  }
  if (groups.size === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO ${table} AS t (id, name, village_code, assistant_id, as_of)
     SELECT g.id, g.name, g."villageCode", g."assistantId", g."asOf"
     FROM jsonb_to_recordset($1::jsonb) AS g(id uuid, name text, "villageCode" text,
          "assistantId" text, "asOf" timestamptz)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, village_code = excluded.village_code,
       assistant_id = excluded.assistant_id, as_of = excluded.as_of
     WHERE t.as_of <= excluded.as_of`,
    JSON.stringify([...groups.values()]),
  );
}
