import { z } from 'zod';
import { RegionCode } from '../common.js';
import type { CommandDefinition } from './catalog.js';

const RegionLevel = z.enum(['province', 'regency', 'district', 'village']);

export const RegionCount = z.object({
  code: RegionCode,
  name: z.string(),
  level: RegionLevel,
  kpmCount: z.number().int().nonnegative(),
});
export type RegionCount = z.infer<typeof RegionCount>;

/** Families per region: the region asked for (or the nation) and its child regions. */
export const GetRegionCounts = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ regionCode: RegionCode.optional() }),
  response: z.object({
    region: RegionCount.nullable(),
    total: z.number().int().nonnegative(),
    children: z.array(RegionCount),
  }),
} satisfies CommandDefinition;
