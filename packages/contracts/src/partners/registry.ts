import { z } from 'zod';
import { RegionCode, VillageCode } from '../common.js';
import { PhoneNumber } from '../identity.js';
import { PARTNER_KINDS, PARTNER_SUBTYPES } from './partner-kinds.js';

export * from './partner-kinds.js';

export const PartnerKind = z.enum(PARTNER_KINDS);
export type PartnerKind = z.infer<typeof PartnerKind>;

export const PARTNER_STATUSES = ['pending', 'verified', 'suspended'] as const;
export const PartnerStatus = z.enum(PARTNER_STATUSES);
export type PartnerStatus = z.infer<typeof PartnerStatus>;

export const PartnerContact = z.strictObject({
  name: z.string().trim().min(2).max(120),
  position: z.string().trim().max(120).optional(),
  phone: PhoneNumber.optional(),
  email: z.email().max(200).optional(),
});

/** Where the partner is: an address in a real village, with map coordinates when known. */
export const PartnerLocation = z.strictObject({
  address: z.string().trim().min(5).max(300),
  villageCode: VillageCode,
  /** WGS84; Indonesia spans about 6 N to 11 S and 95 E to 141 E. */
  lat: z.number().min(-11.5).max(6.5).optional(),
  lng: z.number().min(94.5).max(141.5).optional(),
});

/** A partner's profile as it registers or edits it. Region codes are checked against idn-area-data by the service. */
export const PartnerProfileInput = z
  .strictObject({
    name: z.string().trim().min(3).max(200),
    kind: PartnerKind,
    subtype: z.string().trim().max(40).optional(),
    /** An individual (a tutor, a buyer) rather than an organisation. */
    individual: z.boolean().default(false),
    description: z.string().trim().max(2000).default(''),
    website: z.url().max(300).optional(),
    contacts: z.array(PartnerContact).min(1).max(5),
    /** Regions the partner serves: provinces, cities, kecamatan or kelurahan. */
    serviceArea: z.array(RegionCode).min(1).max(50),
    location: PartnerLocation,
  })
  .superRefine((profile, ctx) => {
    const subtypes = PARTNER_SUBTYPES[profile.kind];
    if (profile.subtype !== undefined && !subtypes?.includes(profile.subtype))
      ctx.addIssue({
        code: 'custom',
        path: ['subtype'],
        message: subtypes
          ? `must be one of ${subtypes.join(', ')}`
          : `a ${profile.kind} has no subtype`,
      });
    if ((profile.location.lat === undefined) !== (profile.location.lng === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['location', profile.location.lat === undefined ? 'lat' : 'lng'],
        message: 'give both lat and lng, or neither',
      });
  });
export type PartnerProfileInput = z.output<typeof PartnerProfileInput>;

/** Referral outcomes so far: what assistants judge a partner by. */
export const TrackRecord = z.object({
  referrals: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  completed: z.number().int(),
  repaid: z.number().int(),
});
export type TrackRecord = z.infer<typeof TrackRecord>;

export const PartnerView = z.object({
  id: z.string(),
  name: z.string(),
  kind: PartnerKind,
  subtype: z.string().nullable(),
  individual: z.boolean(),
  description: z.string(),
  website: z.string().nullable(),
  contacts: z.array(PartnerContact),
  serviceArea: z.array(z.string()),
  location: PartnerLocation,
  status: PartnerStatus,
  statusReason: z.string().nullable(),
  registeredAt: z.string(),
  verifiedAt: z.string().nullable(),
  liveOffers: z.number().int(),
  trackRecord: TrackRecord,
});
export type PartnerView = z.infer<typeof PartnerView>;

export const PartnerDecision = z.enum(['verify', 'suspend', 'reinstate']);
export type PartnerDecision = z.infer<typeof PartnerDecision>;
