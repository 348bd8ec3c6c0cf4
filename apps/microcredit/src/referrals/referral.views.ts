import {
  CAPITAL_CONSENT_SCOPE,
  WAITING_ON,
  type Actor,
  type CapitalReferralView,
  type CapitalStatus,
} from '@jembatan/contracts';
import type { Family, Instalment, Product } from '../generated/prisma/client.js';
import { isoDay, todayIso } from '../common/dates.js';
import { daysLate } from '../loans/loan-book.js';
import { lenderSight, type ReferralWithConsent } from './access.js';

export type ReferralRow = ReferralWithConsent & { product: Product };

const num = (value: bigint | null) => (value === null ? null : Number(value));

/** The next instalment not yet paid in full, given what was paid in total. */
function nextDue(instalments: Instalment[], paid: bigint) {
  let covered = paid;
  for (const instalment of instalments) {
    if (covered >= instalment.total) {
      covered -= instalment.total;
      continue;
    }
    return {
      no: instalment.no,
      dueOn: isoDay(instalment.dueOn),
      amount: Number(instalment.total - covered),
    };
  }
  return null;
}

/**
 * A referral as `actor` may see it. The lender whose family withdrew consent sees the loan
 * figures only; nobody here ever sees a NIK or phone (microcredit holds neither).
 */
export function toReferralView(
  row: ReferralRow,
  family: Family | null,
  actor: Actor,
  instalments: Instalment[] = [],
  now = new Date(),
): CapitalReferralView {
  const hideFamily = actor.role === 'partner' && lenderSight(row) !== 'full';
  const consent = row.consent;
  const status = row.status as CapitalStatus;
  return {
    id: row.id,
    kind: row.kind as 'loan' | 'grant',
    product: {
      id: row.product.id,
      title: row.product.title,
      partnerId: row.product.partnerId,
      partnerName: row.product.partnerName,
      interestRatePct: Number(row.product.interestRatePct),
      interestMethod: row.product.interestMethod as 'flat' | 'declining' | null,
      repaymentFrequency: row.product.repaymentFrequency as 'weekly' | 'monthly' | null,
      documents: row.product.documents,
    },
    kpmId: row.kpmId,
    family:
      hideFamily || !family
        ? null
        : {
            headName: family.headName,
            villageCode: family.villageCode,
            businessKind: family.businessKind,
            businessStartedOn: family.businessStartedOn ? isoDay(family.businessStartedOn) : null,
          },
    assistantId: row.assistantId,
    status,
    amount: Number(row.amount),
    tenorMonths: row.tenorMonths,
    purpose: hideFamily ? null : row.purpose,
    businessPlan: hideFamily ? null : row.businessPlan,
    consent: {
      givenBy: hideFamily ? '' : (consent?.givenBy ?? ''),
      relationship: consent?.relationship ?? '',
      givenAt: consent?.givenAt.toISOString() ?? '',
      scope: consent?.scope ?? CAPITAL_CONSENT_SCOPE,
      partnerId: consent?.partnerId ?? row.partnerId,
      recordedBy: consent?.recordedBy ?? '',
      withdrawnAt: consent?.withdrawnAt?.toISOString() ?? null,
      withdrawnBy: hideFamily ? null : (consent?.withdrawnBy ?? null),
      withdrawReason: hideFamily ? null : (consent?.withdrawReason ?? null),
    },
    surveyOn: row.surveyOn ? isoDay(row.surveyOn) : null,
    surveyNote: hideFamily ? null : row.surveyNote,
    approvedAmount: num(row.approvedAmount),
    disbursedOn: row.disbursedOn ? isoDay(row.disbursedOn) : null,
    reason: row.reason,
    loan:
      row.totalDue === null
        ? null
        : {
            principal: Number(row.approvedAmount ?? row.amount),
            totalInterest: Number(row.totalDue - (row.approvedAmount ?? row.amount)),
            totalDue: Number(row.totalDue),
            paid: Number(row.paid),
            outstanding: Number(row.totalDue - row.paid),
            outstandingPrincipal: Number(row.outstandingPrincipal ?? 0),
            daysInArrears: daysLate(row.firstUnpaidDueOn, todayIso()),
            nextDue: nextDue(instalments, row.paid),
          },
    dueAt: row.dueAt?.toISOString() ?? null,
    waitingOn: WAITING_ON[status] ?? null,
    overdue: row.dueAt !== null && row.dueAt < now,
    source: row.source as 'broker' | 'wizard',
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
