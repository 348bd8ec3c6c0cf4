import { describe, expect, it } from '@jest/globals';
import {
  BusinessV1,
  MemberInput,
  Nik,
  OfferInput,
  PartnerProfileInput,
  PhoneNumber,
} from '@jembatan/contracts';
import { realVillages } from '../lib/villages.mjs';
import { familiesOf, importLines, nationPlan } from './plan.mjs';

const villages = realVillages();
const known = new Set(villages);
const all = (plan) => plan.assistants.flatMap((a) => [...familiesOf(plan, a)]);

describe('the synthetic nation', () => {
  const plan = nationPlan({ families: 10_000, seed: 7, villages });
  const families = all(plan);

  it('is the same for the same seed, and another for another seed', () => {
    expect(all(nationPlan({ families: 10_000, seed: 7, villages }))).toEqual(families);
    const other = nationPlan({ families: 10_000, seed: 8, villages });
    expect(other.assistants.map((a) => a.districtCode)).not.toEqual(
      plan.assistants.map((a) => a.districtCode),
    );
  });

  it('gives each assistant about 270 families, every family once', () => {
    expect(plan.assistants).toHaveLength(38);
    expect(families).toHaveLength(10_000);
    expect(Math.max(...plan.assistants.map((a) => a.families))).toBe(270);
    expect(new Set(families.map((f) => f.nik)).size).toBe(10_000);
    expect(new Set(plan.assistants.map((a) => a.username)).size).toBe(38);
  });

  it('places everyone on real idn-area-data codes: villages in the assistant’s kecamatan', () => {
    for (const assistant of plan.assistants)
      for (const family of familiesOf(plan, assistant)) {
        expect(known.has(family.villageCode)).toBe(true);
        expect(family.villageCode.startsWith(`${assistant.districtCode}.`)).toBe(true);
        expect(family.nik.slice(0, 6)).toBe(assistant.districtCode.replaceAll('.', ''));
      }
  });

  it('writes NIKs, phones, members and businesses the services accept', () => {
    for (const family of families.slice(0, 2_000)) {
      expect(Nik.safeParse(family.nik).success).toBe(true);
      if (family.phone) expect(PhoneNumber.safeParse(family.phone).success).toBe(true);
      for (const member of family.members) expect(MemberInput.safeParse(member).success).toBe(true);
      if (family.business) expect(BusinessV1.safeParse(family.business).success).toBe(true);
    }
  });

  it('registers partners and posts offers with bodies the gateway accepts', () => {
    expect(plan.partners).toHaveLength(plan.regencies.length * 4);
    for (const partner of plan.partners) {
      const profile = PartnerProfileInput.safeParse(partner.profile);
      expect(profile.error?.issues).toBeUndefined();
      expect(known.has(partner.profile.location.villageCode)).toBe(true);
      expect(partner.profile.location.villageCode.startsWith(`${partner.regency}.`)).toBe(true);
      for (const offer of partner.offers)
        expect(OfferInput.safeParse(offer).error?.issues).toBeUndefined();
    }
  });

  it('looks like a caseload: most with children, about 60% with a business, groups of up to 25 in a village', () => {
    const withBusiness = families.filter((f) => f.business).length / families.length;
    expect(withBusiness).toBeGreaterThan(0.55);
    expect(withBusiness).toBeLessThan(0.65);
    const kinds = new Set(families.flatMap((f) => (f.business ? [f.business.kind] : [])));
    expect(kinds.size).toBe(7);
    for (const f of families.filter((x) => x.business))
      expect(f.business.monthlyCosts).toBeLessThan(f.business.monthlyRevenue);
    // A group is named within its assistant's caseload (the import's `kelompok` column).
    const groupSizes = new Map();
    for (const assistant of plan.assistants)
      for (const f of familiesOf(plan, assistant)) {
        const key = `${assistant.index}/${f.group}`;
        groupSizes.set(key, (groupSizes.get(key) ?? 0) + 1);
      }
    expect(Math.max(...groupSizes.values())).toBe(25);
    // The import joins a same-named group of the village: no two assistants may share one.
    const owner = new Map();
    for (const assistant of plan.assistants)
      for (const f of familiesOf(plan, assistant)) {
        const key = `${f.villageCode}/${f.group}`;
        expect(owner.get(key) ?? assistant.index).toBe(assistant.index);
        owner.set(key, assistant.index);
      }
    expect(families.length / groupSizes.size).toBeGreaterThan(12);
    const withChildren = families.filter((f) => f.members.some((m) => m.relation === 'child'));
    expect(withChildren.length / families.length).toBeGreaterThan(0.7);
  });

  it('generates one assistant’s slice alone exactly as within the whole', () => {
    const fifth = plan.assistants[5];
    expect([...familiesOf(plan, fifth)]).toEqual(
      families.slice(fifth.firstFamily, fifth.firstFamily + fifth.families),
    );
    const csv = [...importLines(plan, fifth)];
    expect(csv[0]).toBe(
      'nik_pengurus,nama_pengurus,no_hp,kode_kelurahan,alamat,tahun_masuk_pkh,kelompok',
    );
    expect(csv).toHaveLength(fifth.families + 1);
    expect(csv[1].split(',')).toHaveLength(7);
  });

  it('plans the whole nation quickly: 10 million families, 37,038 assistants, partners per regency', () => {
    const nation = nationPlan({ families: 10_000_000, seed: 1, villages });
    expect(nation.assistants).toHaveLength(37_038);
    expect(nation.assistants.reduce((sum, a) => sum + a.families, 0)).toBe(10_000_000);
    // Kecamatan with more villages get more assistants (weights by village count).
    expect(nation.regencies.length).toBeGreaterThan(450);
    expect(nation.partners).toHaveLength(nation.regencies.length * 4);
    for (const partner of nation.partners.slice(0, 50))
      for (const offer of partner.offers)
        expect(offer.eligibility.regions).toEqual([partner.regency]);
  });
});
