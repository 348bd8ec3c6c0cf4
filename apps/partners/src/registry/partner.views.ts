import type { PartnerProfileInput, PartnerView } from '@jembatan/contracts';
import type { Partner } from '../generated/prisma/client.js';

/** The columns a profile fills: registration and edits write the same ones. */
export function profileColumns(profile: PartnerProfileInput) {
  return {
    name: profile.name,
    kind: profile.kind,
    subtype: profile.subtype ?? null,
    individual: profile.individual,
    description: profile.description,
    website: profile.website ?? null,
    contacts: profile.contacts,
    serviceArea: profile.serviceArea,
    address: profile.location.address,
    villageCode: profile.location.villageCode,
    lat: profile.location.lat ?? null,
    lng: profile.location.lng ?? null,
  };
}

export function toPartnerView(partner: Partner, liveOffers: number): PartnerView {
  return {
    id: partner.id,
    name: partner.name,
    kind: partner.kind as PartnerView['kind'],
    subtype: partner.subtype,
    individual: partner.individual,
    description: partner.description,
    website: partner.website,
    contacts: partner.contacts as PartnerView['contacts'],
    serviceArea: partner.serviceArea,
    location: {
      address: partner.address,
      villageCode: partner.villageCode,
      ...(partner.lat !== null && partner.lng !== null
        ? { lat: partner.lat, lng: partner.lng }
        : {}),
    },
    status: partner.status as PartnerView['status'],
    statusReason: partner.statusReason,
    registeredAt: partner.registeredAt.toISOString(),
    verifiedAt: partner.verifiedAt?.toISOString() ?? null,
    liveOffers,
    trackRecord: {
      referrals: partner.referrals,
      accepted: partner.accepted,
      declined: partner.declined,
      completed: partner.completed,
      repaid: partner.repaid,
    },
  };
}
