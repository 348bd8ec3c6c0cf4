// Partner kinds as data, without zod: the portal's first screens import them (see pure.ts).

/** Who brokers with PKH families: the organisations and people assistants refer families to. */
export const PARTNER_KINDS = [
  'csr-funder',
  'lender',
  'training-provider',
  'business-tutor',
  'market-organiser',
  'buyer',
  'sentra-kemensos',
  'ngo',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** Finer kinds where assistants filter by them: which lender, which buyer. */
export const PARTNER_SUBTYPES: Partial<Record<PartnerKind, readonly string[]>> = {
  lender: ['bank', 'cooperative', 'government-programme', 'microfinance'],
  buyer: ['hotel', 'retailer', 'caterer', 'wholesaler', 'other'],
};
