import { z } from 'zod';
import { BUSINESS_KINDS } from './business-kinds.js';

export * from './business-kinds.js';

const Rupiah = z.number().int('must be whole rupiah').min(0).max(10_000_000_000);
const Day = z.iso
  .date('must be a date YYYY-MM-DD')
  .refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future');

/** Socio-economic condition of the household (income, spending, housing, assets). */
export const SocioEconomicV1 = z.strictObject({
  monthlyIncome: Rupiah,
  incomeSources: z.number().int().min(0).max(10),
  monthlySpending: Rupiah,
  mealsPerDay: z.number().int().min(0).max(6),
  savings: Rupiah,
  housing: z.strictObject({
    tenure: z.enum(['owned', 'rented', 'family', 'other']),
    floor: z.enum(['earth', 'wood', 'cement', 'tile']),
    cleanWater: z.boolean(),
    sanitation: z.boolean(),
    electricity: z.boolean(),
  }),
  assets: z
    .array(
      z.enum([
        'motorcycle',
        'refrigerator',
        'television',
        'smartphone',
        'livestock',
        'land',
        'gold',
      ]),
    )
    .max(7),
});

export const BusinessKind = z.enum(BUSINESS_KINDS);
export type BusinessKind = z.infer<typeof BusinessKind>;

/** The family's business: kind, age, monthly revenue and costs, and whether it keeps books. */
export const BusinessV1 = z.strictObject({
  kind: BusinessKind,
  description: z.string().trim().min(2).max(200),
  startedOn: Day,
  monthlyRevenue: Rupiah,
  monthlyCosts: Rupiah,
  keepsBooks: z.boolean(),
  workers: z.number().int().min(0).max(100),
});

/** Strengths perspective: what the family already has to build on. */
export const StrengthsV1 = z.strictObject({
  skills: z.array(z.string().trim().min(2).max(60)).max(20),
  resources: z.array(z.string().trim().min(2).max(60)).max(20),
  /** 1 (none) to 5 (strongly wants to become independent). */
  motivation: z.number().int().min(1).max(5),
  supportNetwork: z.array(z.string().trim().min(2).max(60)).max(20),
});

/** What the family needs brokered: capital, training, market access, a business tutor. */
export const NeedsV1 = z.strictObject({
  capital: z.strictObject({ needed: z.boolean(), amount: Rupiah.optional() }),
  training: z.strictObject({
    needed: z.boolean(),
    topics: z.array(z.string().trim().min(2).max(60)).max(10),
  }),
  market: z.strictObject({
    needed: z.boolean(),
    channels: z.array(z.string().trim().min(2).max(60)).max(10),
  }),
  tutor: z.strictObject({ needed: z.boolean() }),
});

/**
 * Every assessment instrument and version. A new version is added beside the old one:
 * assessments recorded with v1 keep being read with v1.
 */
export const INSTRUMENTS = {
  'socio-economic': { 1: SocioEconomicV1 },
  business: { 1: BusinessV1 },
  strengths: { 1: StrengthsV1 },
  needs: { 1: NeedsV1 },
} as const;
export type InstrumentName = keyof typeof INSTRUMENTS;
export const INSTRUMENT_NAMES = Object.keys(INSTRUMENTS) as InstrumentName[];
export const Instrument = z.enum(INSTRUMENT_NAMES as [InstrumentName, ...InstrumentName[]]);

export type SocioEconomicV1 = z.infer<typeof SocioEconomicV1>;
export type BusinessV1 = z.infer<typeof BusinessV1>;
export type StrengthsV1 = z.infer<typeof StrengthsV1>;
export type NeedsV1 = z.infer<typeof NeedsV1>;

const common = {
  assessedOn: Day,
  /** The assistant checked the answers (home visit, documents), not only heard them. */
  verified: z.boolean().default(false),
  notes: z.string().trim().max(1000).optional(),
};

/** One assessment as recorded: which instrument and version, when, and the answers. */
export const AssessmentInput = z.discriminatedUnion('instrument', [
  z.strictObject({
    instrument: z.literal('socio-economic'),
    version: z.literal(1),
    answers: SocioEconomicV1,
    ...common,
  }),
  z.strictObject({
    instrument: z.literal('business'),
    version: z.literal(1),
    answers: BusinessV1,
    ...common,
  }),
  z.strictObject({
    instrument: z.literal('strengths'),
    version: z.literal(1),
    answers: StrengthsV1,
    ...common,
  }),
  z.strictObject({
    instrument: z.literal('needs'),
    version: z.literal(1),
    answers: NeedsV1,
    ...common,
  }),
]);
export type AssessmentInput = z.output<typeof AssessmentInput>;

export const AssessmentView = z.object({
  id: z.uuid(),
  instrument: Instrument,
  version: z.number().int(),
  assessedOn: z.iso.date(),
  verified: z.boolean(),
  notes: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
  recordedBy: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type AssessmentView = z.infer<typeof AssessmentView>;
