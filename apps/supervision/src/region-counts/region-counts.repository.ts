import { Injectable } from '@nestjs/common';
import { regionAncestry, regionLevelOf } from '@jembatan/contracts';
import { PrismaService, type Tx } from '../database/prisma.service.js';

/** The only code that touches region_kpm_count. */
@Injectable()
export class RegionCountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Adds `delta` families to a village and every region above it, in one statement. */
  async add(tx: Tx, villageCode: string, delta: number, shard: number): Promise<void> {
    const codes = regionAncestry(villageCode);
    await tx.$executeRawUnsafe(
      `INSERT INTO region_kpm_count (region_code, shard, level, kpm_count, updated_at)
       SELECT code, $4, level, $3, now() FROM unnest($1::text[], $2::text[]) AS r(code, level)
       ON CONFLICT (region_code, shard) DO UPDATE
         SET kpm_count = region_kpm_count.kpm_count + EXCLUDED.kpm_count, updated_at = now()`,
      codes,
      codes.map(regionLevelOf),
      delta,
      shard,
    );
  }

  async countsOf(codes: string[]): Promise<Map<string, number>> {
    const rows = await this.prisma.regionKpmCount.groupBy({
      by: ['regionCode'],
      where: { regionCode: { in: codes } },
      _sum: { kpmCount: true },
    });
    return new Map(rows.map((row) => [row.regionCode, row._sum.kpmCount ?? 0]));
  }
}
