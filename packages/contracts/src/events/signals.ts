import { z } from 'zod';

// Events other services publish about a family that feed its graduation readiness.

/** Training service: a family member attended (or missed) a P2K2 group session. */
export const P2k2AttendanceRecordedV1 = z.object({
  sessionId: z.uuid(),
  kpmId: z.uuid(),
  module: z.enum(['economy', 'health', 'social-welfare', 'parenting', 'child-protection']),
  heldOn: z.iso.date(),
  attended: z.boolean(),
});
export type P2k2AttendanceRecordedV1 = z.infer<typeof P2k2AttendanceRecordedV1>;

/**
 * Training service: a P2K2 session was held; who of the group came. One event per session
 * (v1 was one per family: 30 events, 30 transactions in caseload for one meeting).
 */
export const P2k2AttendanceRecordedV2 = z.object({
  sessionId: z.uuid(),
  module: P2k2AttendanceRecordedV1.shape.module,
  heldOn: z.iso.date(),
  attendance: z
    .array(z.object({ kpmId: z.uuid(), attended: z.boolean() }))
    .min(1)
    .max(100),
});
export type P2k2AttendanceRecordedV2 = z.infer<typeof P2k2AttendanceRecordedV2>;

/** Training service: a family member completed a partner's training. */
export const TrainingCompletedV1 = z.object({
  enrolmentId: z.uuid(),
  kpmId: z.uuid(),
  title: z.string().min(1).max(200),
  completedOn: z.iso.date(),
});
export type TrainingCompletedV1 = z.infer<typeof TrainingCompletedV1>;

/** Microcredit service: where a capital referral stands now. */
export const CapitalReferralOutcomeV1 = z.object({
  referralId: z.uuid(),
  kpmId: z.uuid(),
  outcome: z.enum(['rejected', 'disbursed', 'repaying', 'repaid', 'in-arrears', 'defaulted']),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type CapitalReferralOutcomeV1 = z.infer<typeof CapitalReferralOutcomeV1>;
