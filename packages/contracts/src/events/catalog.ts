import type { z } from 'zod';
import { TOPICS, type EventTopic } from '../topics.js';
import {
  AssignmentChangedV1,
  BenefitMonitoredV1,
  CaseOpenedV1,
  ComplianceVerifiedV1,
  CaseResolvedV1,
  KpmAnonymisedV1,
  KpmAssessedV1,
  KpmConsentWithdrawnV1,
  KpmImportedV1,
  KpmRegisteredV1,
  KpmStageChangedV1,
  KpmUpdatedV1,
} from './caseload.js';
import { AccountChangedV1 } from './accounts.js';
import { KpmDirectoryChangedV1 } from './directory.js';
import {
  OfferPublishedV1,
  PartnerRegisteredV1,
  ReferralCreatedV1,
  ReferralStatusChangedV1,
  TrainingOfferPostedV1,
} from './partners.js';
import {
  AssistantCourseCompletedV1,
  MentoringCompletedV1,
  MentoringStartedV1,
  P2k2SessionHeldV1,
  TrainingEnrolledV1,
} from './training.js';
import {
  CapitalReferralOutcomeV1,
  P2k2AttendanceRecordedV1,
  P2k2AttendanceRecordedV2,
  TrainingCompletedV1,
} from './signals.js';
import { CapitalReferralOutcomeV2 } from './microcredit.js';

interface EventDefinition {
  topic: EventTopic;
  payload: z.ZodType;
}

/**
 * Every event type and version, with its topic and payload schema. Adding a version keeps
 * the old one: consumers may still receive it from the log.
 */
export const EVENT_CATALOG = {
  'account.changed': { 1: { topic: TOPICS.events.gateway, payload: AccountChangedV1 } },
  'partner.registered': { 1: { topic: TOPICS.events.gateway, payload: PartnerRegisteredV1 } },
  'kpm.registered': { 1: { topic: TOPICS.events.caseload, payload: KpmRegisteredV1 } },
  'kpm.imported': { 1: { topic: TOPICS.events.caseload, payload: KpmImportedV1 } },
  'kpm.updated': { 1: { topic: TOPICS.events.caseload, payload: KpmUpdatedV1 } },
  'kpm.assessed': { 1: { topic: TOPICS.events.caseload, payload: KpmAssessedV1 } },
  'kpm.stage-changed': { 1: { topic: TOPICS.events.caseload, payload: KpmStageChangedV1 } },
  'caseload.assignment-changed': {
    1: { topic: TOPICS.events.caseload, payload: AssignmentChangedV1 },
  },
  'case.opened': { 1: { topic: TOPICS.events.caseload, payload: CaseOpenedV1 } },
  'case.resolved': { 1: { topic: TOPICS.events.caseload, payload: CaseResolvedV1 } },
  'benefit.monitored': { 1: { topic: TOPICS.events.caseload, payload: BenefitMonitoredV1 } },
  'compliance.verified': { 1: { topic: TOPICS.events.caseload, payload: ComplianceVerifiedV1 } },
  'kpm.consent-withdrawn': {
    1: { topic: TOPICS.events.caseload, payload: KpmConsentWithdrawnV1 },
  },
  'kpm.anonymised': { 1: { topic: TOPICS.events.caseload, payload: KpmAnonymisedV1 } },
  'kpm.directory-changed': {
    1: { topic: TOPICS.events.caseload, payload: KpmDirectoryChangedV1 },
  },
  'p2k2.attendance-recorded': {
    1: { topic: TOPICS.events.training, payload: P2k2AttendanceRecordedV1 },
    2: { topic: TOPICS.events.training, payload: P2k2AttendanceRecordedV2 },
  },
  'p2k2.session-held': { 1: { topic: TOPICS.events.training, payload: P2k2SessionHeldV1 } },
  'training.enrolled': { 1: { topic: TOPICS.events.training, payload: TrainingEnrolledV1 } },
  'training.completed': { 1: { topic: TOPICS.events.training, payload: TrainingCompletedV1 } },
  'mentoring.started': { 1: { topic: TOPICS.events.training, payload: MentoringStartedV1 } },
  'mentoring.completed': { 1: { topic: TOPICS.events.training, payload: MentoringCompletedV1 } },
  'assistant-course.completed': {
    1: { topic: TOPICS.events.training, payload: AssistantCourseCompletedV1 },
  },
  'training-offer.posted': {
    1: { topic: TOPICS.events.partners, payload: TrainingOfferPostedV1 },
  },
  'offer.published': { 1: { topic: TOPICS.events.partners, payload: OfferPublishedV1 } },
  'referral.created': { 1: { topic: TOPICS.events.partners, payload: ReferralCreatedV1 } },
  'referral.status-changed': {
    1: { topic: TOPICS.events.partners, payload: ReferralStatusChangedV1 },
  },
  'capital-referral.outcome-recorded': {
    1: { topic: TOPICS.events.microcredit, payload: CapitalReferralOutcomeV1 },
    2: { topic: TOPICS.events.microcredit, payload: CapitalReferralOutcomeV2 },
  },
} as const satisfies Record<string, Record<number, EventDefinition>>;

type Catalog = typeof EVENT_CATALOG;
export type EventType = keyof Catalog;
export type EventVersion<T extends EventType> = keyof Catalog[T] & number;
export type EventPayload<T extends EventType, V extends EventVersion<T>> = Catalog[T][V] extends {
  payload: infer S extends z.ZodType;
}
  ? z.output<S>
  : never;

export function eventDefinition(type: string, version: number): EventDefinition | undefined {
  const versions = (EVENT_CATALOG as Record<string, Record<number, EventDefinition>>)[type];
  return versions?.[version];
}
