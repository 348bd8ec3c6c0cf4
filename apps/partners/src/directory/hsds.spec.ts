import type { HsdsDirectory, HsdsOrganization, OfferInput } from '@jembatan/contracts';
import { loadRegionDirectory, type RegionDirectory } from '@jembatan/regions';
import { createHsdsValidator } from '@jembatan/service-kit';
import type { Offer, Partner } from '../generated/prisma/client.js';
import { dateOf, offerColumns } from '../offers/offer.rows.js';
import { organizationOf, serviceOf } from './hsds.export.js';
import { offerOfService, profileOfOrganization } from './hsds.import.js';
import { derivedUuid } from './hsds.terms.js';

const hsds = createHsdsValidator();
let regions: RegionDirectory;
beforeAll(async () => {
  regions = await loadRegionDirectory();
});

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function partnerRow(overrides: Partial<Partner> = {}): Partner {
  return {
    id: '0b6f3c1e-2a4d-4e8f-9a1b-3c5d7e9f1a2b',
    name: 'Koperasi Sejahtera Bersama',
    kind: 'lender',
    subtype: 'cooperative',
    individual: false,
    description: 'Simpan pinjam untuk usaha mikro di Jakarta Timur',
    website: 'https://koperasi-sejahtera.example.id',
    contacts: [
      { name: 'Sri Wahyuni', position: 'Manajer', phone: '081234567890', email: 'sri@example.id' },
    ],
    serviceArea: ['31.75'],
    address: 'Jl. Pemuda No. 10',
    villageCode: '31.75.01.1001',
    lat: -6.19,
    lng: 106.89,
    status: 'verified',
    statusReason: null,
    registeredAt: new Date('2026-01-05T00:00:00Z'),
    verifiedAt: new Date('2026-01-06T00:00:00Z'),
    updatedAt: new Date('2026-01-06T00:00:00Z'),
    referrals: 0,
    accepted: 0,
    declined: 0,
    completed: 0,
    repaid: 0,
    ...overrides,
  };
}

const loanInput: OfferInput = {
  kind: 'loan',
  title: 'Pinjaman usaha mikro',
  description: 'Modal kerja tanpa agunan',
  capacity: 40,
  validFrom: inDays(-10),
  validUntil: inDays(60),
  eligibility: { regions: ['31.75'], businessKinds: ['food'], minBusinessMonths: 6 },
  details: {
    amountMin: 1_000_000,
    amountMax: 10_000_000,
    interestRatePct: 6,
    interestMethod: 'flat',
    tenorMonthsMin: 6,
    tenorMonthsMax: 24,
    repaymentFrequency: 'monthly',
    collateral: false,
    documents: ['KTP', 'Kartu Keluarga'],
  },
};

function offerRow(partner: Partner, input: OfferInput): Offer {
  return {
    id: '5d2c8e4a-6b1f-4c3d-8e9a-0f1b2c3d4e5f',
    partnerId: partner.id,
    ...offerColumns(input, partner),
    status: 'open',
    closedReason: null,
    seatsTaken: 3,
    postedAt: dateOf(inDays(-10)),
    updatedAt: dateOf(inDays(-10)),
  } as Offer;
}

function directoryOf(partners: Partner[], offers: Offer[]): HsdsDirectory {
  return {
    hsds_version: '3.0',
    publisher: 'Jembatan (test)',
    generated_at: new Date().toISOString(),
    organizations: partners.map((partner) => organizationOf(partner, regions)),
    services: offers.map((offer) => serviceOf(offer, partners[0]!, regions)),
  };
}

