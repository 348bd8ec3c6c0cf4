// Synthetic but valid test data shared by the end-to-end tests and the benchmarks.

/**
 * The `n`-th valid NIK of a woman registered in `district` (e.g. '31.75.01'): `n` is spread over
 * day (28), month (12), year (100) and serial (9,999), so 33 million values are distinct.
 */
export function syntheticNik(district, n) {
  const day = String(41 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const year = String(Math.floor(n / 336) % 100).padStart(2, '0');
  const serial = String(1 + (Math.floor(n / 33_600) % 9999)).padStart(4, '0');
  return `${district.replaceAll('.', '')}${day}${month}${year}${serial}`;
}

/** Common Indonesian names, for synthetic families. */
export const FIRST_NAMES = [
  'Siti',
  'Nur',
  'Dewi',
  'Sri',
  'Rina',
  'Ani',
  'Yuli',
  'Wati',
  'Ratna',
  'Endang',
];
export const LAST_NAMES = [
  'Aminah',
  'Rahayu',
  'Lestari',
  'Wahyuni',
  'Susanti',
  'Handayani',
  'Maryani',
  'Suryani',
  'Nurhayati',
  'Purnama',
];

/** The header of a family import CSV (see IMPORT_COLUMNS in @jembatan/contracts). */
export const IMPORT_HEADER =
  'nik_pengurus,nama_pengurus,no_hp,kode_kelurahan,alamat,tahun_masuk_pkh,kelompok';

/**
 * Lines of a family import CSV (header first): `count` families spread over `villages` (real
 * village codes), each head with a valid NIK registered in the village's district. With
 * `invalidEvery: k`, every k-th row is broken in a way the import must report (bad NIK, unknown
 * village, missing name or a NIK repeated from the row before, in turn). `offset` shifts the
 * NIK sequence so two files do not overlap.
 */
export function* familyImportLines(count, villages, { invalidEvery = 0, offset = 0 } = {}) {
  yield IMPORT_HEADER;
  let previousNik = '';
  for (let i = 0; i < count; i++) {
    const village = villages[i % villages.length];
    let nik = syntheticNik(village.slice(0, 8), offset + i);
    let name = `${FIRST_NAMES[i % 10]} ${LAST_NAMES[Math.floor(i / 10) % 10]} ${i}`;
    let villageCode = village;
    if (invalidEvery > 0 && i % invalidEvery === invalidEvery - 1) {
      const kind = Math.floor(i / invalidEvery) % 4;
      if (kind === 0) nik = `${nik.slice(0, 15)}X`;
      if (kind === 1) villageCode = `${village.slice(0, 9)}9999`;
      if (kind === 2) name = '';
      if (kind === 3) nik = previousNik;
    }
    previousNik = nik;
    const phone =
      i % 3 === 0 ? '' : `0812${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`;
    const group = i % 4 === 0 ? '' : `Kelompok ${1 + (i % 25)}`;
    yield `${nik},"${name}",${phone},${villageCode},"Jl. Contoh No. ${1 + (i % 200)}, RT ${1 + (i % 9)}",${2010 + (i % 15)},${group}`;
  }
}

/**
 * A socio-economic assessment's answers (instrument v1) that meet every essential criterion of
 * the default graduation set; `overrides` replace answers.
 */
export const socioEconomicAnswers = (overrides = {}) => ({
  monthlyIncome: 4_500_000,
  incomeSources: 2,
  monthlySpending: 3_200_000,
  mealsPerDay: 3,
  savings: 750_000,
  housing: {
    tenure: 'owned',
    floor: 'cement',
    cleanWater: true,
    sanitation: true,
    electricity: true,
  },
  assets: ['motorcycle', 'smartphone'],
  ...overrides,
});
