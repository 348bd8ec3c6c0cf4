import { z } from 'zod';
import { RegionCode } from '../common.js';
import { AvailabilitySlot, P2k2Module, P2k2SessionRef } from '../training/p2k2.js';
import type { CommandDefinition } from './catalog.js';

const Instant = z.iso.datetime({ offset: true, message: 'must be a date-time with offset' });

export const P2k2GroupView = z.object({
  groupId: z.uuid(),
  name: z.string(),
  villageCode: z.string(),
  assistantId: z.string(),
  families: z.number().int(),
  availability: z.array(AvailabilitySlot),
  /** `economy-1` ... keys of the sessions the group has had. */
  delivered: z.array(z.string()),
  next: z.object({ module: P2k2Module, sessionNo: z.number().int() }).nullable(),
  /** Share of invitations attended over the group's held sessions, 0-100, null before any. */
  attendanceRate: z.number().int().min(0).max(100).nullable(),
});
export type P2k2GroupView = z.infer<typeof P2k2GroupView>;

export const ListP2k2Groups = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({ regionCode: RegionCode.optional() }),
  response: z.object({ items: z.array(P2k2GroupView) }),
} satisfies CommandDefinition;

export const AvailabilityBody = z.strictObject({
  slots: z.array(AvailabilitySlot).max(14),
});

export const SetAvailability = {
  service: 'training',
  kind: 'command',
  request: AvailabilityBody.extend({ groupId: z.uuid() }),
  response: P2k2GroupView,
} satisfies CommandDefinition;

export const CheckIn = z.strictObject({
  at: Instant,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracyMeters: z.number().min(0).max(100_000).optional(),
});

export const P2k2SessionView = z.object({
  id: z.uuid(),
  groupId: z.uuid(),
  groupName: z.string(),
  villageCode: z.string(),
  assistantId: z.string(),
  module: P2k2Module,
  sessionNo: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  status: z.enum(['planned', 'held', 'cancelled']),
  notes: z.string().nullable(),
  checkIn: CheckIn.extend({ late: z.boolean(), hasPhoto: z.boolean() }).nullable(),
  invited: z.number().int(),
  attended: z.number().int(),
  /** The group's families and, once held, who came. Only on single-session reads. */
  roster: z
    .array(
      z.object({
        kpmId: z.uuid(),
        headName: z.string(),
        present: z.boolean().nullable(),
        note: z.string().nullable(),
      }),
    )
    .optional(),
});
export type P2k2SessionView = z.infer<typeof P2k2SessionView>;

export const PlanSessionBody = z.strictObject({
  groupId: z.uuid(),
  /** Defaults to the group's next session in the curriculum. */
  session: P2k2SessionRef.optional(),
  startsAt: Instant,
  durationMinutes: z.number().int().min(30).max(240).default(90),
  place: z.string().trim().min(2).max(200),
});

export const PlanSession = {
  service: 'training',
  kind: 'command',
  request: PlanSessionBody,
  response: P2k2SessionView,
} satisfies CommandDefinition;

export const CancelSession = {
  service: 'training',
  kind: 'command',
  request: z.strictObject({ sessionId: z.uuid(), reason: z.string().trim().min(3).max(500) }),
  response: P2k2SessionView,
} satisfies CommandDefinition;

export const GetSession = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({ sessionId: z.uuid() }),
  response: P2k2SessionView,
} satisfies CommandDefinition;

export const ListSessions = {
  service: 'training',
  kind: 'query',
  request: z
    .strictObject({
      from: z.iso.date(),
      to: z.iso.date(),
      groupId: z.uuid().optional(),
      assistantId: z.string().min(1).optional(),
    })
    .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] }),
  response: z.object({ items: z.array(P2k2SessionView) }),
} satisfies CommandDefinition;

export const HoldSessionBody = z.strictObject({
  attendance: z
    .array(
      z.strictObject({
        kpmId: z.uuid(),
        present: z.boolean(),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .min(1)
    .max(100),
  notes: z.string().trim().max(2000).optional(),
  checkIn: CheckIn,
});

export const HoldSession = {
  service: 'training',
  kind: 'command',
  request: HoldSessionBody.extend({ sessionId: z.uuid() }),
  response: P2k2SessionView,
} satisfies CommandDefinition;