describe('HSDS 3.0 export', () => {
  it('validates against the HSDS 3.0 schemas, with the village and its regions in the address', () => {
    const partner = partnerRow();
    const directory = directoryOf([partner], [offerRow(partner, loanInput)]);
    expect(hsds.directory(directory)).toEqual([]);
    const [organization] = directory.organizations;
    const address = organization!.locations![0]!.addresses![0]!;
    expect(address).toMatchObject({
      address_1: 'Jl. Pemuda No. 10',
      country: 'ID',
      address_type: 'physical',
    });
    expect(address.state_province).toMatch(/JAKARTA/i);
    expect(organization!.locations![0]!.external_identifier).toBe('31.75.01.1001');
    const [service] = directory.services;
    expect(service).toMatchObject({ status: 'active', organization_id: partner.id });
    expect(service!.fees_description).toContain('bunga 6% per tahun');
    expect(service!.required_documents!.map((d) => d.document)).toEqual(['KTP', 'Kartu Keluarga']);
  });

  it("keeps an individual partner's phone and e-mail out of the file", () => {
    const tutor = partnerRow({ kind: 'business-tutor', subtype: null, individual: true });
    const [organization] = directoryOf([tutor], []).organizations;
    expect(organization!.contacts).toEqual([
      expect.objectContaining({ name: 'Sri Wahyuni', title: 'Manajer' }),
    ]);
    expect(JSON.stringify(organization)).not.toContain('081234567890');
    expect(JSON.stringify(organization)).not.toContain('sri@example.id');
  });

  it('gives derived objects the same valid UUID on every export', () => {
    const id = derivedUuid('location', 'partner-1');
    expect(id).toBe(derivedUuid('location', 'partner-1'));
    expect(id).not.toBe(derivedUuid('location', 'partner-2'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('HSDS 3.0 import', () => {
  it('reads back the partner profile and the offer it exported', () => {
    const partner = partnerRow();
    const directory = directoryOf([partner], [offerRow(partner, loanInput)]);
    const profile = profileOfOrganization(directory.organizations[0]!, regions);
    expect(profile).toEqual({
      profile: {
        name: partner.name,
        kind: 'lender',
        subtype: 'cooperative',
        individual: false,
        description: partner.description,
        website: partner.website,
        contacts: partner.contacts,
        serviceArea: ['31.75'],
        location: {
          address: 'Jl. Pemuda No. 10',
          villageCode: '31.75.01.1001',
          lat: -6.19,
          lng: 106.89,
        },
      },
    });
    expect(offerOfService(directory.services[0]!, partner, regions)).toEqual({ offer: loanInput });
  });

  it('refuses an organisation from elsewhere until it says what kind of partner it is', () => {
    const foreign: HsdsOrganization = {
      id: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      name: 'Yayasan Peduli',
      description: 'Pelatihan menjahit',
      locations: [
        {
          id: '8b1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          location_type: 'physical',
          external_identifier: '31.75.01.1001',
        },
      ],
    };
    expect(profileOfOrganization(foreign, regions)).toMatchObject({
      reason: expect.stringContaining('no partner kind'),
    });
    const kinded = {
      ...foreign,
      attributes: organizationOf(partnerRow({ kind: 'ngo', subtype: null }), regions).attributes,
    };
    const withoutVillage = { ...kinded, locations: [] };
    expect(profileOfOrganization(withoutVillage, regions)).toMatchObject({
      reason: expect.stringContaining('no location in a known village'),
    });
  });

  it('refuses an offer whose rules the imported partner cannot post', () => {
    const partner = partnerRow();
    const [service] = directoryOf([partner], [offerRow(partner, loanInput)]).services;
    const trainer = partnerRow({ kind: 'training-provider', subtype: null });
    expect(offerOfService(service!, trainer, regions)).toMatchObject({
      reason: 'offer rules not met',
      fields: [{ path: 'kind', message: expect.stringContaining('training-provider posts') }],
    });
  });
});

describe('the HSDS 3.0 schemas', () => {
  /** Sets (or, with `undefined`, deletes) the value at `path` of a JSON document. */
  function spoil(document: unknown, path: (string | number)[], value: unknown) {
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document) as Record<
      string,
      unknown
    >;
    const key = path[path.length - 1]!;
    if (value === undefined) delete parent[key];
    else parent[key] = value;
  }
  const location = ['organizations', 0, 'locations', 0];

  it.each([
    [
      'a missing required field',
      ['organizations', 0, 'description'],
      undefined,
      'organizations.0.description',
      'is required',
    ],
    [
      'an id that is not a UUID',
      ['organizations', 0, 'id'],
      'kop-1',
      'organizations.0.id',
      'must match format "uuid"',
    ],
    [
      'a location type outside the enumeration',
      [...location, 'location_type'],
      'office',
      'organizations.0.locations.0.location_type',
      'must be one of physical, postal, virtual',
    ],
    [
      'a phone number given as a number',
      ['organizations', 0, 'contacts', 0, 'phones', 0, 'number'],
      81234567890,
      'organizations.0.contacts.0.phones.0.number',
      'must be string',
    ],
    [
      'an address without its country',
      [...location, 'addresses', 0, 'country'],
      undefined,
      'organizations.0.locations.0.addresses.0.country',
      'is required',
    ],
    [
      'a service status HSDS does not know',
      ['services', 0],
      { id: derivedUuid('s'), name: 'x', status: 'open' },
      'services.0.status',
      'must be one of active, inactive, defunct, temporarily closed',
    ],
  ] as const)('refuse %s', (_name, at, value, path, message) => {
    const directory = directoryOf([partnerRow()], []);
    spoil(directory, [...at], value);
    expect(hsds.directory(directory)).toContainEqual({ path, message });
  });
});
