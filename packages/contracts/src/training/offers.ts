import { z } from 'zod';
import { BusinessKind } from '../caseload/instruments.js';
import { RegionCode } from '../common.js';

/** What a family must already have to be nominated for a training. */
export const TrainingPrerequisites = z.strictObject({
  /** Months the family's business has been running (e.g. 6 for Jakpreneur-style trainings). */
  minBusinessMonths: z.number().int().min(1).max(120).optional(),
  /** Only families whose business is of one of these kinds. */
  businessKinds: z.array(BusinessKind).min(1).optional(),
});
export type TrainingPrerequisites = z.infer<typeof TrainingPrerequisites>;

/** A training as a partner posts it: what, where, when, for how many, for whom. */
export const TrainingOfferInput = z
  .strictObject({
    title: z.string().trim().min(3).max(200),
    description: z.string().trim().max(2000).default(''),
    /** Families living inside this region may be nominated. */
    regionCode: RegionCode,
    place: z.string().trim().min(2).max(200),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    /** Meetings attendance is taken at; completion needs 75% of them. */
    meetings: z.number().int().min(1).max(60),
    capacity: z.number().int().min(1).max(1000),
    prerequisites: TrainingPrerequisites.default({}),
  })
  .refine((offer) => offer.startsOn <= offer.endsOn, {
    message: 'must not be before startsOn',
    path: ['endsOn'],
  });
export type TrainingOfferInput = z.infer<typeof TrainingOfferInput>;

/** Share of meetings a participant must attend to complete a training. */
export const COMPLETION_ATTENDANCE = 0.75;

export const NOMINATION_STATUSES = [
  'nominated',
  'waitlisted',
  'accepted',
  'declined',
  'withdrawn',
  'completed',
] as const;
export const NominationStatus = z.enum(NOMINATION_STATUSES);
export type NominationStatus = z.infer<typeof NominationStatus>;

/** Statuses that hold one of the training's seats. */
export const SEAT_HOLDING: readonly NominationStatus[] = ['nominated', 'accepted', 'completed'];
