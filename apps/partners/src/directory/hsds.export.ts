import {
  HSDS_VILLAGE_IDENTIFIER,
  regionAncestry,
  type HsdsContact,
  type HsdsOrganization,
  type HsdsService,
  type PartnerView,
} from '@jembatan/contracts';
import type { RegionDirectory } from '@jembatan/regions';
import type { Offer, Partner } from '../generated/prisma/client.js';
import { eligibilityOf, isoDay, isLive, todayIso } from '../offers/offer.rows.js';
import { classification, derivedUuid } from './hsds.terms.js';

type Contact = PartnerView['contacts'][number];
const rupiah = (amount: number) => `Rp${amount.toLocaleString('id-ID')}`;

/** The partner's one place, where its services are delivered unless they say otherwise. */
export const locationIdOf = (partnerId: string) => derivedUuid('location', partnerId);

/**
 * Contacts as HSDS has them. An individual partner (a tutor, a small buyer) shared a personal
 * phone and e-mail with assistants, not with every directory the file reaches: only the name
 * and role go out for them.
 */
function contactsOf(partner: Partner): HsdsContact[] {
  return (partner.contacts as Contact[]).map((contact, index) => {
    const id = derivedUuid('contact', partner.id, String(index));
    return {
      id,
      organization_id: partner.id,
      name: contact.name,
      ...(contact.position ? { title: contact.position } : {}),
      ...(!partner.individual && contact.email ? { email: contact.email } : {}),
      ...(!partner.individual && contact.phone
        ? {
            phones: [
              {
                id: derivedUuid('phone', partner.id, String(index)),
                contact_id: id,
                number: contact.phone,
                type: 'cell',
              },
            ],
          }
        : {}),
    };
  });
}

export function organizationOf(partner: Partner, regions: RegionDirectory): HsdsOrganization {
  const [province, regency, district, village] = regionAncestry(partner.villageCode).map(
    (code) => regions.get(code)?.name ?? code,
  );
  const locationId = locationIdOf(partner.id);
  const contacts = contactsOf(partner);
  return {
    id: partner.id,
    name: partner.name,
    description: partner.description,
    ...(partner.website ? { website: partner.website } : {}),
    ...(contacts[0]?.email ? { email: contacts[0].email } : {}),
    contacts,
    locations: [
      {
        id: locationId,
        location_type: 'physical',
        organization_id: partner.id,
        name: partner.name,
        ...(partner.lat !== null && partner.lng !== null
          ? { latitude: partner.lat, longitude: partner.lng }
          : {}),
        external_identifier: partner.villageCode,
        external_identifier_type: HSDS_VILLAGE_IDENTIFIER,
        addresses: [
          {
            id: derivedUuid('address', partner.id),
            location_id: locationId,
            address_1: partner.address,
            address_2: village ?? '',
            city: regency ?? '',
            region: district ?? '',
            state_province: province ?? '',
            // idn-area-data has no postal codes, and partners do not give one.
            postal_code: '',
            country: 'ID',
            address_type: 'physical',
          },
        ],
      },
    ],
    attributes: [
      classification(
        'partnerKind',
        partner.kind as never,
        { id: partner.id, entity: 'organization' },
        {
          subtype: partner.subtype,
          individual: partner.individual,
          serviceArea: partner.serviceArea,
        },
      ),
    ],
  };
}

/** Who may be referred, in words, for directories that do not read the structured rules. */
function eligibilityText(offer: Offer, regions: RegionDirectory): string {
  const parts = [
    `Keluarga PKH di ${offer.regions.map((code) => regions.get(code)?.name ?? code).join(', ')}`,
  ];
  if (offer.businessKinds.length > 0) parts.push(`usaha: ${offer.businessKinds.join(', ')}`);
  if (offer.minBusinessMonths !== null)
    parts.push(`usaha berjalan minimal ${offer.minBusinessMonths} bulan`);
  if (offer.stages.length > 0) parts.push(`tahap: ${offer.stages.join(', ')}`);
  if (offer.priorTraining) parts.push('sudah mengikuti pelatihan');
  return `${parts.join('; ')}.`;
}

