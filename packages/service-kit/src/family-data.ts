import { Injectable, type Type } from '@nestjs/common';
import type { Actor, BackendService, CommandName, FamilyDataSection } from '@jembatan/contracts';
import {
  DomainError,
  HandleCommand,
  type CommandContext,
  type SqlClient,
} from '@jembatan/messaging';
import { maskNik, maskPhone } from '@jembatan/contracts';
import { assertCanRead, seesIdentity, type FamilyScope } from './family-access.js';

/**
 * What one service holds about a family, for the family's right of access: one SQL query per
 * table, each taking the family's id as $1.
 */
export interface FamilyDataPlan {
  /** Where the family lives and whose caseload it is in, by its id; null when unknown here. */
  scopeSql: string;
  /** Caseload owns the family record: a family it does not know does not exist (404). */
  owner?: boolean;
  tables: Record<string, string>;
  /** Identity columns by table, masked unless the caller works with them (the family's assistant). */
  identity?: Record<string, Record<string, 'nik' | 'phone'>>;
  /** Tables a role may not receive, with the reason written into the export. */
  withheldFor?: (actor: Actor) => { table: string; reason: string }[];
}

/**
 * Runs a service's plan for one family. The caller must be allowed to read the family (its
 * assistant, the region's coordinator or Dinas, an admin). A service that has never heard of
 * the family answers with empty tables, except to partners and treasurers, who are refused.
 */
export async function exportFamilyData(
  db: SqlClient,
  actor: Actor,
  kpmId: string,
  service: BackendService,
  plan: FamilyDataPlan,
): Promise<FamilyDataSection> {
  const [scope] = await db.$queryRawUnsafe<FamilyScope[]>(plan.scopeSql, kpmId);
  if (scope) assertCanRead(actor, scope);
  else if (plan.owner) throw new DomainError(404, 'not-found', 'No such family');
  else if (actor.role === 'partner' || actor.role === 'treasurer')
    throw new DomainError(403, 'forbidden', "A family's own data is exported by its assistant");
  const withheld = plan.withheldFor?.(actor) ?? [];
  const hidden = new Set(withheld.map((w) => w.table));
  const masks = scope && seesIdentity(actor, scope) ? {} : (plan.identity ?? {});
  const tables: FamilyDataSection['tables'] = {};
  for (const [table, sql] of Object.entries(plan.tables)) {
    if (hidden.has(table)) continue;
    const rows = scope ? await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, kpmId) : [];
    tables[table] = rows.map((row) => masked(jsonSafeRow(row), masks[table] ?? {}));
  }
  return { service, tables, withheld };
}

/**
 * The provider a service registers to answer `<service>.family-data.export` with its plan
 * (a function of the caller when what a role may receive changes the queries).
 */
export function familyDataHandlers(
  service: BackendService,
  plan: FamilyDataPlan | ((actor: Actor) => FamilyDataPlan),
): Type<unknown> {
  @Injectable()
  class FamilyDataHandlers {
    @HandleCommand(`${service}.family-data.export` as CommandName)
    export(input: { kpmId: string }, { actor, tx }: CommandContext): Promise<FamilyDataSection> {
      const planned = typeof plan === 'function' ? plan(actor) : plan;
      return exportFamilyData(tx, actor, input.kpmId, service, planned);
    }
  }
  return FamilyDataHandlers;
}

function masked(
  row: Record<string, unknown>,
  columns: Record<string, 'nik' | 'phone'>,
): Record<string, unknown> {
  for (const [column, kind] of Object.entries(columns)) {
    const value = row[column];
    if (typeof value === 'string') row[column] = kind === 'nik' ? maskNik(value) : maskPhone(value);
  }
  return row;
}

function jsonSafeRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, jsonSafe(value)]));
}

/** Values as JSON can carry them: bigints and decimals as strings, dates in ISO, bytes by size. */
export function jsonSafe(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `(${value.length} bytes)`;
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === 'object') {
    // Prisma's Decimal (and anything else with its own text form) keeps its exact digits.
    if (value.constructor !== Object && typeof value.toString === 'function')
      return value.toString();
    return jsonSafeRow(value as Record<string, unknown>);
  }
  return value;
}
