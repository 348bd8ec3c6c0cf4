import { z } from 'zod';
import { VillageCode } from '../common.js';
import { Nik, PhoneNumber } from '../identity.js';
import type { CommandDefinition } from './catalog.js';

export const RegisterKpmRequest = z.strictObject({
  headName: z.string().trim().min(2, 'must have at least 2 characters').max(120),
  nik: Nik,
  phone: PhoneNumber.optional(),
  villageCode: VillageCode,
  address: z.string().trim().min(3).max(300),
  pkhEntryYear: z
    .number()
    .int()
    .min(2007, 'PKH started in 2007')
    .refine((year) => year <= new Date().getFullYear(), 'cannot be in the future'),
  /** Coordinators and admins register on behalf of an assistant; assistants register for themselves. */
  assistantId: z.string().min(1).max(100).optional(),
});
export type RegisterKpmRequest = z.infer<typeof RegisterKpmRequest>;

/** A family as a caller may see it: NIK and phone arrive already masked unless the caller may see them. */
export const KpmView = z.object({
  id: z.uuid(),
  headName: z.string(),
  nik: z.string(),
  phone: z.string().nullable(),
  villageCode: VillageCode,
  address: z.string(),
  pkhEntryYear: z.number().int(),
  assistantId: z.string(),
  registeredAt: z.iso.datetime({ offset: true }),
});
export type KpmView = z.infer<typeof KpmView>;

export const RegisterKpm = {
  service: 'caseload',
  kind: 'command',
  request: RegisterKpmRequest,
  response: KpmView,
} satisfies CommandDefinition;

export const GetKpm = {
  service: 'caseload',
  kind: 'query',
  request: z.strictObject({ kpmId: z.uuid() }),
  response: KpmView,
} satisfies CommandDefinition;

export const ListKpmRequest = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(100).optional(),
});

export const ListKpm = {
  service: 'caseload',
  kind: 'query',
  request: ListKpmRequest,
  response: z.object({
    items: z.array(KpmView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
} satisfies CommandDefinition;