/** Terms a family pays or receives, in words. */
function feesText(offer: Offer): string | undefined {
  const details = offer.details as Record<string, unknown>;
  switch (offer.kind) {
    case 'loan':
      return (
        `Pinjaman ${rupiah(details.amountMin as number)}–${rupiah(details.amountMax as number)}, ` +
        `bunga ${details.interestRatePct as number}% per tahun (${details.interestMethod === 'flat' ? 'flat' : 'menurun'}), ` +
        `tenor ${details.tenorMonthsMin as number}–${details.tenorMonthsMax as number} bulan, ` +
        `angsuran ${details.repaymentFrequency === 'weekly' ? 'mingguan' : 'bulanan'}` +
        `${details.collateral ? ', dengan agunan' : ', tanpa agunan'}.`
      );
    case 'grant':
      return `Hibah ${rupiah(details.amountPerFamily as number)} per keluarga${details.inKind ? ' (barang)' : ''}, tanpa biaya.`;
    case 'bazaar':
      return (details.slotFee as number) > 0
        ? `Biaya lapak ${rupiah(details.slotFee as number)}.`
        : 'Lapak tanpa biaya.';
    default:
      return 'Tanpa biaya bagi keluarga.';
  }
}

export function serviceOf(
  offer: Offer,
  partner: Pick<Partner, 'id' | 'status'>,
  regions: RegionDirectory,
  today = todayIso(),
): HsdsService {
  const details = offer.details as Record<string, unknown>;
  const documents = (details.documents as string[] | undefined) ?? [];
  const validFrom = isoDay(offer.validFrom);
  const validUntil = isoDay(offer.validUntil);
  const fees = feesText(offer);
  return {
    id: offer.id,
    organization_id: offer.partnerId,
    name: offer.title,
    description: offer.description,
    status: isLive(offer, partner.status, today) ? 'active' : 'inactive',
    eligibility_description: eligibilityText(offer, regions),
    ...(fees ? { fees_description: fees } : {}),
    application_process:
      'Keluarga dirujuk oleh pendamping PKH melalui Jembatan, dengan persetujuan keluarga.',
    schedules: [
      {
        id: derivedUuid('schedule', offer.id),
        service_id: offer.id,
        valid_from: validFrom,
        valid_to: validUntil,
        ...(typeof details.startsOn === 'string'
          ? { dtstart: details.startsOn, until: details.endsOn as string }
          : {}),
        ...(typeof details.place === 'string' ? { description: details.place } : {}),
      },
    ],
    service_areas: offer.regions.map((code) => ({
      id: derivedUuid('service-area', offer.id, code),
      service_id: offer.id,
      name: regions.get(code)?.name ?? code,
      description: `Kode wilayah ${code}`,
    })),
    service_at_locations: [
      {
        id: derivedUuid('service-at-location', offer.id),
        service_id: offer.id,
        location_id: locationIdOf(offer.partnerId),
      },
    ],
    ...(documents.length > 0
      ? {
          required_documents: documents.map((document, index) => ({
            id: derivedUuid('required-document', offer.id, String(index)),
            service_id: offer.id,
            document,
          })),
        }
      : {}),
    ...(offer.kind === 'bazaar' && (details.slotFee as number) > 0
      ? {
          cost_options: [
            {
              id: derivedUuid('cost-option', offer.id),
              service_id: offer.id,
              amount: details.slotFee as number,
              currency: 'IDR',
              amount_description: 'per lapak',
            },
          ],
        }
      : {}),
    attributes: [
      classification(
        'offerKind',
        offer.kind as never,
        { id: offer.id, entity: 'service' },
        {
          capacity: offer.capacity,
          validFrom,
          validUntil,
          eligibility: eligibilityOf(offer),
          details,
        },
      ),
    ],
  };
}
