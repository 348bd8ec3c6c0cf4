// The synthetic nation (issue 10, step 1): a deterministic plan of PKH at any size, on the real
// region codes of idn-area-data. Assistants (about 270 families each) sit in real kecamatan,
// more where there are more villages; each assistant's families, with members, businesses and
// P2K2 groups, come from that assistant's own seeded stream, so any slice of the nation can be
// generated (and loaded) alone and in parallel, and the same seed always gives the same data.
import { BUSINESS_KINDS } from '@jembatan/contracts/pure';
import { FIRST_NAMES, IMPORT_HEADER, LAST_NAMES, syntheticNik } from '@jembatan/infra/fixtures';

/** mulberry32: a small, fast PRNG whose whole state is one 32-bit number. */
export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    between: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** A seed for one part of the nation, mixed from the nation's seed and the part's number. */
const seedOf = (seed, part) =>
  Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(part + 1, 0xc2b2ae35);

/** How common each kind is among PKH businesses, in BUSINESS_KINDS' order. */
const BUSINESS_WEIGHTS = [0.34, 0.26, 0.08, 0.1, 0.1, 0.07, 0.05];
const DESCRIPTIONS = {
  food: ['Warung nasi uduk', 'Kue basah titipan', 'Gorengan keliling', 'Katering rumahan'],
  retail: ['Warung kelontong', 'Jual pulsa dan token', 'Dagang sayur keliling'],
  crafts: ['Anyaman bambu', 'Jahit dan permak', 'Kerajinan manik'],
  services: ['Cuci setrika', 'Tukang pijat', 'Ojek pangkalan'],
  agriculture: ['Kebun sayur', 'Buruh tani dan sawah sewa'],
  livestock: ['Ternak ayam kampung', 'Ternak kambing', 'Budidaya lele'],
  other: ['Usaha sampingan'],
};
/** Share of families with a business of their own (the rest live on wages and the benefit). */
const HAS_BUSINESS = 0.6;

const weighted = (random, items, weights) => {
  let at = random.next();
  for (let i = 0; i < items.length; i++) {
    at -= weights[i];
    if (at < 0) return items[i];
  }
  return items[items.length - 1];
};

const isoDay = (date) => date.toISOString().slice(0, 10);

/**
 * The nation for `families` families: `assistants` with their kecamatan, the regencies they
 * cover, and partners with offers in those regencies. `villages` are idn-area-data village
 * codes (bench/lib/villages.mjs); `today` fixes the dates (the plan is the same whenever run).
 */
export function nationPlan({
  families,
  seed = 1,
  villages,
  familiesPerAssistant = 270,
  today = new Date('2026-12-01T00:00:00Z'),
}) {
  if (!Number.isInteger(families) || families < 1) throw new Error('families must be positive');
  const villagesOf = new Map();
  for (const code of villages) {
    const district = code.slice(0, 8);
    const list = villagesOf.get(district) ?? [];
    list.push(code);
    villagesOf.set(district, list);
  }
  const districts = [...villagesOf.keys()];
  const cumulative = [];
  let total = 0;
  for (const d of districts) cumulative.push((total += villagesOf.get(d).length));

  const random = createRandom(seedOf(seed, 0));
  const count = Math.ceil(families / familiesPerAssistant);
  const perDistrict = new Map();
  const assistants = [];
  let firstFamily = 0;
  for (let index = 0; index < count; index++) {
    // More villages, more assistants: a kecamatan drawn with weight by its village count.
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > target) high = mid;
      else low = mid + 1;
    }
    const districtCode = districts[low];
    const ordinal = perDistrict.get(districtCode) ?? 0;
    perDistrict.set(districtCode, ordinal + 1);
    const size = Math.min(familiesPerAssistant, families - firstFamily);
    assistants.push({
      index,
      username: `pendamping.${districtCode.replaceAll('.', '')}.${ordinal + 1}`,
      displayName: `${FIRST_NAMES[index % 10]} ${LAST_NAMES[Math.floor(index / 10) % 10]} ${index + 1}`,
      districtCode,
      /** This assistant's place among the kecamatan's: keeps their families' NIKs apart. */
      ordinalInDistrict: ordinal,
      villages: villagesOf.get(districtCode),
      families: size,
      firstFamily,
    });
    firstFamily += size;
  }

  const regencies = [...new Set(assistants.map((a) => a.districtCode.slice(0, 5)))].sort();
  // A partner's office sits in the first village of the regency's first planned kecamatan.
  const officeVillage = (regency) =>
    villagesOf.get(
      assistants.find((a) => a.districtCode.startsWith(`${regency}.`)).districtCode,
    )[0];
  const partners = regencies.flatMap((regency, r) =>
    partnersOf(regency, r, seed, today, officeVillage(regency)),
  );
  return { seed, families, today: isoDay(today), assistants, regencies, partners };
}

