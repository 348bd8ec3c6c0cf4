import { fieldErrorsFrom } from '../errors.js';
import { OfferInput } from './offers.js';
import { PartnerProfileInput } from './registry.js';

const loan = {
  kind: 'loan',
  title: 'Kredit Usaha Mikro',
  capacity: 10,
  validFrom: '2026-12-01',
  validUntil: '2026-12-31',
  eligibility: { regions: ['31.75'] },
  details: {
    amountMin: 1_000_000,
    amountMax: 5_000_000,
    interestRatePct: 6,
    interestMethod: 'flat',
    tenorMonthsMin: 6,
    tenorMonthsMax: 24,
    repaymentFrequency: 'monthly',
    collateral: false,
  },
};
const paths = (input: unknown, schema = OfferInput) => {
  const result = schema.safeParse(input);
  return result.success ? [] : fieldErrorsFrom(result.error.issues).map((f) => f.path);
};

describe('OfferInput', () => {
  it('accepts a loan and fills its defaults', () => {
    const parsed = OfferInput.parse(loan);
    expect(parsed.kind === 'loan' && parsed.details.documents).toEqual([]);
    expect(parsed.description).toBe('');
  });

  it("checks each kind's details against that kind", () => {
    expect(paths({ ...loan, details: { sessions: 3, mode: 'online' } })).toEqual(
      expect.arrayContaining(['details.amountMin']),
    );
    expect(paths({ ...loan, kind: 'tutoring', details: { sessions: 3, mode: 'online' } })).toEqual(
      [],
    );
  });

  it('names inconsistent ranges and dates', () => {
    expect(paths({ ...loan, validUntil: '2026-11-30' })).toEqual(['validUntil']);
    expect(paths({ ...loan, details: { ...loan.details, amountMax: 500_000 } })).toEqual([
      'details.amountMax',
    ]);
    expect(paths({ ...loan, details: { ...loan.details, tenorMonthsMax: 3 } })).toEqual([
      'details.tenorMonthsMax',
    ]);
  });

  it('refuses eligibility rules that cannot be met or are not rules', () => {
    expect(
      paths({
        ...loan,
        eligibility: {
          regions: [],
          stages: ['exited'],
          minBusinessMonths: 0,
          businessKinds: [],
          extra: 1,
        },
      }).sort(),
    ).toEqual(
      [
        'eligibility.businessKinds',
        'eligibility.extra',
        'eligibility.minBusinessMonths',
        'eligibility.regions',
        'eligibility.stages.0',
      ].sort(),
    );
  });

  it('delivers a training in one region', () => {
    const training = {
      ...loan,
      kind: 'training',
      eligibility: { regions: ['31.75.01', '31.75.03'] },
      details: { place: 'BLK', startsOn: '2026-12-10', endsOn: '2026-12-12', meetings: 3 },
    };
    expect(paths(training)).toEqual(['eligibility.regions']);
  });
});

describe('PartnerProfileInput', () => {
  const profile = {
    name: 'Koperasi Maju',
    kind: 'lender',
    contacts: [{ name: 'Yusuf' }],
    serviceArea: ['31.75'],
    location: { address: 'Jl. Pramuka 8', villageCode: '31.75.01.1004' },
  };
  it('accepts a profile and knows the subtypes of its kind', () => {
    expect(paths({ ...profile, subtype: 'cooperative' }, PartnerProfileInput as never)).toEqual([]);
    expect(paths({ ...profile, subtype: 'hotel' }, PartnerProfileInput as never)).toEqual([
      'subtype',
    ]);
    expect(
      paths({ ...profile, kind: 'ngo', subtype: 'bank' }, PartnerProfileInput as never),
    ).toEqual(['subtype']);
  });
  it('wants both coordinates or neither', () => {
    expect(
      paths(
        { ...profile, location: { ...profile.location, lat: -6.2 } },
        PartnerProfileInput as never,
      ),
    ).toEqual(['location.lng']);
  });
});
