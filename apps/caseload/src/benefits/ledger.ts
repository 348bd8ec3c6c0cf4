import type { LedgerView } from '@jembatan/contracts';
import type { LedgerEntry } from '../generated/prisma/client.js';

/** Months of bookkeeping the profile sums up. */
export const LEDGER_MONTHS = 24;

export const ledgerSince = (today = new Date()) =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (LEDGER_MONTHS - 1), 1));

/** Monthly income, expense and net, newest month first, and the latest entries. */
export function summariseLedger(entries: LedgerEntry[]): LedgerView {
  const months = new Map<string, { income: number; expense: number }>();
  for (const entry of entries) {
    const month = entry.on.toISOString().slice(0, 7);
    const totals = months.get(month) ?? { income: 0, expense: 0 };
    totals[entry.kind === 'income' ? 'income' : 'expense'] += entry.amount;
    months.set(month, totals);
  }
  return {
    months: [...months.entries()]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([month, { income, expense }]) => ({ month, income, expense, net: income - expense })),
    recent: [...entries]
      .sort((a, b) => b.on.getTime() - a.on.getTime() || Number(b.id - a.id))
      .slice(0, 20)
      .map((entry) => ({
        on: entry.on.toISOString().slice(0, 10),
        kind: entry.kind as 'income' | 'expense',
        amount: entry.amount,
        ...(entry.note ? { note: entry.note } : {}),
        recordedBy: entry.recordedBy,
      })),
  };
}
