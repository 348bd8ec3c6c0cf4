import { z } from 'zod';
import { CaseKind } from '../caseload/cases.js';
import { Stage } from '../caseload/graduation.js';
import { Instrument } from '../caseload/instruments.js';
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

/** A family's details changed (address, group, household). Lists what changed, not the values. */
export const KpmUpdatedV1 = z.object({
  kpmId: z.uuid(),
  villageCode: VillageCode,
  previousVillageCode: VillageCode,
  changed: z.array(z.enum(['phone', 'villageCode', 'address', 'groupId', 'members'])).min(1),
});
export type KpmUpdatedV1 = z.infer<typeof KpmUpdatedV1>;

/** A family moved from one assistant's caseload to another's (or entered one). */
export const AssignmentChangedV1 = z.object({
  kpmId: z.uuid(),
  villageCode: VillageCode,
  fromAssistantId: z.string().min(1).nullable(),
  toAssistantId: z.string().min(1),
  reason: z.string(),
});

export const KpmAssessedV1 = z.object({
  kpmId: z.uuid(),
  assessmentId: z.uuid(),
  instrument: Instrument,
  instrumentVersion: z.number().int().positive(),
  assessedOn: z.iso.date(),
  verified: z.boolean(),
  readinessScore: z.number().int().min(0).max(100),
  ready: z.boolean(),
});
export type KpmAssessedV1 = z.infer<typeof KpmAssessedV1>;

/** A family moved along the graduation pipeline (graduations count towards targets). */
export const KpmStageChangedV1 = z.object({
  kpmId: z.uuid(),
  assistantId: z.string().min(1),
  villageCode: VillageCode,
  from: Stage,
  to: Stage,
  readinessScore: z.number().int().min(0).max(100),
  changedAt: z.iso.datetime({ offset: true }),
});
export type KpmStageChangedV1 = z.infer<typeof KpmStageChangedV1>;

/** No notes or details: a case can concern a child's protection. */
export const CaseOpenedV1 = z.object({
  caseId: z.uuid(),
  kpmId: z.uuid(),
  kind: CaseKind,
  assistantId: z.string().min(1),
  villageCode: VillageCode,
  openedAt: z.iso.datetime({ offset: true }),
});
export type CaseOpenedV1 = z.infer<typeof CaseOpenedV1>;

export const CaseResolvedV1 = CaseOpenedV1.extend({
  status: z.enum(['resolved', 'closed']),
  resolvedAt: z.iso.datetime({ offset: true }),
});
export type CaseResolvedV1 = z.infer<typeof CaseResolvedV1>;

/**
 * A CSV import committed: the families it added, per village. One event for the batch instead
 * of one per family, so a million-row import does not flood the consumers.
 */
export const KpmImportedV1 = z.object({
  importId: z.uuid(),
  assistantId: z.string().min(1),
  villages: z.array(z.object({ villageCode: VillageCode, families: z.number().int().positive() })),
  importedAt: z.iso.datetime({ offset: true }),
});
export type KpmImportedV1 = z.infer<typeof KpmImportedV1>;

/**
 * The assistant monitored a family's PKH disbursement stage (tahap): aid distribution in the
 * monthly RHK. Amounts only; who holds the KKS card stays in caseload.
 */
export const BenefitMonitoredV1 = z.object({
  kpmId: z.uuid(),
  assistantId: z.string().min(1),
  villageCode: VillageCode,
  year: z.number().int(),
  stage: z.number().int().min(1).max(4),
  amount: z.number().int().nonnegative(),
  disbursedOn: z.iso.date(),
  zeroBalance: z.boolean(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type BenefitMonitoredV1 = z.infer<typeof BenefitMonitoredV1>;

/**
 * A month's commitments of a family verified (verifikasi komitmen): which were met is
 * caseload's to keep (they can concern health); consumers learn whether all were.
 */
export const ComplianceVerifiedV1 = z.object({
  kpmId: z.uuid(),
  assistantId: z.string().min(1),
  villageCode: VillageCode,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  compliant: z.boolean(),
  verifiedAt: z.iso.datetime({ offset: true }),
});
export type ComplianceVerifiedV1 = z.infer<typeof ComplianceVerifiedV1>;

/**
 * The family took back its consent to share its data with partners: every service ends the
 * sharing it holds (open referrals, nominations, mentoring, capital consents). A referral made
 * later carries a consent given anew. The reason stays in caseload.
 */
export const KpmConsentWithdrawnV1 = z.object({
  kpmId: z.uuid(),
  withdrawalId: z.uuid(),
  withdrawnAt: z.iso.datetime({ offset: true }),
});
export type KpmConsentWithdrawnV1 = z.infer<typeof KpmConsentWithdrawnV1>;

/**
 * The retention rule anonymised a family that left PKH years ago: every service replaces the
 * names, notes and places it holds of it, keeping only what figures need (stage, region, dates).
 */
export const KpmAnonymisedV1 = z.object({
  kpmId: z.uuid(),
  anonymisedAt: z.iso.datetime({ offset: true }),
});
export type KpmAnonymisedV1 = z.infer<typeof KpmAnonymisedV1>;

/** What a name becomes when its family is anonymised, in every service. */
export const ANONYMISED_NAME = 'Dianonimkan';
