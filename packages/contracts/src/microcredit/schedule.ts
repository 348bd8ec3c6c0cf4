import { addMonths } from '../partners/eligibility.js';

export type InterestMethod = 'flat' | 'declining';
export type RepaymentFrequency = 'weekly' | 'monthly';

export interface LoanTerms {
  /** Whole rupiah. */
  principal: number;
  /** Yearly, e.g. 6 for KUR Mikro's 6% a year. */
  interestRatePct: number;
  method: InterestMethod;
  tenorMonths: number;
  frequency: RepaymentFrequency;
  /** YYYY-MM-DD: the first instalment falls one period later. */
  disbursedOn: string;
}

export interface Instalment {
  no: number;
  dueOn: string;
  principal: number;
  interest: number;
  total: number;
}

export interface Schedule {
  instalments: Instalment[];
  totalInterest: number;
  /** principal + totalInterest, and exactly the sum of the instalments. */
  total: number;
}

/** Weekly loans repay 52 times a year: a tenor of 12 months is 52 weeks, 6 months 26. */
export const instalmentCount = (tenorMonths: number, frequency: RepaymentFrequency): number =>
  frequency === 'monthly' ? tenorMonths : Math.max(1, Math.round((tenorMonths * 52) / 12));

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const dueDate = (terms: LoanTerms, no: number) =>
  terms.frequency === 'monthly'
    ? addMonths(terms.disbursedOn, no)
    : addDays(terms.disbursedOn, 7 * no);

/** Splits `amount` into `parts` whole-rupiah shares, the remainder on the last. */
function split(amount: number, parts: number): number[] {
  const share = Math.floor(amount / parts);
  return Array.from({ length: parts }, (_, i) =>
    i === parts - 1 ? amount - share * (parts - 1) : share,
  );
}

/**
 * The repayment schedule, in whole rupiah with every rounding remainder on the last
 * instalment, so the instalments add up exactly.
 * - flat (bunga flat): interest on the original principal for the whole tenor,
 *   round(P × rate × months / 12), spread evenly;
 * - declining (bunga efektif/menurun): equal principal portions, each period's interest on
 *   the balance still owed at its start, round(balance × rate / periods a year).
 */
export function buildSchedule(terms: LoanTerms): Schedule {
  const { principal, interestRatePct, tenorMonths, frequency, method } = terms;
  if (!Number.isInteger(principal) || principal <= 0)
    throw new RangeError('principal must be a positive whole rupiah amount');
  const count = instalmentCount(tenorMonths, frequency);
  const principals = split(principal, count);
  let interests: number[];
  if (method === 'flat') {
    interests = split(Math.round((principal * interestRatePct * tenorMonths) / 1200), count);
  } else {
    const periodsPerYear = frequency === 'monthly' ? 12 : 52;
    let balance = principal;
    interests = principals.map((part) => {
      const interest = Math.round((balance * interestRatePct) / 100 / periodsPerYear);
      balance -= part;
      return interest;
    });
  }
  const instalments = principals.map((part, i) => ({
    no: i + 1,
    dueOn: dueDate(terms, i + 1),
    principal: part,
    interest: interests[i]!,
    total: part + interests[i]!,
  }));
  const totalInterest = interests.reduce((sum, interest) => sum + interest, 0);
  return { instalments, totalInterest, total: principal + totalInterest };
}

export interface InstalmentState extends Instalment {
  paid: number;
  /** The day the instalment was paid in full; null while anything is owed. */
  paidOn: string | null;
}

/**
 * Payments applied to the schedule oldest instalment first (what a lender's book does), and
 * the days the oldest unpaid instalment is past due on `today` (0 when none is).
 */
export function applyPayments(
  instalments: readonly Instalment[],
  payments: readonly { paidOn: string; amount: number }[],
  today: string,
): { instalments: InstalmentState[]; paid: number; daysInArrears: number } {
  const states: InstalmentState[] = instalments.map((i) => ({ ...i, paid: 0, paidOn: null }));
  const ordered = [...payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn));
  let paid = 0;
  let next = 0;
  for (const payment of ordered) {
    let left = payment.amount;
    paid += payment.amount;
    while (left > 0 && next < states.length) {
      const due = states[next]!;
      const take = Math.min(left, due.total - due.paid);
      due.paid += take;
      left -= take;
      if (due.paid === due.total) {
        due.paidOn = payment.paidOn;
        next += 1;
      }
    }
  }
  const oldestUnpaid = states.find((i) => i.paid < i.total && i.dueOn < today);
  const daysInArrears = oldestUnpaid
    ? Math.round(
        (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${oldestUnpaid.dueOn}T00:00:00Z`)) /
          86_400_000,
      )
    : 0;
  return { instalments: states, paid, daysInArrears };
}
