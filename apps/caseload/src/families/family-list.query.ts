import { Injectable } from '@nestjs/common';
import type { KpmFlag, Stage } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import { longStayBefore, type SummaryRow } from './family.views.js';

export interface FamilyListFilter {
  assistantId?: string;
  regionPrefix?: string;
  q?: string;
  groupId?: string;
  regionCode?: string;
  stage?: Stage;
  flag?: KpmFlag;
  cursor?: string;
  limit: number;
}

interface ListRow {
  id: string;
  head_name: string;
  nik: string;
  village_code: string;
  pkh_entry_year: number;
  assistant_id: string;
  stage: string;
  readiness_score: number | null;
  ready: boolean;
  zero_balance: boolean;
  card_misheld: boolean;
  missed_stage: boolean;
  non_compliant: boolean;
  group_id: string | null;
  group_name: string | null;
  leader_kpm_id: string | null;
}

const OPEN = Prisma.sql`k.stage IN ('active', 'potential', 'candidate')`;

const FLAG_CONDITIONS: Record<KpmFlag, () => Prisma.Sql> = {
  'long-stay': () => Prisma.sql`${OPEN} AND k.pkh_entry_year < ${longStayBefore()}`,
  'zero-balance': () => Prisma.sql`k.zero_balance`,
  'card-misheld': () => Prisma.sql`k.card_misheld`,
  'missed-stage': () => Prisma.sql`k.missed_stage`,
  'non-compliant': () => Prisma.sql`k.non_compliant`,
  ready: () => Prisma.sql`${OPEN} AND k.ready`,
};

/** `a%b_c` typed by a user matches those characters literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Keyset cursor over (head name, id): stable under inserts, cheap on any page. */
export const encodeCursor = (name: string, id: string) =>
  Buffer.from(JSON.stringify([name, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((part) => typeof part === 'string')
    )
      return value as [string, string];
  } catch {
    // fall through to the 400
  }
  throw DomainError.invalid([{ path: 'cursor', message: 'is not a cursor this list returned' }]);
}

/**
 * The caseload list, in SQL: it is the hottest read (every assistant opens it many times a
 * day) and must stay fast with a million families, so it is one indexed query plus a count.
 */
@Injectable()
export class FamilyListQuery {
  constructor(private readonly prisma: PrismaService) {}

  async run(
    filter: FamilyListFilter,
  ): Promise<{ rows: SummaryRow[]; total: number; nextCursor: string | null }> {
    const conditions: Prisma.Sql[] = [];
    if (filter.assistantId) conditions.push(Prisma.sql`k.assistant_id = ${filter.assistantId}`);
    if (filter.regionPrefix)
      conditions.push(Prisma.sql`k.village_code LIKE ${`${filter.regionPrefix}.%`}`);
    if (filter.regionCode)
      conditions.push(
        Prisma.sql`(k.village_code = ${filter.regionCode} OR k.village_code LIKE ${`${filter.regionCode}.%`})`,
      );
    if (filter.groupId) conditions.push(Prisma.sql`k.group_id = ${filter.groupId}::uuid`);
    if (filter.stage) conditions.push(Prisma.sql`k.stage = ${filter.stage}`);
    if (filter.flag) conditions.push(FLAG_CONDITIONS[filter.flag]());
    if (filter.q) {
      conditions.push(
        /^\d{16}$/.test(filter.q)
          ? Prisma.sql`(k.nik = ${filter.q} OR k.id IN (SELECT kpm_id FROM kpm_member WHERE nik = ${filter.q}))`
          : Prisma.sql`k.head_name ILIKE ${`%${likeLiteral(filter.q)}%`}`,
      );
    }
    const where = conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
    const after = filter.cursor ? decodeCursor(filter.cursor) : null;
    const page = after
      ? Prisma.sql`AND (k.head_name, k.id) > (${after[0]}, ${after[1]}::uuid)`
      : Prisma.empty;

    const [rows, counted] = await Promise.all([
      this.prisma.$queryRaw<ListRow[]>`
        SELECT k.id, k.head_name, k.nik, k.village_code, k.pkh_entry_year, k.assistant_id, k.stage,
               k.readiness_score, k.ready, k.zero_balance, k.card_misheld, k.missed_stage, k.non_compliant,
               k.group_id, g.name AS group_name, g.leader_kpm_id
        FROM kpm k LEFT JOIN kpm_group g ON g.id = k.group_id
        WHERE ${where} ${page}
        ORDER BY k.head_name, k.id
        LIMIT ${filter.limit + 1}`,
      this.prisma.$queryRaw<
        { total: bigint }[]
      >`SELECT count(*) AS total FROM kpm k WHERE ${where}`,
    ]);
    const more = rows.length > filter.limit;
    const pageRows = rows.slice(0, filter.limit);
    const last = pageRows.at(-1);
    return {
      rows: pageRows.map((row) => ({
        id: row.id,
        headName: row.head_name,
        nik: row.nik,
        villageCode: row.village_code,
        pkhEntryYear: row.pkh_entry_year,
        assistantId: row.assistant_id,
        stage: row.stage,
        readinessScore: row.readiness_score,
        ready: row.ready,
        zeroBalance: row.zero_balance,
        cardMisheld: row.card_misheld,
        missedStage: row.missed_stage,
        nonCompliant: row.non_compliant,
        group: row.group_id
          ? { id: row.group_id, name: row.group_name ?? '', leaderKpmId: row.leader_kpm_id }
          : null,
      })),
      total: Number(counted[0]?.total ?? 0),
      nextCursor: more && last ? encodeCursor(last.head_name, last.id) : null,
    };
  }
}
