import { Inject, Injectable } from '@nestjs/common';
import {
  ACTIVE_LOAN_STATUSES,
  isWithinRegion,
  type CommandPayload,
  type CommandResponse,
  type ParRow,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { PrismaService } from '../database/prisma.service.js';
import { todayIso } from '../common/dates.js';

const GROUP_KEY = {
  lender: 'r.partner_id',
  // Regency: the first two parts of the village code (31.75).
  region: "split_part(r.village_code, '.', 1) || '.' || split_part(r.village_code, '.', 2)",
  assistant: 'r.assistant_id',
} as const;

interface Row {
  key: string;
  label: string | null;
  loans: number;
  outstanding: bigint;
  at_risk: bigint;
  loans_at_risk: number;
}

const parRow = (key: string, label: string, r: Omit<Row, 'key' | 'label'>): ParRow => {
  const outstanding = Number(r.outstanding);
  const atRisk = Number(r.at_risk);
  return {
    key,
    label,
    loans: Number(r.loans),
    outstandingPrincipal: outstanding,
    atRisk30: atRisk,
    loansAtRisk30: Number(r.loans_at_risk),
    par30: outstanding === 0 ? 0 : atRisk / outstanding,
  };
};

/**
 * Portfolio at risk: outstanding principal of loans more than 30 days in arrears over all
 * outstanding principal, per lender, regency or assistant, as of today from the loan book.
 * A lender sees its own portfolio; an assistant their caseload's; a coordinator their region.
 */
@Injectable()
export class ParHandlers {
  constructor(@Inject(REGIONS) private readonly regions: RegionDirectory) {}

  @HandleCommand('microcredit.par.get')
  async par(
    input: CommandPayload<'microcredit.par.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'microcredit.par.get'>> {
    const region = input.regionCode ?? actor.regionCode;
    if (input.regionCode && actor.regionCode && !isWithinRegion(input.regionCode, actor.regionCode))
      throw new DomainError(403, 'forbidden', 'That region is outside yours');
    const params: unknown[] = [todayIso()];
    const filters: string[] = [];
    // Each filter names its value as $n (a value may be used twice).
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      filters.push(sql(`$${params.length}`));
    };
    if (actor.role === 'partner') add((n) => `r.partner_id = ${n}`, actor.userId);
    else if (actor.role === 'assistant') add((n) => `r.assistant_id = ${n}`, actor.userId);
    if (region && actor.role !== 'partner')
      add((n) => `(r.village_code = ${n} OR r.village_code LIKE ${n} || '.%')`, region);
    const filter = filters.join(' AND ') || 'true';
    const key = GROUP_KEY[input.by];
    // Outstanding principal and the oldest unpaid due date change only with payments, so the
    // book is read as stored: no instalment is touched, whatever the size of the portfolio.
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT ${key} AS key, max(p.partner_name) AS label, count(*)::int AS loans,
              COALESCE(sum(r.outstanding_principal), 0)::bigint AS outstanding,
              COALESCE(sum(r.outstanding_principal) FILTER (WHERE $1::date - r.first_unpaid_due_on > 30), 0)::bigint AS at_risk,
              (count(*) FILTER (WHERE $1::date - r.first_unpaid_due_on > 30))::int AS loans_at_risk
       FROM capital_referral r
       JOIN product p ON p.id = r.product_id
       WHERE r.status = ANY('{${ACTIVE_LOAN_STATUSES.join(',')}}'::text[]) AND ${filter}
       GROUP BY ${key} ORDER BY 1`,
      ...params,
    );
    const labelOf = (row: Row) =>
      input.by === 'lender'
        ? (row.label ?? row.key)
        : input.by === 'region'
          ? (this.regions.get(row.key)?.name ?? row.key)
          : row.key;
    const sum = (pick: (r: Row) => number | bigint) =>
      rows.reduce((total, r) => total + BigInt(pick(r)), 0n);
    return {
      asOf: params[0] as string,
      rows: rows.map((row) => parRow(row.key, labelOf(row), row)),
      total: parRow('total', 'total', {
        loans: Number(sum((r) => r.loans)),
        outstanding: sum((r) => r.outstanding),
        at_risk: sum((r) => r.at_risk),
        loans_at_risk: Number(sum((r) => r.loans_at_risk)),
      }),
    };
  }
}
