import { Injectable } from '@nestjs/common';
import type { RegionStats } from '@jembatan/contracts';
import type { Region } from '@jembatan/regions';
import { PrismaService } from '../database/prisma.service.js';

type Row<T extends string> = Record<T, number> & { region: string };

/** Families still in a caseload (active to candidate) per assistant, one decimal. */
function perAssistant(stages: Record<string, number>, assistants: number): number | null {
  const inCaseload = (stages.active ?? 0) + (stages.potential ?? 0) + (stages.candidate ?? 0);
  return assistants > 0 ? Math.round((inCaseload / assistants) * 10) / 10 : null;
}

/** Reads the live counters of a region and its child regions, a handful of grouped statements. */
@Injectable()
export class RegionStatsQuery {
  constructor(private readonly prisma: PrismaService) {}

  async stats(
    region: Region | null,
    children: readonly Region[],
    year: number,
  ): Promise<{ region: RegionStats; children: RegionStats[] }> {
    const codes = [...(region ? [region.code] : []), ...children.map((c) => c.code)];
    const sql = this.prisma.$queryRawUnsafe.bind(this.prisma);
    const [stages, graduations, targets, p2k2, assistants] = await Promise.all([
      sql<{ region: string; stage: string; families: number }[]>(
        `SELECT region_code AS region, stage, sum(families)::int AS families
         FROM region_stage_count WHERE region_code = ANY($1::text[]) GROUP BY 1, 2`,
        codes,
      ),
      sql<{ region: string; kind: string; families: number }[]>(
        `SELECT region_code AS region, kind, sum(families)::int AS families
         FROM region_graduation WHERE region_code = ANY($1::text[]) AND year = $2 GROUP BY 1, 2`,
        codes,
        year,
      ),
      sql<{ region: string; selfReliant: number; total: number }[]>(
        `SELECT region_code AS region, self_reliant AS "selfReliant", total
         FROM graduation_target WHERE region_code = ANY($1::text[]) AND year = $2`,
        codes,
        year,
      ),
      sql<
        { region: string; module: string; sessions: number; invited: number; attended: number }[]
      >(
        `SELECT region_code AS region, module, sum(sessions)::int AS sessions,
                sum(invited)::int AS invited, sum(attended)::int AS attended
         FROM region_p2k2 WHERE region_code = ANY($1::text[]) AND year = $2 GROUP BY 1, 2`,
        codes,
        year,
      ),
      sql<Row<'assistants'>[]>(
        `SELECT region_code AS region, assistants FROM region_caseload_assistants
         WHERE region_code = ANY($1::text[])`,
        ['', ...codes],
      ),
    ]);

    const build = (
      code: string | null,
      name: string,
      level: Region['level'] | null,
      assistants: number,
    ) => {
      const own = (r: { region: string }) => (code === null ? false : r.region === code);
      const stageCounts = Object.fromEntries(
        stages.filter(own).map((s) => [s.stage, s.families]),
      ) as Record<string, number>;
      const graduated = (kind: string) =>
        graduations.find((g) => own(g) && g.kind === kind)?.families ?? 0;
      const target = targets.find(own) ?? null;
      const modules = p2k2.filter(own);
      const invited = modules.reduce((sum, m) => sum + m.invited, 0);
      const attended = modules.reduce((sum, m) => sum + m.attended, 0);
      const selfReliant = graduated('graduated-self-reliant');
      return {
        code,
        name,
        level,
        families: Object.values(stageCounts).reduce((sum, n) => sum + n, 0),
        assistants,
        familiesPerAssistant: perAssistant(stageCounts, assistants),
        stages: stageCounts,
        graduations: {
          selfReliant,
          natural: graduated('graduated-natural'),
          target: target ? { selfReliant: target.selfReliant, total: target.total } : null,
          selfReliantProgress:
            target && target.selfReliant > 0
              ? Math.round((selfReliant / target.selfReliant) * 100)
              : null,
        },
        p2k2: {
          sessions: modules.reduce((sum, m) => sum + m.sessions, 0),
          attendanceRate: invited > 0 ? Math.round((attended / invited) * 100) : null,
          byModule: Object.fromEntries(modules.map((m) => [m.module, m.sessions])),
        },
      };
    };

    const assistantsOf = new Map(assistants.map((r) => [r.region, r.assistants]));
    const childStats = children.map((c) =>
      build(c.code, c.name, c.level, assistantsOf.get(c.code) ?? 0),
    );
    const own = region
      ? build(region.code, region.name, region.level, assistantsOf.get(region.code) ?? 0)
      : nationalTotal(childStats, assistantsOf.get('') ?? 0);
    return { region: own, children: childStats };
  }
}

/** The nation: the provinces added up (targets are per region, so none nationally unless set). */
function nationalTotal(provinces: RegionStats[], assistants: number): RegionStats {
  const sum = (pick: (r: RegionStats) => number) =>
    provinces.reduce((total, r) => total + pick(r), 0);
  const stages: Record<string, number> = {};
  const byModule: Record<string, number> = {};
  for (const p of provinces) {
    for (const [stage, n] of Object.entries(p.stages)) stages[stage] = (stages[stage] ?? 0) + n;
    for (const [module, n] of Object.entries(p.p2k2.byModule))
      byModule[module] = (byModule[module] ?? 0) + n;
  }
  return {
    code: null,
    name: 'Indonesia',
    level: null,
    families: sum((r) => r.families),
    assistants,
    familiesPerAssistant: perAssistant(stages, assistants),
    stages,
    graduations: {
      selfReliant: sum((r) => r.graduations.selfReliant),
      natural: sum((r) => r.graduations.natural),
      target: null,
      selfReliantProgress: null,
    },
    p2k2: { sessions: sum((r) => r.p2k2.sessions), attendanceRate: null, byModule },
  };
}
