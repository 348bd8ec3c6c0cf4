import { z } from 'zod';
import { VillageCode } from '../common.js';
import { P2k2Module } from '../training/p2k2.js';

/** A P2K2 session was held: what supervision counts for the assistant's monthly report (RHK). */
export const P2k2SessionHeldV1 = z.object({
  sessionId: z.uuid(),
  groupId: z.uuid(),
  assistantId: z.string().min(1),
  villageCode: VillageCode,
  module: P2k2Module,
  sessionNo: z.number().int().min(1).max(4),
  startsAt: z.iso.datetime({ offset: true }),
  heldAt: z.iso.datetime({ offset: true }),
  invited: z.number().int().min(0),
  attended: z.number().int().min(0),
  /** Checked in more than 15 minutes after the planned start. */
  checkInLate: z.boolean(),
});
export type P2k2SessionHeldV1 = z.infer<typeof P2k2SessionHeldV1>;

/** A partner accepted a family's nomination to a training. */
export const TrainingEnrolledV1 = z.object({
  enrolmentId: z.uuid(),
  offerId: z.uuid(),
  kpmId: z.uuid(),
  partnerId: z.string().min(1),
  title: z.string().min(1).max(200),
  startsOn: z.iso.date(),
});
export type TrainingEnrolledV1 = z.infer<typeof TrainingEnrolledV1>;

export const MentoringStartedV1 = z.object({
  planId: z.uuid(),
  kpmId: z.uuid(),
  tutorId: z.uuid(),
  assistantId: z.string().min(1),
  startedOn: z.iso.date(),
});
export type MentoringStartedV1 = z.infer<typeof MentoringStartedV1>;

export const MentoringCompletedV1 = z.object({
  planId: z.uuid(),
  kpmId: z.uuid(),
  tutorId: z.uuid(),
  outcome: z.enum(['achieved', 'partly-achieved', 'stopped']),
  completedOn: z.iso.date(),
});
export type MentoringCompletedV1 = z.infer<typeof MentoringCompletedV1>;

/** An assistant finished an upskilling course (entrepreneurship, the broker role ...). */
export const AssistantCourseCompletedV1 = z.object({
  courseId: z.uuid(),
  assistantId: z.string().min(1),
  topic: z.string().min(1),
  completedOn: z.iso.date(),
});
export type AssistantCourseCompletedV1 = z.infer<typeof AssistantCourseCompletedV1>;
