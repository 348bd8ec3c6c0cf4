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

/** Live figures of one region (or the nation): caseload ratio, stages, graduation, P2K2. */
export const RegionStats = z.object({
  code: RegionCode.nullable(),
  name: z.string(),
  level: RegionLevel.nullable(),
  families: z.number().int().nonnegative(),
  /** Assistants with at least one family of their caseload in the region. */
  assistants: z.number().int().nonnegative(),
  familiesPerAssistant: z.number().nullable(),
  stages: z.record(z.string(), z.number().int()),
  graduations: z.object({
    selfReliant: z.number().int(),
    natural: z.number().int(),
    target: z.object({ selfReliant: z.number().int(), total: z.number().int() }).nullable(),
    /** Self-reliant graduations as a share of the self-reliant target, 0-100+. */
    selfReliantProgress: z.number().int().nullable(),
  }),
  p2k2: z.object({
    sessions: z.number().int(),
    attendanceRate: z.number().int().nullable(),
    byModule: z.record(z.string(), z.number().int()),
  }),
});
export type RegionStats = z.infer<typeof RegionStats>;

export const GetRegionStats = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    regionCode: RegionCode.optional(),
    year: z.coerce.number().int().min(2007).max(2100).optional(),
  }),
  response: z.object({
    year: z.number().int(),
    region: RegionStats,
    children: z.array(RegionStats),
  }),
} satisfies CommandDefinition;

export const GraduationTargetBody = z
  .strictObject({
    year: z.number().int().min(2007).max(2100),
    selfReliant: z.number().int().min(0).max(10_000_000),
    total: z.number().int().min(0).max(10_000_000),
  })
  .refine((t) => t.selfReliant <= t.total, {
    message: 'cannot exceed the total target',
    path: ['selfReliant'],
  });

export const SetGraduationTarget = {
  service: 'supervision',
  kind: 'command',
  request: GraduationTargetBody.safeExtend({ regionCode: RegionCode }),
  response: z.object({
    regionCode: z.string(),
    year: z.number().int(),
    selfReliant: z.number().int(),
    total: z.number().int(),
  }),
} satisfies CommandDefinition;
