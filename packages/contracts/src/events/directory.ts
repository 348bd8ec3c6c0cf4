import { z } from 'zod';
import { Stage } from '../caseload/graduation.js';
import { BusinessKind } from '../caseload/instruments.js';
import { VillageCode } from '../common.js';

/**
 * What other services may know about a family to work with it: who assists it, where it
 * lives, its P2K2 group, its stage and its business. Name for session sheets, nominations and
 * certificates; never NIK or phone.
 */
export const FamilyCard = z.object({
  kpmId: z.uuid(),
  headName: z.string().min(1).max(200),
  assistantId: z.string().min(1),
  villageCode: VillageCode,
  /** The family's P2K2 group (kelompok), which has its own assistant and village. */
  group: z
    .object({
      id: z.uuid(),
      name: z.string().min(1),
      villageCode: VillageCode,
      assistantId: z.string().min(1),
    })
    .nullable(),
  stage: Stage,
  /** The year the family entered PKH; absent on cards published before it was carried. */
  pkhEntryYear: z.number().int().min(2007).max(2100).optional(),
  business: z.object({ kind: BusinessKind, startedOn: z.iso.date() }).nullable(),
  /**
   * What the latest needs assessment said the family needs brokered (the partners service
   * matches offers to it); null before one, absent on cards published before it was carried.
   */
  needs: z
    .object({
      capital: z.boolean(),
      capitalAmount: z.number().int().nonnegative().nullable(),
      training: z.boolean(),
      market: z.boolean(),
      tutor: z.boolean(),
    })
    .nullable()
    .optional(),
  /** When caseload read this state: a consumer keeps the newest card per family. */
  asOf: z.iso.datetime({ offset: true }),
});
export type FamilyCard = z.infer<typeof FamilyCard>;

/**
 * Caseload's directory of families changed: one card after a change by hand, up to
 * `FAMILY_CARDS_PER_EVENT` per event after a CSV import. Cards of one family can arrive out
 * of order (an import batch is keyed by import), hence `asOf`.
 */
export const FAMILY_CARDS_PER_EVENT = 500;
export const KpmDirectoryChangedV1 = z.object({
  families: z.array(FamilyCard).min(1).max(FAMILY_CARDS_PER_EVENT),
});
export type KpmDirectoryChangedV1 = z.infer<typeof KpmDirectoryChangedV1>;
