import {
  HSDS_TAXONOMIES,
  HSDS_VILLAGE_IDENTIFIER,
  OfferInput,
  PARTNER_KINDS,
  PartnerProfileInput,
  regionAncestry,
  validate,
  type FieldError,
  type HsdsAddress,
  type HsdsOrganization,
  type HsdsService,
  type PartnerKind,
} from '@jembatan/contracts';
import type { RegionDirectory } from '@jembatan/regions';
import { partnerProfileProblems } from '@jembatan/service-kit';
import { offerProblems } from '../offers/offers.handlers.js';
import { classificationOf } from './hsds.terms.js';

/** Why an object of the file was not taken: a code, words, and the fields at fault. */
export interface Refusal {
  reason: string;
  fields?: FieldError[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The street address; a second line naming the village (as Jembatan's export puts it) is dropped. */
function streetOf(address: HsdsAddress, villageName: string): string {
  const second = address.address_2?.trim();
  return second && second.toLowerCase() !== villageName.toLowerCase()
    ? `${address.address_1}, ${second}`
    : address.address_1;
}

/** The village an organisation's location names by Kemendagri code, with that location. */
function placeOf(organization: HsdsOrganization, regions: RegionDirectory) {
  for (const location of organization.locations ?? []) {
    const code = location.external_identifier;
    if (
      code &&
      (location.external_identifier_type === HSDS_VILLAGE_IDENTIFIER ||
        location.external_identifier_type === undefined) &&
      regions.has(code, 'village')
    )
      return { location, villageCode: code };
  }
  return null;
}

/**
 * The partner profile an HSDS organisation describes. Organisations from Jembatan carry their
 * kind and service area in a classification attribute; from elsewhere, the kind must be added
 * (the Dinas cannot guess whether an organisation lends or trains) and the service area
 * defaults to the regency of its village.
 */
export function profileOfOrganization(
  organization: HsdsOrganization,
  regions: RegionDirectory,
): { profile: PartnerProfileInput } | Refusal {
  const kind = classificationOf(organization.attributes, 'partnerKind');
  if (!kind || !PARTNER_KINDS.includes(kind.code as PartnerKind))
    return {
      reason: `no partner kind: add an attribute whose taxonomy term comes from ${HSDS_TAXONOMIES.partnerKind} (one of ${PARTNER_KINDS.join(', ')})`,
    };
  const place = placeOf(organization, regions);
  if (!place)
    return {
      reason: `no location in a known village: give a location whose external_identifier is a village code of idn-area-data (external_identifier_type ${HSDS_VILLAGE_IDENTIFIER})`,
    };
  const extra = isObject(kind.value) ? kind.value : {};
  const address = place.location.addresses?.[0];
  const candidate = {
    name: organization.name,
    kind: kind.code,
    ...(typeof extra.subtype === 'string' ? { subtype: extra.subtype } : {}),
    individual: extra.individual === true,
    description: organization.description,
    ...(organization.website ? { website: organization.website } : {}),
    contacts: (organization.contacts ?? [])
      .filter((contact) => contact.name)
      .map((contact) => ({
        name: contact.name,
        ...(contact.title ? { position: contact.title } : {}),
        ...(contact.phones?.[0] ? { phone: contact.phones[0].number.replace(/[\s-]/g, '') } : {}),
        ...(contact.email ? { email: contact.email } : {}),
      })),
    serviceArea: Array.isArray(extra.serviceArea)
      ? extra.serviceArea
      : [regionAncestry(place.villageCode)[1]!],
    location: {
      address: address ? streetOf(address, regions.get(place.villageCode)!.name) : '',
      villageCode: place.villageCode,
      ...(place.location.latitude !== undefined && place.location.longitude !== undefined
        ? { lat: place.location.latitude, lng: place.location.longitude }
        : {}),
    },
  };
  const parsed = validate(PartnerProfileInput, candidate);
  if (!parsed.ok) return { reason: 'not a valid partner profile', fields: parsed.fields };
  const problems = partnerProfileProblems(regions, parsed.value, '');
  if (problems.length > 0) return { reason: 'unknown region codes', fields: problems };
  return { profile: parsed.value };
}

/**
 * The offer an HSDS service describes, for the partner being imported. Only services Jembatan
 * can refer families to come in: their kind, capacity, eligibility and details travel in the
 * offer-kind classification; a service without it is described in words only.
 */
export function offerOfService(
  service: HsdsService,
  partner: { kind: string; serviceArea: string[] },
  regions: RegionDirectory,
): { offer: OfferInput } | Refusal {
  const kind = classificationOf(service.attributes, 'offerKind');
  if (!kind)
    return {
      reason: `no offer kind: add an attribute whose taxonomy term comes from ${HSDS_TAXONOMIES.offerKind}, with the eligibility and details in its value`,
    };
  const extra = isObject(kind.value) ? kind.value : {};
  const schedule = service.schedules?.[0];
  const parsed = validate(OfferInput, {
    kind: kind.code,
    title: service.name,
    description: service.description ?? '',
    capacity: extra.capacity,
    validFrom: extra.validFrom ?? schedule?.valid_from,
    validUntil: extra.validUntil ?? schedule?.valid_to,
    eligibility: extra.eligibility,
    details: extra.details,
  });
  if (!parsed.ok) return { reason: 'not a valid offer', fields: parsed.fields };
  const problems = offerProblems(regions, parsed.value, partner);
  if (problems.length > 0) return { reason: 'offer rules not met', fields: problems };
  return { offer: parsed.value };
}
