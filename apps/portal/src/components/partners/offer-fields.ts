import type { OfferKind } from '@jembatan/contracts';

/** One input of an offer's kind-specific details, rendered by OfferForm. */
export interface DetailField {
  name: string;
  type: 'text' | 'number' | 'date' | 'select' | 'checkbox' | 'list';
  options?: readonly string[];
  required?: boolean;
}

/** The details each kind of offer asks for (LoanDetails, GrantDetails ... in the contracts). */
export const DETAIL_FIELDS: Record<OfferKind, DetailField[]> = {
  loan: [
    { name: 'amountMin', type: 'number', required: true },
    { name: 'amountMax', type: 'number', required: true },
    { name: 'interestRatePct', type: 'number', required: true },
    { name: 'interestMethod', type: 'select', options: ['flat', 'declining'] },
    { name: 'tenorMonthsMin', type: 'number', required: true },
    { name: 'tenorMonthsMax', type: 'number', required: true },
    { name: 'repaymentFrequency', type: 'select', options: ['monthly', 'weekly'] },
    { name: 'collateral', type: 'checkbox' },
    { name: 'documents', type: 'list' },
  ],
  grant: [
    { name: 'amountPerFamily', type: 'number', required: true },
    { name: 'inKind', type: 'checkbox' },
    { name: 'purpose', type: 'text', required: true },
    { name: 'documents', type: 'list' },
  ],
  training: [
    { name: 'place', type: 'text', required: true },
    { name: 'startsOn', type: 'date', required: true },
    { name: 'endsOn', type: 'date', required: true },
    { name: 'meetings', type: 'number', required: true },
  ],
  bazaar: [
    { name: 'place', type: 'text', required: true },
    { name: 'villageCode', type: 'text' },
    { name: 'startsOn', type: 'date', required: true },
    { name: 'endsOn', type: 'date', required: true },
    { name: 'slotFee', type: 'number' },
  ],
  'buyer-demand': [
    { name: 'product', type: 'text', required: true },
    { name: 'quantity', type: 'number', required: true },
    { name: 'unit', type: 'text', required: true },
    { name: 'pricePerUnit', type: 'number' },
    { name: 'frequency', type: 'select', options: ['once', 'weekly', 'monthly'] },
    { name: 'qualityNeeds', type: 'list' },
    { name: 'deliveryPlace', type: 'text', required: true },
  ],
  tutoring: [
    { name: 'sessions', type: 'number', required: true },
    { name: 'mode', type: 'select', options: ['in-person', 'online', 'both'] },
  ],
};

/** Comma-separated text as a list of trimmed items. */
export const listOf = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The form's strings as the contract's values: numbers, booleans, lists; blanks left out. */
export function detailsFrom(kind: OfferKind, values: Record<string, string | boolean>) {
  const details: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS[kind]) {
    const value = values[field.name];
    if (field.type === 'checkbox') details[field.name] = value === true;
    else if (value === undefined || value === '') continue;
    else if (field.type === 'number') details[field.name] = Number(value);
    else if (field.type === 'list') details[field.name] = listOf(String(value));
    else details[field.name] = value;
  }
  for (const field of DETAIL_FIELDS[kind])
    if (field.type === 'select' && details[field.name] === undefined)
      details[field.name] = field.options![0];
  return details;
}
