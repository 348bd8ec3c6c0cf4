// Business kinds as data, without zod: the portal's first screens import them (see pure.ts).

/** What a family's business does; tutors' expertise and training prerequisites refer to it. */
export const BUSINESS_KINDS = [
  'food',
  'retail',
  'crafts',
  'services',
  'agriculture',
  'livestock',
  'other',
] as const;
export type BusinessKind = (typeof BUSINESS_KINDS)[number];