/**
 * Each regency's brokers, as they register (profile) and post (offers): a cooperative lender, a
 * training provider, a business tutor, a bazaar organiser. Bodies the gateway accepts as they are.
 */
function partnersOf(regency, r, seed, today, villageCode) {
  const random = createRandom(seedOf(seed, 1_000_000 + r));
  const code = regency.replace('.', '');
  const day = (days) => isoDay(new Date(today.getTime() + days * 86_400_000));
  const offer = (kind, title, capacity, details) => ({
    kind,
    title,
    description: '',
    capacity,
    validFrom: day(0),
    validUntil: day(180),
    eligibility: { regions: [regency] },
    details,
  });
  const partner = (kind, username, name, offers, extra = {}) => ({
    regency,
    username,
    profile: {
      name,
      kind,
      description: '',
      contacts: [
        {
          name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
          phone: `0812${String(random.int(1e8)).padStart(8, '0')}`,
        },
      ],
      serviceArea: [regency],
      location: { address: `Jl. Raya ${code} No. ${random.between(1, 99)}`, villageCode },
      ...extra,
    },
    offers,
  });
  return [
    partner(
      'lender',
      `koperasi.${code}`,
      `Koperasi Maju ${code}`,
      [
        offer('loan', `Kredit Usaha Mikro ${code}`, random.between(20, 60), {
          amountMin: 1_000_000,
          amountMax: 5_000_000 * random.between(1, 2),
          interestRatePct: random.pick([6, 9, 12]),
          interestMethod: random.pick(['flat', 'declining']),
          tenorMonthsMin: 6,
          tenorMonthsMax: 24,
          repaymentFrequency: 'monthly',
          collateral: false,
          documents: ['KTP', 'KK'],
        }),
      ],
      { subtype: 'cooperative' },
    ),
    partner('training-provider', `lkp.${code}`, `LKP Terampil ${code}`, [
      offer('training', `Pengolahan pangan ${code}`, random.between(15, 30), {
        place: `Balai Latihan ${code}`,
        startsOn: day(14),
        endsOn: day(16),
        meetings: 3,
      }),
    ]),
    partner(
      'business-tutor',
      `tutor.${code}`,
      `Tutor Usaha ${code}`,
      [
        offer('tutoring', `Pendampingan usaha ${code}`, random.between(5, 15), {
          sessions: 6,
          mode: 'in-person',
        }),
      ],
      { individual: true },
    ),
    partner('market-organiser', `bazar.${code}`, `Bazar UMKM ${code}`, [
      offer('bazaar', `Bazar bulanan ${code}`, random.between(20, 40), {
        place: `Lapangan ${code}`,
        startsOn: day(30),
        endsOn: day(31),
        slotFee: 0,
      }),
    ]),
  ];
}

/** A woman's birth date between the ages given, on the plan's day. */
function birthDate(random, today, youngest, oldest) {
  const age = random.between(youngest, oldest);
  const day = new Date(today.getTime() - (age * 365 + random.int(365)) * 86_400_000);
  return isoDay(day);
}

/** School status of a child of `age` (PKH's education component follows it). */
function schoolStatus(age, random) {
  if (age < 4) return 'not-school-age';
  if (age < 7) return 'early-childhood';
  if (random.chance(0.03)) return 'dropped-out';
  if (age < 13) return 'primary';
  if (age < 16) return 'junior-secondary';
  if (age < 19) return 'senior-secondary';
  return 'finished';
}

