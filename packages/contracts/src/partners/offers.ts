import { z } from 'zod';
import { BusinessKind } from '../caseload/instruments.js';
import { RegionCode, VillageCode } from '../common.js';
import { OFFER_KINDS } from './offer-kinds.js';

export * from './offer-kinds.js';

export const OfferKind = z.enum(OFFER_KINDS);
export type OfferKind = z.infer<typeof OfferKind>;

/** Who may be referred: every rule given must hold. */
export const Eligibility = z.strictObject({
  /** Families living inside one of these regions (at least one; real codes). */
  regions: z.array(RegionCode).min(1).max(50),
  businessKinds: z.array(BusinessKind).min(1).optional(),
  /** Months the family's business has been running. */
  minBusinessMonths: z.number().int().min(1).max(120).optional(),
  /** Stages in the graduation pipeline (open stages only: graduated families have left PKH). */
  stages: z
    .array(z.enum(['active', 'potential', 'candidate']))
    .min(1)
    .optional(),
  /** At least one training completed through Jembatan. */
  priorTraining: z.boolean().optional(),
});
export type Eligibility = z.infer<typeof Eligibility>;
export type EligibilityRule = Exclude<keyof Eligibility, never>;

const Rupiah = z.number().int('must be whole rupiah').min(0).max(10_000_000_000);
/** Certificates a product can hold, and buyers can ask for. */
export const PRODUCT_LABELS = ['halal', 'pirt', 'bpom', 'sni', 'organic'] as const;
export const ProductLabel = z.enum(PRODUCT_LABELS);
const Labels = z.array(ProductLabel).max(5);

export const TrainingDetails = z.strictObject({
  place: z.string().trim().min(2).max(200),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  meetings: z.number().int().min(1).max(60),
});

export const LoanDetails = z.strictObject({
  amountMin: Rupiah.min(100_000),
  amountMax: Rupiah.min(100_000),
  /** Yearly, e.g. 6 for KUR Mikro. */
  interestRatePct: z.number().min(0).max(60),
  interestMethod: z.enum(['flat', 'declining']),
  tenorMonthsMin: z.number().int().min(1).max(120),
  tenorMonthsMax: z.number().int().min(1).max(120),
  repaymentFrequency: z.enum(['weekly', 'monthly']),
  collateral: z.boolean(),
  documents: z.array(z.string().trim().min(2).max(100)).max(20).default([]),
});

export const GrantDetails = z.strictObject({
  amountPerFamily: Rupiah.min(50_000),
  /** In kind (equipment, stock) rather than cash. */
  inKind: z.boolean().default(false),
  purpose: z.string().trim().min(3).max(500),
  documents: z.array(z.string().trim().min(2).max(100)).max(20).default([]),
});

export const BazaarDetails = z.strictObject({
  place: z.string().trim().min(2).max(200),
  villageCode: VillageCode.optional(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  slotFee: Rupiah.default(0),
});

export const BuyerDemandDetails = z.strictObject({
  product: z.string().trim().min(2).max(200),
  quantity: z.number().positive().max(1_000_000),
  unit: z.string().trim().min(1).max(30),
  pricePerUnit: Rupiah.optional(),
  frequency: z.enum(['once', 'weekly', 'monthly']),
  /** Certificates the buyer requires of the product. */
  qualityNeeds: Labels.default([]),
  deliveryPlace: z.string().trim().min(2).max(200),
});

export const TutoringDetails = z.strictObject({
  sessions: z.number().int().min(1).max(52),
  mode: z.enum(['in-person', 'online', 'both']),
});

const offerCommon = {
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(2000).default(''),
  /** Families (or seats, slots, units of demand) the offer can take. */
  capacity: z.number().int().min(1).max(100_000),
  validFrom: z.iso.date(),
  validUntil: z.iso.date(),
  eligibility: Eligibility,
};

export const OfferInput = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('training'), ...offerCommon, details: TrainingDetails }),
    z.strictObject({ kind: z.literal('loan'), ...offerCommon, details: LoanDetails }),
    z.strictObject({ kind: z.literal('grant'), ...offerCommon, details: GrantDetails }),
    z.strictObject({ kind: z.literal('bazaar'), ...offerCommon, details: BazaarDetails }),
    z.strictObject({
      kind: z.literal('buyer-demand'),
      ...offerCommon,
      details: BuyerDemandDetails,
    }),
    z.strictObject({ kind: z.literal('tutoring'), ...offerCommon, details: TutoringDetails }),
  ])
  .superRefine((offer, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (offer.validUntil < offer.validFrom) problem(['validUntil'], 'must not be before validFrom');
    const d = offer.details;
    if ('startsOn' in d && d.endsOn < d.startsOn)
      problem(['details', 'endsOn'], 'must not be before startsOn');
    if (offer.kind === 'loan') {
      if (offer.details.amountMax < offer.details.amountMin)
        problem(['details', 'amountMax'], 'must not be below amountMin');
      if (offer.details.tenorMonthsMax < offer.details.tenorMonthsMin)
        problem(['details', 'tenorMonthsMax'], 'must not be below tenorMonthsMin');
    }
    if (offer.kind === 'training' && offer.eligibility.regions.length !== 1)
      problem(
        ['eligibility', 'regions'],
        'a training is delivered in one region: give exactly one',
      );
  });
export type OfferInput = z.output<typeof OfferInput>;
export type OfferDetails = OfferInput['details'];

export const OFFER_STATUSES = ['open', 'closed'] as const;
export const OfferStatus = z.enum(OFFER_STATUSES);

/** An offer as assistants, the Dinas and its partner see it. */
export const OfferView = z.object({
  id: z.uuid(),
  partnerId: z.string(),
  partnerName: z.string(),
  partnerKind: z.string(),
  kind: OfferKind,
  title: z.string(),
  description: z.string(),
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  validFrom: z.string(),
  validUntil: z.string(),
  eligibility: Eligibility,
  details: z.record(z.string(), z.unknown()),
  status: OfferStatus,
  /** Open, in date and from a verified partner: what assistants can refer to. */
  live: z.boolean(),
  postedAt: z.string(),
});
export type OfferView = z.infer<typeof OfferView>;

/** Rules whose outcome for a family the broker screen explains. */
export const FIT_REASONS = [
  'region',
  'business-kinds',
  'business-months',
  'stages',
  'prior-training',
  'need',
  'distance',
  'capacity',
  'amount',
] as const;
export const FitReason = z.object({
  code: z.enum(FIT_REASONS),
  /** True when the rule holds (or the factor counts in the family's favour). */
  met: z.boolean(),
  /** Eligibility rules block a referral when not met; the other factors only rank. */
  blocking: z.boolean(),
  /** Values for the message: the family's and the offer's side. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type FitReason = z.infer<typeof FitReason>;

export const DISTANCES = [
  'same-village',
  'same-district',
  'same-regency',
  'same-province',
  'farther',
] as const;
export type Distance = (typeof DISTANCES)[number];

/** A product of a family's business, as the assistant records it for markets and buyers. */
export const ProductInput = z.strictObject({
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().max(1000).default(''),
  price: z.number().int('must be whole rupiah').min(100).max(100_000_000),
  unit: z.string().trim().min(1).max(30),
  labels: z.array(ProductLabel).max(5).default([]),
});
export type ProductInput = z.output<typeof ProductInput>;

export const ProductView = ProductInput.extend({
  id: z.uuid(),
  kpmId: z.uuid(),
  /** Served at /api/products/:id/photo. */
  hasPhoto: z.boolean(),
});
export type ProductView = z.infer<typeof ProductView>;
