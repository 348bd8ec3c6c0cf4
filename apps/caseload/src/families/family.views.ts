import {
  ageOn,
  componentsOf,
  isClosedStage,
  maskNik,
  maskPhone,
  type Actor,
  type AssessmentView,
  type InstrumentName,
  type KpmFlag,
  type KpmSummary,
  type KpmView,
  type Readiness,
  type Stage,
} from '@jembatan/contracts';
import { summariseLedger } from '../benefits/ledger.js';
import { canSeeCase } from '../cases/case.access.js';
import { toCaseView } from '../cases/case.views.js';
import type { Assessment, ComplianceCheck, Disbursement } from '../generated/prisma/client.js';
import { seesIdentity } from './family.access.js';
import type { FamilyProfile } from './families.repository.js';

/** Families in PKH longer than this without graduating are flagged. */
export const LONG_STAY_YEARS = 5;

/** Entry years before this one mean "more than five years in PKH" today. */
export const longStayBefore = (today = new Date()): number =>
  today.getUTCFullYear() - LONG_STAY_YEARS;

/** The columns a list row and a profile share. */
export interface SummaryRow {
  id: string;
  headName: string;
  nik: string;
  villageCode: string;
  pkhEntryYear: number;
  assistantId: string;
  stage: string;
  readinessScore: number | null;
  ready: boolean;
  zeroBalance: boolean;
  cardMisheld: boolean;
  missedStage: boolean;
  nonCompliant: boolean;
  group: { id: string; name: string; leaderKpmId: string | null } | null;
}

export function flagsOf(row: SummaryRow, today = new Date()): KpmFlag[] {
  const open = !isClosedStage(row.stage as Stage);
  const flags: KpmFlag[] = [];
  if (open && row.pkhEntryYear < longStayBefore(today)) flags.push('long-stay');
  if (row.zeroBalance) flags.push('zero-balance');
  if (row.cardMisheld) flags.push('card-misheld');
  if (row.missedStage) flags.push('missed-stage');
  if (row.nonCompliant) flags.push('non-compliant');
  if (open && row.ready) flags.push('ready');
  return flags;
}

export function toSummary(row: SummaryRow, actor: Actor): KpmSummary {
  return {
    id: row.id,
    headName: row.headName,
    nik: seesIdentity(actor, row) ? row.nik : maskNik(row.nik),
    villageCode: row.villageCode,
    group: row.group
      ? { id: row.group.id, name: row.group.name, leaderKpmId: row.group.leaderKpmId }
      : null,
    pkhEntryYear: row.pkhEntryYear,
    assistantId: row.assistantId,
    stage: row.stage as Stage,
    readinessScore: row.readinessScore,
    flags: flagsOf(row),
  };
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function toAssessmentView(assessment: Assessment): AssessmentView {
  return {
    id: assessment.id,
    instrument: assessment.instrument as InstrumentName,
    version: assessment.instrumentVersion,
    assessedOn: day(assessment.assessedOn),
    verified: assessment.verified,
    notes: assessment.notes,
    answers: assessment.answers as Record<string, unknown>,
    recordedBy: assessment.recordedBy,
    recordedAt: assessment.recordedAt.toISOString(),
  };
}

export const toDisbursementView = (d: Disbursement) => ({
  year: d.year,
  stage: d.stage,
  amount: d.amount,
  disbursedOn: day(d.disbursedOn),
  cardHolder: d.cardHolder as 'family' | 'assistant' | 'group-leader' | 'other',
  recordedBy: d.recordedBy,
});

export const toComplianceView = (check: ComplianceCheck) => ({
  period: check.period,
  conditions: check.conditions as Record<string, { met: boolean; reason?: string }>,
  compliant: check.compliant,
  recordedBy: check.recordedBy,
});

/** The whole profile; NIKs and the phone are masked unless the caller is the family's assistant. */
export function toProfile(family: FamilyProfile, readiness: Readiness, actor: Actor): KpmView {
  const identity = seesIdentity(actor, family);
  const head = family.members.find((member) => member.relation === 'head');
  const today = new Date();
  return {
    // The score and ready flag shown are the ones just evaluated, not the stored copy.
    ...toSummary({ ...family, readinessScore: readiness.score, ready: readiness.ready }, actor),
    phone: family.phone === null ? null : identity ? family.phone : maskPhone(family.phone),
    address: family.address,
    headBirthDate: head ? day(head.birthDate) : '1900-01-01',
    headSex: (head?.sex as 'F' | 'M' | undefined) ?? 'F',
    registeredAt: family.registeredAt.toISOString(),
    members: family.members.map((member) => {
      const birthDate = day(member.birthDate);
      return {
        id: member.id,
        name: member.name,
        nik: member.nik === null ? null : identity ? member.nik : maskNik(member.nik),
        birthDate,
        age: ageOn(birthDate, today),
        sex: member.sex as 'F' | 'M',
        relation: member.relation as KpmView['members'][number]['relation'],
        schoolStatus: member.schoolStatus as KpmView['members'][number]['schoolStatus'],
        pregnant: member.pregnant,
        disability: member.disability,
        components: componentsOf({ ...member, birthDate }, today),
      };
    }),
    assignments: family.assignments.map((a) => ({
      assistantId: a.assistantId,
      from: a.fromAt.toISOString(),
      to: a.toAt?.toISOString() ?? null,
      reason: a.reason,
      assignedBy: a.assignedBy,
    })),
    stageHistory: family.stageChanges.map((change) => ({
      from: change.fromStage as Stage | null,
      to: change.toStage as Stage,
      reason: change.reason,
      score: change.score,
      actorId: change.actorId,
      actorRole: change.actorRole,
      at: change.at.toISOString(),
    })),
    followUps: family.followUps.map((followUp) => ({
      id: followUp.id,
      monthsAfter: followUp.monthsAfter,
      dueOn: day(followUp.dueOn),
      outcome: followUp.outcome as KpmView['followUps'][number]['outcome'],
      notes: followUp.notes,
      recordedAt: followUp.recordedAt?.toISOString() ?? null,
    })),
    assessments: family.assessments.map(toAssessmentView),
    readiness,
    cases: family.cases.filter((c) => canSeeCase(actor, family, c.kind)).map(toCaseView),
    disbursements: family.disbursements.map(toDisbursementView),
    compliance: family.complianceChecks.map(toComplianceView),
    ledger: summariseLedger(family.ledgerEntries),
  };
}
