import { z } from 'zod';

/** Official region codes as published in idn-area-data: `31`, `31.75`, `31.75.01`, `31.75.01.1001`. */
export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export const RegionCode = z
  .string()
  .regex(REGION_CODE_PATTERN, 'must be an official region code such as 31.75.01.1001');

export const VillageCode = z
  .string()
  .regex(
    /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
    'must be a village (kelurahan/desa) code such as 31.75.01.1001',
  );

export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

/** The level of a well-formed region code, from the number of its parts. */
export function regionLevelOf(code: string): RegionLevel {
  const levels: RegionLevel[] = ['province', 'regency', 'district', 'village'];
  const level = levels[code.split('.').length - 1];
  if (!level || !REGION_CODE_PATTERN.test(code)) throw new Error(`not a region code: ${code}`);
  return level;
}

/** `31.75.01.1001` -> [`31`, `31.75`, `31.75.01`, `31.75.01.1001`]. */
export function regionAncestry(code: string): string[] {
  regionLevelOf(code);
  const parts = code.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}

/** True when `code` lies inside (or is) `scope`. */
export function isWithinRegion(code: string, scope: string): boolean {
  return code === scope || code.startsWith(`${scope}.`);
}

/** True when one region lies within the other (or they are the same). */
/** Why a decision was taken (a stage move, a transfer, an account disabled): kept with it. */
export const DecisionReason = z
  .string()
  .trim()
  .min(10, 'must explain the decision in at least 10 characters')
  .max(1000);

/**
 * A yes/no filter in a query string. The gateway parses `?open=false` into `false`, and the
 * service parses the request it is sent again: both the text and the boolean must pass, and
 * "false" must mean false (z.coerce.boolean would read any non-empty text as true).
 */
export const QueryFlag = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((value) => value === 'true'),
]);

export const regionsOverlap = (a: string, b: string): boolean =>
  isWithinRegion(a, b) || isWithinRegion(b, a);

/**
 * Who signs in. A treasurer (bendahara) is a member of a KPM group who keeps the group's savings
 * ledger; the gateway lets that role reach only the routes that name it.
 */
export const ROLES = [
  'assistant',
  'coordinator',
  'dinas',
  'partner',
  'admin',
  'treasurer',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who acted: carried on every command and event so effects can be audited. */
export const Actor = z.object({
  userId: z.string().min(1),
  role: Role,
  /** The region the account is scoped to (a regency for a coordinator, a district for an assistant). */
  regionCode: RegionCode.nullable(),
});
export type Actor = z.infer<typeof Actor>;

export const SYSTEM_ACTOR: Actor = { userId: 'system', role: 'admin', regionCode: null };
