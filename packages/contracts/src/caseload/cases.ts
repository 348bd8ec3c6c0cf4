import { z } from 'zod';

/** What an assistant mediates for a family. */
export const CASE_KINDS = [
  'zero-balance',
  'address-change',
  'complementarity',
  'school-dropout',
  'child-protection',
  'other',
] as const;
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

/** Child protection cases are seen only by the family's assistant, coordinators and admins. */
export const RESTRICTED_CASE_KINDS: readonly CaseKind[] = ['child-protection'];

export const CASE_STATUSES = ['open', 'in-progress', 'referred', 'resolved', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Resolved and closed are final; a case reopens as a new case. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in-progress', 'referred', 'resolved', 'closed'],
  'in-progress': ['referred', 'resolved', 'closed'],
  referred: ['in-progress', 'resolved', 'closed'],
  resolved: [],
  closed: [],
};
