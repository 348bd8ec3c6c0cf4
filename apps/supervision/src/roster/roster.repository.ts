import { Injectable } from '@nestjs/common';
import {
  isWithinRegion,
  regionAncestry,
  type AccountChangedV1,
  type Actor,
} from '@jembatan/contracts';
import { DomainError, type SqlClient } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  regionCode: string | null;
  active: boolean;
  /** The day (YYYY-MM-DD) the account was created: no attendance is expected before it. */
  since: string;
}

const STAFF_COLUMNS = `account_id AS id, display_name AS name, role, region_code AS "regionCode",
  active, to_char(active_since, 'YYYY-MM-DD') AS since`;

/** The region codes whose assistant counts a member adds to: every ancestor and the nation (''). */
const countedIn = (regionCode: string | null) => [
  '',
  ...(regionCode ? regionAncestry(regionCode) : []),
];

/**
 * Supervision's roster: every account as the gateway last described it. Active assistants are
 * the ones expected at work, invited to meetings and reached by announcements.
 */
@Injectable()
export class RosterRepository {
  /** Applies an account event; an older state than the one held is ignored. */
  async apply(tx: Tx, account: AccountChangedV1): Promise<void> {
    const [before] = await tx.$queryRawUnsafe<
      { role: string; regionCode: string | null; active: boolean; asOf: Date }[]
    >(
      `SELECT role, region_code AS "regionCode", active, as_of AS "asOf"
       FROM staff_member WHERE account_id = $1::uuid FOR UPDATE`,
      account.accountId,
    );
    if (before && before.asOf.getTime() > Date.parse(account.asOf)) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO staff_member (account_id, display_name, role, region_code, active, active_since, as_of)
       VALUES ($1::uuid, $2, $3, $4, $5, $7::timestamptz, $6::timestamptz)
       ON CONFLICT (account_id) DO UPDATE SET display_name = excluded.display_name,
         role = excluded.role, region_code = excluded.region_code, active = excluded.active,
         active_since = excluded.active_since, as_of = excluded.as_of`,
      account.accountId,
      account.displayName,
      account.role,
      account.regionCode,
      !account.disabled,
      account.asOf,
      account.activeSince,
    );
    const deltas = new Map<string, number>();
    const count = (
      member: { role: string; regionCode: string | null; active: boolean },
      by: number,
    ) => {
      if (member.role !== 'assistant' || !member.active) return;
      for (const code of countedIn(member.regionCode))
        deltas.set(code, (deltas.get(code) ?? 0) + by);
    };
    if (before) count(before, -1);
    count({ role: account.role, regionCode: account.regionCode, active: !account.disabled }, +1);
    const changed = [...deltas].filter(([, by]) => by !== 0).sort(([a], [b]) => a.localeCompare(b));
    if (changed.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO region_assistant_count (region_code, assistants)
       SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (region_code) DO UPDATE
         SET assistants = region_assistant_count.assistants + excluded.assistants`,
      changed.map(([code]) => code),
      changed.map(([, by]) => by),
    );
  }

  async find(db: SqlClient, id: string): Promise<StaffMember | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [member] = await db.$queryRawUnsafe<StaffMember[]>(
      `SELECT ${STAFF_COLUMNS} FROM staff_member WHERE account_id = $1::uuid`,
      id,
    );
    return member ?? null;
  }

  /** Active assistants working in `region` (everywhere when null), by name. */
  assistantsIn(db: SqlClient, region: string | null): Promise<StaffMember[]> {
    return db.$queryRawUnsafe<StaffMember[]>(
      `SELECT ${STAFF_COLUMNS} FROM staff_member
       WHERE role = 'assistant' AND active
         AND ($1::text IS NULL OR region_code = $1 OR region_code LIKE $1 || '.%')
       ORDER BY display_name`,
      region,
    );
  }

  /**
   * The active assistants of `region` named in `ids` (a request's field `field`), deduplicated;
   * anyone else is a 400 naming their position in the field.
   */
  async requireAssistantsIn(
    db: SqlClient,
    region: string | null,
    ids: readonly string[],
    field: string,
  ): Promise<string[]> {
    const known = new Set((await this.assistantsIn(db, region)).map((m) => m.id));
    const strangers = ids.map((id, index) => ({ id, index })).filter(({ id }) => !known.has(id));
    if (strangers.length > 0)
      throw DomainError.invalid(
        strangers.map(({ id, index }) => ({
          path: `${field}.${index}`,
          message: `${id} is not an active assistant of ${region ?? 'Indonesia'}`,
        })),
      );
    return [...new Set(ids)];
  }

  /** Display names by account id. */
  async namesOf(db: SqlClient, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.$queryRawUnsafe<{ id: string; name: string }[]>(
      `SELECT account_id::text AS id, display_name AS name FROM staff_member
       WHERE account_id::text = ANY($1::text[])`,
      [...new Set(ids)],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * The assistant a caller may look at: themself, or (coordinators, the Dinas) one working in
   * their region; admins anyone. 404 for an unknown assistant, 403 outside the caller's scope.
   */
  async supervisable(db: SqlClient, actor: Actor, assistantId: string): Promise<StaffMember> {
    const member = await this.find(db, assistantId);
    if (!member || member.role !== 'assistant')
      throw new DomainError(404, 'not-found', `No assistant ${assistantId}`);
    if (actor.userId === member.id || actor.role === 'admin') return member;
    const supervises =
      (actor.role === 'coordinator' || actor.role === 'dinas') &&
      actor.regionCode !== null &&
      member.regionCode !== null &&
      isWithinRegion(member.regionCode, actor.regionCode);
    if (!supervises)
      throw new DomainError(403, 'forbidden', 'That assistant works outside your region');
    return member;
  }
}
