import { z } from 'zod';
import { NominationStatus, TrainingOfferInput, TrainingPrerequisites } from '../training/offers.js';
import { QueryFlag } from '../common.js';
import type { CommandDefinition } from './catalog.js';

export const TrainingOfferView = z.object({
  id: z.uuid(),
  partnerId: z.string(),
  partnerName: z.string(),
  title: z.string(),
  description: z.string(),
  regionCode: z.string(),
  place: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  meetings: z.number().int(),
  capacity: z.number().int(),
  prerequisites: TrainingPrerequisites,
  seatsTaken: z.number().int(),
  waitlisted: z.number().int(),
  /** Nominations holding a seat that the partner has not yet accepted or declined. */
  awaitingAnswer: z.number().int(),
  /** False while the partner is suspended or has closed the offer: no new nominations. */
  acceptsNominations: z.boolean(),
});
export type TrainingOfferView = z.infer<typeof TrainingOfferView>;

/**
 * A family's nomination as its reader may see it: the partner sees the family's name and
 * village (the family consented to share them), never NIK or phone.
 */
export const NominationView = z.object({
  id: z.uuid(),
  offerId: z.uuid(),
  kpmId: z.uuid(),
  headName: z.string(),
  villageCode: z.string(),
  nominatedBy: z.string(),
  status: NominationStatus,
  /** 1-based place in the waitlist, while waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  reason: z.string().nullable(),
  attendedMeetings: z.array(z.number().int()),
  certificateNo: z.string().nullable(),
  completedOn: z.string().nullable(),
});
export type NominationView = z.infer<typeof NominationView>;

export const ListTrainingOffers = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({ includePast: QueryFlag.default(false) }),
  response: z.object({ items: z.array(TrainingOfferView) }),
} satisfies CommandDefinition;

export const GetTrainingOffer = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({ offerId: z.uuid() }),
  response: TrainingOfferView.extend({ nominations: z.array(NominationView) }),
} satisfies CommandDefinition;

export const NominateBody = z.strictObject({
  kpmId: z.uuid(),
  /** The family agreed to share its name and village with the partner. */
  consent: z.literal(true, 'the family must consent to share its name with the partner'),
  note: z.string().trim().max(500).optional(),
});

export const Nominate = {
  service: 'training',
  kind: 'command',
  request: NominateBody.extend({ offerId: z.uuid() }),
  response: NominationView,
} satisfies CommandDefinition;

export const DecideNominationBody = z
  .strictObject({
    decision: z.enum(['accept', 'decline', 'withdraw']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.decision === 'accept' || (b.reason !== undefined && b.reason.length >= 3), {
    message: 'needs a reason (at least 3 characters)',
    path: ['reason'],
  });

/** Partner accepts or declines; the nominating assistant withdraws. */
export const DecideNomination = {
  service: 'training',
  kind: 'command',
  request: DecideNominationBody.safeExtend({ nominationId: z.uuid() }),
  response: NominationView,
} satisfies CommandDefinition;

export const TrainingAttendanceBody = z.strictObject({
  meetingNo: z.number().int().min(1).max(60),
  attendance: z
    .array(z.strictObject({ nominationId: z.uuid(), present: z.boolean() }))
    .min(1)
    .max(1000),
});

export const RecordTrainingAttendance = {
  service: 'training',
  kind: 'command',
  request: TrainingAttendanceBody.extend({ offerId: z.uuid() }),
  response: z.object({ nominations: z.array(NominationView) }),
} satisfies CommandDefinition;

export const CompleteNominationBody = z.strictObject({ completedOn: z.iso.date() });

export const CompleteNomination = {
  service: 'training',
  kind: 'command',
  request: CompleteNominationBody.extend({ nominationId: z.uuid() }),
  response: NominationView,
} satisfies CommandDefinition;

export const GetCertificate = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({ nominationId: z.uuid() }),
  response: z.object({ fileName: z.string(), pdfBase64: z.string() }),
} satisfies CommandDefinition;

/** The gateway adds the partner's display name from its account. */
export const PostTrainingOffer = {
  service: 'partners',
  kind: 'command',
  request: TrainingOfferInput.safeExtend({ partnerName: z.string().min(1).max(200) }),
  response: z.object({ offerId: z.uuid() }),
} satisfies CommandDefinition;
