import { Injectable } from '@nestjs/common';
import { regionAncestry, regionLevelOf } from '@jembatan/contracts';
import { PrismaService, type Tx } from '../database/prisma.service.js';

/** The only code that touches region_kpm_count. */
@Injectable()
export class RegionCountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Adds `delta` families to a village and every region above it, in one statement. */
  add(tx: Tx, villageCode: string, delta: number, shard: number): Promise<void> {
    return this.addMany(tx, [{ villageCode, families: delta }], shard);
  }

  /** Adds families to villages and to every region above them, in one statement. */
  async addMany(
    tx: Tx,
    villages: { villageCode: string; families: number }[],
    shard: number,
  ): Promise<void> {
    const deltas = new Map<string, number>();
    for (const { villageCode, families } of villages) {
      for (const code of regionAncestry(villageCode))
        deltas.set(code, (deltas.get(code) ?? 0) + families);
    }
    const codes = [...deltas.keys()];
    await tx.$executeRawUnsafe(
      `INSERT INTO region_kpm_count (region_code, shard, level, kpm_count, updated_at)
       SELECT code, $4, level, delta, now() FROM unnest($1::text[], $2::text[], $3::int[]) AS r(code, level, delta)
       ON CONFLICT (region_code, shard) DO UPDATE
         SET kpm_count = region_kpm_count.kpm_count + EXCLUDED.kpm_count, updated_at = now()`,
      codes,
      codes.map(regionLevelOf),
      codes.map((code) => deltas.get(code)),
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