/**
 * One assistant's families, in order: head (a woman, as PKH registers the mother), village,
 * household members, business (when there is one) and P2K2 group (up to 25 families of one
 * village). Deterministic from the nation's seed and the assistant's index alone.
 */
export function* familiesOf(plan, assistant) {
  const random = createRandom(seedOf(plan.seed, 1 + assistant.index));
  const today = new Date(`${plan.today}T00:00:00Z`);
  const inVillage = new Map();
  for (let i = 0; i < assistant.families; i++) {
    const n = assistant.firstFamily + i;
    const villageCode =
      assistant.villages[Math.floor((i / assistant.families) * assistant.villages.length)];
    // P2K2 groups gather up to 25 families of one village.
    const place = inVillage.get(villageCode) ?? 0;
    inVillage.set(villageCode, place + 1);
    const members = [];
    if (random.chance(0.8))
      members.push({
        name: `${random.pick(['Budi', 'Agus', 'Joko', 'Slamet', 'Eko'])} ${n}`,
        birthDate: birthDate(random, today, 28, 55),
        sex: 'M',
        relation: 'spouse',
      });
    const children = random.between(0, 4);
    for (let c = 0; c < children; c++) {
      const bd = birthDate(random, today, 0, 20);
      const age = Math.floor((today.getTime() - Date.parse(bd)) / (365.25 * 86_400_000));
      members.push({
        name: `${random.pick(['Putri', 'Dian', 'Rizki', 'Ayu', 'Bayu', 'Sari'])} ${n}.${c + 1}`,
        birthDate: bd,
        sex: random.chance(0.5) ? 'F' : 'M',
        relation: 'child',
        schoolStatus: schoolStatus(age, random),
      });
    }
    if (random.chance(0.12))
      members.push({
        name: `Mbah ${n}`,
        birthDate: birthDate(random, today, 66, 85),
        sex: 'F',
        relation: 'parent',
      });
    const kind = random.chance(HAS_BUSINESS)
      ? weighted(random, BUSINESS_KINDS, BUSINESS_WEIGHTS)
      : null;
    const revenue = kind ? 500_000 + random.int(40) * 100_000 : 0;
    yield {
      nik: syntheticNik(assistant.districtCode, assistant.ordinalInDistrict * 1000 + i),
      headName: `${FIRST_NAMES[n % 10]} ${LAST_NAMES[Math.floor(n / 10) % 10]} ${n}`,
      phone: random.chance(0.7)
        ? `08${random.pick(['12', '13', '21', '52', '57'])}${String(random.int(1e8)).padStart(8, '0')}`
        : null,
      villageCode,
      address: `Jl. ${random.pick(['Melati', 'Mawar', 'Kenanga', 'Flamboyan', 'Cempaka'])} No. ${random.between(1, 150)}`,
      pkhEntryYear: random.between(2012, 2025),
      // Named for the assistant too: the import joins a same-named group of the village, and
      // two assistants of one kecamatan keep groups of their own.
      group: `Kelompok ${villageCode.slice(-4)}-${assistant.ordinalInDistrict + 1}.${Math.floor(place / 25) + 1}`,
      members,
      business: kind && {
        kind,
        description: random.pick(DESCRIPTIONS[kind]),
        startedOn: isoDay(new Date(today.getTime() - random.between(3, 120) * 30 * 86_400_000)),
        monthlyRevenue: revenue,
        monthlyCosts: Math.round(revenue * (0.45 + random.next() * 0.35)),
        keepsBooks: random.chance(0.3),
        workers: random.between(0, 2),
      },
    };
  }
}

/** An assistant's families as the CSV the import screen takes (header first). */
export function* importLines(plan, assistant) {
  yield IMPORT_HEADER;
  for (const f of familiesOf(plan, assistant))
    yield [
      f.nik,
      f.headName,
      f.phone ?? '',
      f.villageCode,
      f.address,
      f.pkhEntryYear,
      f.group,
    ].join(',');
}
