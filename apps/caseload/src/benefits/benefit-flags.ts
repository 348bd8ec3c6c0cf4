/** A disbursement as the flags look at it. */
export interface StageRecord {
  year: number;
  stage: number;
  amount: number;
  cardHolder: string;
}

export interface BenefitFlags {
  zeroBalance: boolean;
  cardMisheld: boolean;
  missedStage: boolean;
  /** `2026-2`: the stages that should have a record and have none. */
  missing: string[];
}

const index = (year: number, stage: number) => year * 4 + (stage - 1);

/**
 * Saldo nol and a misheld KKS card are read off the newest stage; a missed stage is any
 * quarter from the first recorded one up to the last completed quarter with no record.
 */
export function benefitFlags(records: StageRecord[], today: Date = new Date()): BenefitFlags {
  if (records.length === 0)
    return { zeroBalance: false, cardMisheld: false, missedStage: false, missing: [] };
  const sorted = [...records].sort((a, b) => index(a.year, a.stage) - index(b.year, b.stage));
  const newest = sorted.at(-1)!;
  const lastCompleted = index(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) + 1) - 1;
  const recorded = new Set(sorted.map((r) => index(r.year, r.stage)));
  const missing: string[] = [];
  for (let i = index(sorted[0]!.year, sorted[0]!.stage); i <= lastCompleted; i++) {
    if (!recorded.has(i)) missing.push(`${Math.floor(i / 4)}-${(i % 4) + 1}`);
  }
  return {
    zeroBalance: newest.amount === 0,
    cardMisheld: newest.cardHolder !== 'family',
    missedStage: missing.length > 0,
    missing,
  };
}
