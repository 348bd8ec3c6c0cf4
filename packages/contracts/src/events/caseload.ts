import { z } from 'zod';
import { VillageCode } from '../common.js';

/** A family (KPM) entered an assistant's caseload. No NIK: consumers do not need it. */
export const KpmRegisteredV1 = z.object({
  kpmId: z.uuid(),
  assistantId: z.string().min(1),
  villageCode: VillageCode,
  pkhEntryYear: z.number().int().min(2007).max(2100),
  registeredAt: z.iso.datetime({ offset: true }),
});
export type KpmRegisteredV1 = z.infer<typeof KpmRegisteredV1>;
