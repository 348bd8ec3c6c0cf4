import { z } from 'zod';
import { QueryFlag, RegionCode } from '../common.js';
import { Password, Username } from '../gateway/accounts.js';
import { Stage } from '../caseload/graduation.js';
import {
  DISTANCES,
  FitReason,
  NEEDS,
  OfferInput,
  OfferKind,
  OfferView,
  ProductInput,
  ProductView,
} from '../partners/offers.js';
import {
  PartnerDecision,
  PartnerKind,
  PartnerProfileInput,
  PartnerStatus,
  PartnerView,
} from '../partners/registry.js';
import { ReferralHistoryEntry, ReferralStatus, ReferralView } from '../partners/referrals.js';
import type { CommandDefinition } from './catalog.js';

// ---- Registry ----

/** Self-registration (public): the gateway creates the account, partners the pending profile. */
export const RegisterPartnerBody = z.strictObject({
  username: Username,
  password: Password,
  profile: PartnerProfileInput,
});
export type RegisterPartnerBody = z.input<typeof RegisterPartnerBody>;

export const GetPartner = {
  service: 'partners',
  kind: 'query',
  /** Without an id: the calling partner's own profile. */
  request: z.strictObject({ partnerId: z.string().min(1).optional() }),
  response: PartnerView,
} satisfies CommandDefinition;

export const PartnerListQuery = z.strictObject({
  kind: PartnerKind.optional(),
  status: PartnerStatus.optional(),
  /** Partners serving this region (their service area contains it or lies in it). */
  regionCode: RegionCode.optional(),
  q: z.string().trim().max(100).optional(),
});

export const ListPartners = {
  service: 'partners',
  kind: 'query',
  request: PartnerListQuery,
  response: z.object({ items: z.array(PartnerView) }),
} satisfies CommandDefinition;

export const UpdatePartnerProfile = {
  service: 'partners',
  kind: 'command',
  request: z.strictObject({ profile: PartnerProfileInput }),
  response: PartnerView,
} satisfies CommandDefinition;

export const PartnerDecisionBody = z
  .strictObject({ decision: PartnerDecision, reason: z.string().trim().max(1000).optional() })
  .refine((b) => b.decision === 'verify' || (b.reason?.length ?? 0) >= 10, {
    message: 'say why (at least 10 characters)',
    path: ['reason'],
  });

/** The Dinas verifies, suspends or reinstates a partner (audited). */
export const DecidePartner = {
  service: 'partners',
  kind: 'command',
  request: z.strictObject({ partnerId: z.string().min(1), body: PartnerDecisionBody }),
  response: PartnerView,
} satisfies CommandDefinition;

// ---- Offers ----

export const PostOffer = {
  service: 'partners',
  kind: 'command',
  request: z.strictObject({ offer: OfferInput }),
  response: OfferView,
} satisfies CommandDefinition;

export const UpdateOffer = {
  service: 'partners',
  kind: 'command',
  request: z.strictObject({ offerId: z.uuid(), offer: OfferInput }),
  response: OfferView,
} satisfies CommandDefinition;

export const CloseOfferBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const CloseOffer = {
  service: 'partners',
  kind: 'command',
  request: CloseOfferBody.extend({ offerId: z.uuid() }),
  response: OfferView,
} satisfies CommandDefinition;

export const OfferListQuery = z.strictObject({
  kind: OfferKind.optional(),
  /** Offers whose eligible regions overlap this one. */
  regionCode: RegionCode.optional(),
  partnerId: z.string().min(1).optional(),
  q: z.string().trim().max(100).optional(),
});

export const ListOffers = {
  service: 'partners',
  kind: 'query',
  request: OfferListQuery,
  response: z.object({ items: z.array(OfferView) }),
} satisfies CommandDefinition;

export const GetOffer = {
  service: 'partners',
  kind: 'query',
  request: z.strictObject({ offerId: z.uuid() }),
  response: OfferView,
} satisfies CommandDefinition;

// ---- Broker matching ----

/** What the broker knows of a family: the matching fields of its card, never NIK or phone. */
export const BrokerFamily = z.object({
  kpmId: z.uuid(),
  headName: z.string(),
  villageCode: z.string(),
  assistantId: z.string(),
  stage: Stage,
  businessKind: z.string().nullable(),
  businessStartedOn: z.string().nullable(),
  needs: z.array(z.enum(NEEDS)),
  trainingsCompleted: z.number().int(),
});
export type BrokerFamily = z.infer<typeof BrokerFamily>;

