import { z } from 'zod';
import { CapitalStatus, type CapitalStatus as Status } from '../microcredit/referrals.js';

/**
 * What a capital referral's status means outside microcredit: caseload's readiness (a loan
 * being repaid or a grant received shows a business that can carry capital) and the
 * partner's track record. v1's six, plus approved, granted and withdrawn.
 */
export const CAPITAL_OUTCOMES = [
  'approved',
  'rejected',
  'disbursed',
  'granted',
  'repaying',
  'repaid',
  'in-arrears',
  'defaulted',
  'withdrawn',
] as const;
export const CapitalOutcome = z.enum(CAPITAL_OUTCOMES);
export type CapitalOutcome = z.infer<typeof CapitalOutcome>;

/** The outcome a status means for a loan or a grant; null while the lender is still assessing. */
export function capitalOutcomeOf(status: Status, kind: 'loan' | 'grant'): CapitalOutcome | null {
  switch (status) {
    case 'approved':
    case 'rejected':
    case 'repaying':
    case 'in-arrears':
    case 'withdrawn':
      return status;
    case 'disbursed':
      return kind === 'grant' ? 'granted' : 'disbursed';
    case 'completed':
      return kind === 'grant' ? 'granted' : 'repaid';
    case 'written-off':
      return 'defaulted';
    default:
      return null;
  }
}

/**
 * Microcredit service: a capital referral moved (every move, the system's included). v1 told
 * only six outcomes and no lender; v2 carries the status, the lender, the offer and the loan's
 * figures, so partners can keep a track record and caseload a readiness signal.
 */
export const CapitalReferralOutcomeV2 = z.object({
  referralId: z.uuid(),
  kpmId: z.uuid(),
  kind: z.enum(['loan', 'grant']),
  /** The partner's offer the product came from, and the partner (lender or funder). */
  offerId: z.uuid(),
  partnerId: z.string().min(1),
  assistantId: z.string().min(1),
  from: CapitalStatus.nullable(),
  status: CapitalStatus,
  outcome: CapitalOutcome.nullable(),
  reason: z.string().nullable(),
  /** Whole rupiah: asked for, then approved; outstanding once disbursed. */
  amount: z.number().int().nonnegative(),
  outstanding: z.number().int().nonnegative().nullable(),
  daysInArrears: z.number().int().nonnegative(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type CapitalReferralOutcomeV2 = z.infer<typeof CapitalReferralOutcomeV2>;
