import { z } from 'zod';
import type { BackendService } from '../services.js';
import type { CommandDefinition } from './catalog.js';

/**
 * A family's right of access (UU PDP No. 27/2022, Art. 7 and 13): every service answers with
 * what it holds about one family, table by table, and the gateway binds the five answers into
 * one document. Rows are as stored, made JSON-safe (big numbers and decimals as strings).
 */
export const FamilyDataRow = z.record(z.string(), z.unknown());
export const FamilyDataSection = z.object({
  service: z.string(),
  /** Table name to its rows about the family; a table with none is present and empty. */
  tables: z.record(z.string(), z.array(FamilyDataRow)),
  /** Tables left out for the caller's role, with why (child protection cases for the Dinas). */
  withheld: z.array(z.object({ table: z.string(), reason: z.string() })),
});
export type FamilyDataSection = z.infer<typeof FamilyDataSection>;

const familyDataExport = <S extends BackendService>(service: S) =>
  ({
    service,
    kind: 'query',
    request: z.strictObject({ kpmId: z.uuid() }),
    response: FamilyDataSection,
  }) satisfies CommandDefinition;

export const ExportCaseloadFamilyData = familyDataExport('caseload');
export const ExportPartnersFamilyData = familyDataExport('partners');
export const ExportTrainingFamilyData = familyDataExport('training');
export const ExportMicrocreditFamilyData = familyDataExport('microcredit');
export const ExportSupervisionFamilyData = familyDataExport('supervision');

/** The document a family receives: who exported it, when, and every service's section. */
export const FamilyDataExport = z.object({
  kpmId: z.uuid(),
  exportedAt: z.iso.datetime({ offset: true }),
  exportedBy: z.object({ userId: z.string(), role: z.string() }),
  sections: z.array(FamilyDataSection),
});
export type FamilyDataExport = z.infer<typeof FamilyDataExport>;

/** The family takes back its consent to share its data (UU PDP Art. 9), in its own words. */
export const WithdrawFamilyConsentBody = z.strictObject({
  /** Who in the family said so (the head, or another adult of the household). */
  statedBy: z.string().trim().min(2, 'must name who in the family withdrew').max(120),
  reason: z
    .string()
    .trim()
    .min(10, 'must say in at least 10 characters what the family asked')
    .max(1000),
});

export const ConsentWithdrawalView = z.object({
  id: z.uuid(),
  kpmId: z.uuid(),
  statedBy: z.string(),
  reason: z.string(),
  recordedBy: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type ConsentWithdrawalView = z.infer<typeof ConsentWithdrawalView>;

export const WithdrawFamilyConsent = {
  service: 'caseload',
  kind: 'command',
  request: WithdrawFamilyConsentBody.extend({ kpmId: z.uuid() }),
  response: ConsentWithdrawalView,
} satisfies CommandDefinition;

/**
 * The retention rule, run now (it also runs daily): families that left PKH (graduated or
 * exited) more than the configured years ago are anonymised in every service.
 */
export const ApplyRetention = {
  service: 'caseload',
  kind: 'command',
  request: z.strictObject({}),
  response: z.object({
    retentionYears: z.number().int(),
    /** Families that left before this day were due. */
    leftBefore: z.iso.date(),
    anonymised: z.number().int().nonnegative(),
  }),
} satisfies CommandDefinition;