export const RankedOffer = z.object({
  offer: OfferView,
  eligible: z.boolean(),
  /** 0-100: higher fits better; eligible offers always rank above ineligible ones. */
  score: z.number().int(),
  distance: z.enum(DISTANCES),
  reasons: z.array(FitReason),
});
export type RankedOffer = z.infer<typeof RankedOffer>;

export const OffersForFamilyQuery = z.strictObject({
  kind: OfferKind.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const OffersForFamily = {
  service: 'partners',
  kind: 'query',
  request: OffersForFamilyQuery.extend({ kpmId: z.uuid() }),
  response: z.object({
    family: BrokerFamily,
    /** Live offers reaching the family's village, and how many of them it is eligible for. */
    live: z.number().int(),
    eligible: z.number().int(),
    items: z.array(RankedOffer),
  }),
} satisfies CommandDefinition;

export const FamiliesForOfferQuery = z.strictObject({
  /** Narrow to a region inside the reader's scope. */
  regionCode: RegionCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const RankedFamily = z.object({
  family: BrokerFamily,
  score: z.number().int(),
  reasons: z.array(FitReason),
  /** Already referred to this offer (and the referral's status). */
  referral: z.object({ id: z.uuid(), status: ReferralStatus }).nullable(),
});
export type RankedFamily = z.infer<typeof RankedFamily>;

export const FamiliesForOffer = {
  service: 'partners',
  kind: 'query',
  request: FamiliesForOfferQuery.extend({ offerId: z.uuid() }),
  response: z.object({
    /** Eligible families counted, up to a cap (10,000): `more` says there are more. */
    total: z.number().int(),
    more: z.boolean(),
    items: z.array(RankedFamily),
  }),
} satisfies CommandDefinition;

// ---- Referrals ----

export const CreateReferralBody = z.strictObject({
  offerId: z.uuid(),
  kpmId: z.uuid(),
  /** The family agreed to share its name, village and business with this partner. */
  consent: z.literal(true, 'the family must consent before anything is shared with the partner'),
  /** Who in the family gave consent (the head, the spouse ...). */
  consentGivenBy: z.string().trim().min(2).max(200),
  note: z.string().trim().max(1000).optional(),
  /** Bazaar slots and buyers' demand: the family's products to offer. */
  productIds: z.array(z.uuid()).min(1).max(20).optional(),
});

export const CreateReferral = {
  service: 'partners',
  kind: 'command',
  request: CreateReferralBody,
  response: ReferralView,
} satisfies CommandDefinition;

export const ReferralListQuery = z.strictObject({
  status: ReferralStatus.optional(),
  offerId: z.uuid().optional(),
  kpmId: z.uuid().optional(),
  /** Only referrals still waiting for the partner's answer past its deadline. */
  overdue: QueryFlag.optional(),
});

export const ListReferrals = {
  service: 'partners',
  kind: 'query',
  request: ReferralListQuery,
  response: z.object({ items: z.array(ReferralView) }),
} satisfies CommandDefinition;

export const GetReferral = {
  service: 'partners',
  kind: 'query',
  request: z.strictObject({ referralId: z.uuid() }),
  response: ReferralView.extend({ history: z.array(ReferralHistoryEntry) }),
} satisfies CommandDefinition;

export const ReferralDecisionBody = z
  .strictObject({
    decision: z.enum(['accept', 'decline', 'complete', 'withdraw']),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((b) => b.decision === 'accept' || (b.reason?.length ?? 0) >= 3, {
    message: 'needs a reason (at least 3 characters)',
    path: ['reason'],
  });

/** The partner accepts, declines or completes (market and tutoring); the assistant withdraws. */
export const DecideReferral = {
  service: 'partners',
  kind: 'command',
  request: z.strictObject({ referralId: z.uuid(), body: ReferralDecisionBody }),
  response: ReferralView,
} satisfies CommandDefinition;

// ---- Resource map ----

const NeedCounts = z.object({
  capital: z.number().int(),
  training: z.number().int(),
  market: z.number().int(),
  tutor: z.number().int(),
});

export const ResourceMapRow = z.object({
  regionCode: z.string(),
  name: z.string(),
  /** Verified partners serving the region (their service area reaches it). */
  partners: z.number().int(),
  /** Live offers reaching the region, by the need they answer. */
  offers: NeedCounts,
  /** Families in the region assessed as needing each kind of help (open PKH stages). */
  demand: NeedCounts,
  /** Needs with demand and no live offer: where the Dinas should look for partners. */
  gaps: z.array(z.enum(NEEDS)),
});
export type ResourceMapRow = z.infer<typeof ResourceMapRow>;

export const ResourceMap = {
  service: 'partners',
  kind: 'query',
  /** Without a region: the reader's own (a kecamatan shows its kelurahan, a city its kecamatan). */
  request: z.strictObject({ regionCode: RegionCode.optional() }),
  response: z.object({
    region: z.object({ code: z.string().nullable(), name: z.string() }),
    rows: z.array(ResourceMapRow),
    /** Partners serving the region with known coordinates, for the map. */
    locations: z.array(
      z.object({
        partnerId: z.string(),
        name: z.string(),
        kind: PartnerKind,
        lat: z.number(),
        lng: z.number(),
        villageCode: z.string(),
      }),
    ),
  }),
} satisfies CommandDefinition;

// ---- Networking among assistants ----

export const PartnerNoteView = z.object({
  id: z.uuid(),
  partnerId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  regionCode: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type PartnerNoteView = z.infer<typeof PartnerNoteView>;

export const PartnerNoteBody = z.strictObject({ text: z.string().trim().min(5).max(2000) });

/** A note on a partner, shared with the author's kecamatan (and the region above it). */
export const AddPartnerNote = {
  service: 'partners',
  kind: 'command',
  request: PartnerNoteBody.extend({
    partnerId: z.string().min(1),
    /** The gateway adds the author's display name from the account. */
    authorName: z.string().min(1).max(200),
  }),
  response: PartnerNoteView,
} satisfies CommandDefinition;

export const ListPartnerNotes = {
  service: 'partners',
  kind: 'query',
  request: z.strictObject({ partnerId: z.string().min(1) }),
  response: z.object({ items: z.array(PartnerNoteView) }),
} satisfies CommandDefinition;

// ---- Funder impact ----

export const PartnerImpact = z.object({
  partner: z.object({ id: z.string(), name: z.string(), kind: PartnerKind }),
  totals: z.object({
    offers: z.number().int(),
    referrals: z.number().int(),
    /** Families referred and not withdrawn. */
    familiesReached: z.number().int(),
    accepted: z.number().int(),
    completed: z.number().int(),
    /** Reached families with a training completed since. */
    trained: z.number().int(),
    /** Reached families whose capital was disbursed, and of those repaid. */
    funded: z.number().int(),
    repaid: z.number().int(),
    graduatedSelfReliant: z.number().int(),
    /** Rupiah of sales reported after bazaars and buyers' deliveries. */
    sales: z.number().int(),
  }),
  offers: z.array(
    z.object({
      offerId: z.uuid(),
      title: z.string(),
      kind: z.string(),
      referrals: z.number().int(),
      accepted: z.number().int(),
      declined: z.number().int(),
      completed: z.number().int(),
    }),
  ),
  /** The families reached, as the partner may see them (consented referrals; no NIK, no phone). */
  families: z.array(
    z.object({
      kpmId: z.uuid(),
      headName: z.string(),
      villageCode: z.string(),
      offerTitle: z.string(),
      status: ReferralStatus,
      outcome: z.string().nullable(),
      trainingsCompleted: z.number().int(),
      stage: z.string(),
    }),
  ),
});
export type PartnerImpact = z.infer<typeof PartnerImpact>;

/** Without an id: the calling partner's own impact. */
export const GetPartnerImpact = {
  service: 'partners',
  kind: 'query',
  request: z.strictObject({ partnerId: z.string().min(1).optional() }),
  response: PartnerImpact,
} satisfies CommandDefinition;

export const ExportPartnerImpact = {
  service: 'partners',
  kind: 'query',
  request: z.strictObject({ partnerId: z.string().min(1).optional() }),
  response: z.object({ fileName: z.string(), contentType: z.string(), base64: z.string() }),
} satisfies CommandDefinition;

// ---- Market: products and sales ----

export const SaveProduct = {
  service: 'partners',
  kind: 'command',
  /** Without a product id: a new product. */
  request: z.strictObject({
    kpmId: z.uuid(),
    productId: z.uuid().optional(),
    product: ProductInput,
  }),
  response: ProductView,
} satisfies CommandDefinition;

export const ListProducts = {
  service: 'partners',
  kind: 'query',
  request: z.strictObject({ kpmId: z.uuid() }),
  response: z.object({ items: z.array(ProductView) }),
} satisfies CommandDefinition;

export const SaleBody = z.strictObject({
  soldOn: z.iso.date(),
  quantity: z.number().int().min(1).max(1_000_000),
  /** Rupiah, the whole sale. */
  amount: z.number().int('must be whole rupiah').min(0).max(10_000_000_000),
});

/** Sales after a bazaar or a delivery to a buyer, reported by the assistant or the partner. */
export const ReportSale = {
  service: 'partners',
  kind: 'command',
  request: SaleBody.extend({ referralId: z.uuid() }),
  response: ReferralView,
} satisfies CommandDefinition;
