import { Injectable } from '@nestjs/common';
import { CriteriaSet, regionAncestry, type Actor } from '@jembatan/contracts';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { DEFAULT_CRITERIA } from './readiness.js';

/** The national default's key in graduation_criteria. */
export const NATIONAL = 'ID';

export interface EffectiveCriteria {
  regionCode: string;
  set: CriteriaSet;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/**
 * How long a region's effective criteria are reused. Every profile read and assessment scores
 * readiness against them, and they change a few times a year, so this instance reads them at
 * most every 30 s per village; a change saved here is seen at once, one saved by another
 * instance within 30 s.
 */
export const CRITERIA_CACHE_MS = 30_000;

/** Graduation criteria per region: the most specific configured region wins, then the national default. */
@Injectable()
export class CriteriaRepository {
  private readonly cache = new Map<string, { until: number; criteria: EffectiveCriteria }>();

  constructor(private readonly prisma: PrismaService) {}

  async effectiveFor(db: Tx | PrismaService, regionCode: string): Promise<EffectiveCriteria> {
    const cached = this.cache.get(regionCode);
    if (cached && cached.until > Date.now()) return cached.criteria;
    const criteria = await this.read(db, regionCode);
    this.cache.set(regionCode, { until: Date.now() + CRITERIA_CACHE_MS, criteria });
    return criteria;
  }

  private async read(db: Tx | PrismaService, regionCode: string): Promise<EffectiveCriteria> {
    const candidates = [...regionAncestry(regionCode), NATIONAL];
    const rows = await db.graduationCriteria.findMany({
      where: { regionCode: { in: candidates } },
    });
    const row = rows.sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
    if (!row)
      return { regionCode: NATIONAL, set: DEFAULT_CRITERIA, updatedBy: null, updatedAt: null };
    return {
      regionCode: row.regionCode,
      // Stored sets were validated on the way in; parsing again guards against hand edits.
      set: CriteriaSet.parse({ criteria: row.criteria, readyScore: row.readyScore }),
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt,
    };
  }

  async save(tx: Tx, regionCode: string, set: CriteriaSet, actor: Actor): Promise<void> {
    // Any village below the region may be cached with the criteria this replaces.
    this.cache.clear();
    const data = {
      criteria: set.criteria,
      readyScore: set.readyScore,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    await tx.graduationCriteria.upsert({
      where: { regionCode },
      create: { regionCode, ...data },
      update: data,
    });
  }
}
