import { Injectable } from '@nestjs/common';
import { regionAncestry, type FamilyCard, type Stage } from '@jembatan/contracts';
import type { Tx } from '../database/prisma.service.js';

/** Stages in which a family is still in an assistant's caseload. */
const IN_CASELOAD: readonly string[] = ['active', 'potential', 'candidate'];

type Delta = Map<string, number>;
/** Families per region and stage, per assistant and region, per assistant and entry year. */
type Deltas = { stages: Delta; loads: Delta; cohorts: Delta };

interface FamilyRow {
  kpmId: string;
  assistantId: string;
  villageCode: string;
  stage: string;
  pkhEntryYear: number | null;
  asOf: Date | string;
}
const add = (deltas: Delta, key: string, by: number) =>
  deltas.set(key, (deltas.get(key) ?? 0) + by);

/**
 * Keeps the live counters of supervision in step with caseload's family cards: families per
 * region and stage, and each assistant's caseload per region and per year of entry into PKH. A batch of cards (an import's
 * 500) becomes two statements, whatever its size.
 */
@Injectable()
export class RegionStatsRepository {
  async applyCards(tx: Tx, cards: readonly FamilyCard[], shard: number): Promise<void> {
    const ids = cards.map((c) => c.kpmId);
    // Locked: two batches about the same family apply one after the other.
    const previous = await tx.$queryRawUnsafe<FamilyRow[]>(
      `SELECT kpm_id AS "kpmId", assistant_id AS "assistantId", village_code AS "villageCode",
              stage, pkh_entry_year AS "pkhEntryYear", as_of AS "asOf"
       FROM family_state WHERE kpm_id = ANY($1::uuid[]) FOR UPDATE`,
      ids,
    );
    const before = new Map<string, FamilyRow>(previous.map((p) => [p.kpmId, p]));
    const deltas: Deltas = { stages: new Map(), loads: new Map(), cohorts: new Map() };
    const newest = new Map<string, FamilyRow>();
    for (const card of cards) {
      const old = newest.get(card.kpmId) ?? before.get(card.kpmId);
      if (old && new Date(old.asOf).getTime() > Date.parse(card.asOf)) continue; // an older card
      // Cards published before the entry year was carried keep the one already known.
      const next: FamilyRow = {
        ...card,
        pkhEntryYear: card.pkhEntryYear ?? old?.pkhEntryYear ?? null,
      };
      if (old) this.count(deltas, old, -1);
      this.count(deltas, next, +1);
      newest.set(card.kpmId, next);
    }
    if (newest.size === 0) return;
    const rows = [...newest.values()];
    await tx.$executeRawUnsafe(
      `INSERT INTO family_state (kpm_id, assistant_id, village_code, stage, pkh_entry_year, as_of)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::timestamptz[])
       ON CONFLICT (kpm_id) DO UPDATE SET assistant_id = excluded.assistant_id,
         village_code = excluded.village_code, stage = excluded.stage,
         pkh_entry_year = excluded.pkh_entry_year, as_of = excluded.as_of`,
      rows.map((c) => c.kpmId),
      rows.map((c) => c.assistantId),
      rows.map((c) => c.villageCode),
      rows.map((c) => c.stage),
      rows.map((c) => c.pkhEntryYear),
      rows.map((c) => c.asOf),
    );
    const stages = [...deltas.stages].filter(([, delta]) => delta !== 0);
    if (stages.length > 0)
      await tx.$executeRawUnsafe(
        `INSERT INTO region_stage_count (region_code, stage, shard, families)
         SELECT split_part(k, '|', 1), split_part(k, '|', 2), $3, d FROM unnest($1::text[], $2::int[]) AS x(k, d)
         ON CONFLICT (region_code, stage, shard) DO UPDATE
           SET families = region_stage_count.families + excluded.families`,
        stages.map(([key]) => key),
        stages.map(([, delta]) => delta),
        shard,
      );
    const loads = [...deltas.loads].filter(([, delta]) => delta !== 0);
    if (loads.length > 0) await this.applyLoads(tx, loads);
    const cohorts = [...deltas.cohorts].filter(([, delta]) => delta !== 0);
    if (cohorts.length > 0)
      await tx.$executeRawUnsafe(
        `INSERT INTO assistant_cohort (assistant_id, pkh_entry_year, families)
         SELECT split_part(k, '|', 1), split_part(k, '|', 2)::smallint, d
         FROM unnest($1::text[], $2::int[]) AS x(k, d)
         ON CONFLICT (assistant_id, pkh_entry_year) DO UPDATE
           SET families = assistant_cohort.families + excluded.families`,
        cohorts.map(([key]) => key),
        cohorts.map(([, delta]) => delta),
      );
  }

