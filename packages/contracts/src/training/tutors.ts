import { z } from 'zod';
import type { BusinessKind } from '../caseload/instruments.js';

/** What a business tutor can teach. */
export const TUTOR_EXPERTISE = [
  'culinary',
  'crafts',
  'fashion',
  'digital-marketing',
  'bookkeeping',
  'halal-certification',
  'packaging',
  'agribusiness',
  'livestock',
  'retail',
  'services',
] as const;
export const TutorExpertise = z.enum(TUTOR_EXPERTISE);
export type TutorExpertise = z.infer<typeof TutorExpertise>;

/**
 * Which expertise serves a business of each kind directly. Bookkeeping and digital marketing
 * help every business but are not the craft itself, so they count less in matching.
 */
export const EXPERTISE_FOR_BUSINESS: Record<BusinessKind, readonly TutorExpertise[]> = {
  food: ['culinary', 'halal-certification', 'packaging'],
  retail: ['retail'],
  crafts: ['crafts', 'fashion', 'packaging'],
  services: ['services'],
  agriculture: ['agribusiness'],
  livestock: ['livestock', 'agribusiness'],
  other: [],
};
export const GENERAL_EXPERTISE: readonly TutorExpertise[] = ['bookkeeping', 'digital-marketing'];

/** Why a tutor was (or was not) proposed; the portal words each code. */
export const MatchReasonCode = z.enum([
  'expertise-matches-business',
  'general-business-skills',
  'same-village',
  'same-district',
  'same-regency',
  'same-province',
  'free-places',
  'no-business-recorded',
]);
export type MatchReasonCode = z.infer<typeof MatchReasonCode>;

export const MatchReason = z.object({ code: MatchReasonCode, values: z.array(z.string()) });
export type MatchReason = z.infer<typeof MatchReason>;
