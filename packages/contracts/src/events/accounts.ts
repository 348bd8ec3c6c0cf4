import { z } from 'zod';
import { RegionCode, Role } from '../common.js';

/**
 * An account was created or changed (the gateway owns accounts). Supervision keeps its roster
 * of assistants from these: who is expected at work where, and who an announcement reaches.
 */
export const AccountChangedV1 = z.object({
  accountId: z.uuid(),
  displayName: z.string().min(1).max(200),
  role: Role,
  regionCode: RegionCode.nullable(),
  disabled: z.boolean(),
  /** When the account was created: no attendance is expected before it. */
  activeSince: z.iso.datetime({ offset: true }),
  /** When the account took this state: an older event never overwrites a newer one. */
  asOf: z.iso.datetime({ offset: true }),
});
export type AccountChangedV1 = z.infer<typeof AccountChangedV1>;