  /**
   * Moves each assistant's caseload in the regions of the changed families (every level, the
   * nation '' included), and the count of assistants working in a region when theirs there
   * goes from none to some or back: the dashboard reads that count instead of counting
   * distinct assistants over the nation.
   */
  private async applyLoads(tx: Tx, loads: [string, number][]) {
    await tx.$executeRawUnsafe(
      `WITH input AS (
         SELECT split_part(k, '|', 1) AS assistant_id, split_part(k, '|', 2) AS region_code, d
         FROM unnest($1::text[], $2::int[]) AS x(k, d)),
       changed AS (
         INSERT INTO assistant_region_load (assistant_id, region_code, families)
         SELECT assistant_id, region_code, d FROM input
         ON CONFLICT (assistant_id, region_code) DO UPDATE
           SET families = assistant_region_load.families + excluded.families
         RETURNING assistant_id, region_code, families),
       steps AS (
         SELECT c.region_code,
                CASE WHEN c.families > 0 AND c.families - i.d <= 0 THEN 1
                     WHEN c.families <= 0 AND c.families - i.d > 0 THEN -1 ELSE 0 END AS step
         FROM changed c JOIN input i USING (assistant_id, region_code))
       INSERT INTO region_caseload_assistants (region_code, assistants)
       SELECT region_code, sum(step)::int FROM steps GROUP BY 1 HAVING sum(step) <> 0
       ON CONFLICT (region_code) DO UPDATE
         SET assistants = region_caseload_assistants.assistants + excluded.assistants`,
      loads.map(([key]) => key),
      loads.map(([, delta]) => delta),
    );
  }

  private count(deltas: Deltas, family: Omit<FamilyRow, 'kpmId' | 'asOf'>, by: number) {
    const regions = regionAncestry(family.villageCode);
    for (const region of regions) add(deltas.stages, `${region}|${family.stage}`, by);
    if (!IN_CASELOAD.includes(family.stage)) return;
    for (const region of ['', ...regions]) add(deltas.loads, `${family.assistantId}|${region}`, by);
    if (family.pkhEntryYear !== null)
      add(deltas.cohorts, `${family.assistantId}|${family.pkhEntryYear}`, by);
  }

  async addGraduation(tx: Tx, villageCode: string, year: number, kind: Stage, shard: number) {
    const regions = regionAncestry(villageCode);
    await tx.$executeRawUnsafe(
      `INSERT INTO region_graduation (region_code, year, kind, shard, families)
       SELECT code, $2, $3, $4, 1 FROM unnest($1::text[]) AS code
       ON CONFLICT (region_code, year, kind, shard) DO UPDATE SET families = region_graduation.families + 1`,
      regions,
      year,
      kind,
      shard,
    );
  }

  async addP2k2(
    tx: Tx,
    session: {
      villageCode: string;
      year: number;
      module: string;
      invited: number;
      attended: number;
    },
    shard: number,
  ) {
    await tx.$executeRawUnsafe(
      `INSERT INTO region_p2k2 (region_code, year, module, shard, sessions, invited, attended)
       SELECT code, $2, $3, $4, 1, $5, $6 FROM unnest($1::text[]) AS code
       ON CONFLICT (region_code, year, module, shard) DO UPDATE SET
         sessions = region_p2k2.sessions + 1, invited = region_p2k2.invited + excluded.invited,
         attended = region_p2k2.attended + excluded.attended`,
      regionAncestry(session.villageCode),
      session.year,
      session.module,
      shard,
      session.invited,
      session.attended,
    );
  }
}
