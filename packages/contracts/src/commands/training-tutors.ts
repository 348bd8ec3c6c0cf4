import { z } from 'zod';
import { RegionCode } from '../common.js';
import { MatchReason, TutorExpertise } from '../training/tutors.js';
import type { CommandDefinition } from './catalog.js';

export const TutorProfileBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  expertise: z.array(TutorExpertise).min(1).max(11),
  /** Where the tutor works: a regency, district or village code. */
  areaCode: RegionCode,
  /** Mentees the tutor can take at once. */
  capacity: z.number().int().min(1).max(100),
  bio: z.string().trim().max(1000).default(''),
});

export const TutorView = z.object({
  id: z.uuid(),
  partnerId: z.string(),
  name: z.string(),
  expertise: z.array(TutorExpertise),
  areaCode: z.string(),
  capacity: z.number().int(),
  activeMentees: z.number().int(),
  bio: z.string(),
});
export type TutorView = z.infer<typeof TutorView>;

/** A partner keeps its own tutor profile; an admin may create one for a partner. */
export const SaveTutor = {
  service: 'training',
  kind: 'command',
  request: TutorProfileBody.extend({ partnerId: z.string().min(1).optional() }),
  response: TutorView,
} satisfies CommandDefinition;

export const ListTutors = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({ areaCode: RegionCode.optional() }),
  response: z.object({ items: z.array(TutorView) }),
} satisfies CommandDefinition;

export const MatchTutorsBody = z.strictObject({
  kpmIds: z.array(z.uuid()).min(1).max(300),
  perFamily: z.number().int().min(1).max(10).default(3),
});

export const TutorMatch = z.object({
  tutorId: z.uuid(),
  name: z.string(),
  score: z.number().int(),
  freePlaces: z.number().int(),
  reasons: z.array(MatchReason),
});

export const MatchTutors = {
  service: 'training',
  kind: 'query',
  request: MatchTutorsBody,
  response: z.object({
    families: z.array(
      z.object({
        kpmId: z.uuid(),
        headName: z.string(),
        tutors: z.array(TutorMatch),
        /** Set when nothing could be proposed, e.g. no business recorded. */
        note: MatchReason.nullable(),
      }),
    ),
  }),
} satisfies CommandDefinition;

export const MentoringLogView = z.object({
  id: z.uuid(),
  on: z.string(),
  by: z.string(),
  did: z.string(),
  progress: z.number().int(),
  nextStep: z.string(),
});

export const MentoringPlanView = z.object({
  id: z.uuid(),
  kpmId: z.uuid(),
  headName: z.string(),
  villageCode: z.string(),
  tutorId: z.uuid(),
  tutorName: z.string(),
  assistantId: z.string(),
  goals: z.array(z.string()),
  status: z.enum(['active', 'completed']),
  outcome: z.enum(['achieved', 'partly-achieved', 'stopped']).nullable(),
  startedOn: z.string(),
  completedOn: z.string().nullable(),
  progress: z.number().int(),
  logs: z.array(MentoringLogView),
});
export type MentoringPlanView = z.infer<typeof MentoringPlanView>;

export const StartMentoringBody = z.strictObject({
  tutorId: z.uuid(),
  kpmId: z.uuid(),
  goals: z.array(z.string().trim().min(3).max(200)).min(1).max(10),
  consent: z.literal(true, 'the family must consent to share its name with the tutor'),
});

export const StartMentoring = {
  service: 'training',
  kind: 'command',
  request: StartMentoringBody,
  response: MentoringPlanView,
} satisfies CommandDefinition;

export const MentoringLogBody = z.strictObject({
  on: z.iso
    .date('must be a date YYYY-MM-DD')
    .refine((d) => d <= new Date().toISOString().slice(0, 10), 'cannot be in the future'),
  did: z.string().trim().min(3).max(1000),
  /** How far the plan's goals are reached, 0-100, as judged at this session. */
  progress: z.number().int().min(0).max(100),
  nextStep: z.string().trim().min(3).max(500),
});

export const LogMentoring = {
  service: 'training',
  kind: 'command',
  request: MentoringLogBody.safeExtend({ planId: z.uuid() }),
  response: MentoringPlanView,
} satisfies CommandDefinition;

export const CompleteMentoringBody = z.strictObject({
  outcome: z.enum(['achieved', 'partly-achieved', 'stopped']),
});

export const CompleteMentoring = {
  service: 'training',
  kind: 'command',
  request: CompleteMentoringBody.extend({ planId: z.uuid() }),
  response: MentoringPlanView,
} satisfies CommandDefinition;

export const ListMentoring = {
  service: 'training',
  kind: 'query',
  request: z.strictObject({
    kpmId: z.uuid().optional(),
    status: z.enum(['active', 'completed']).optional(),
  }),
  response: z.object({ items: z.array(MentoringPlanView) }),
} satisfies CommandDefinition;
