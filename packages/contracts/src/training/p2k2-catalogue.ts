// The curriculum as data, without zod: the portal's first screens import it (see pure.ts).

export const P2K2_MODULE_KEYS = [
  'economy',
  'health',
  'social-welfare',
  'parenting',
  'child-protection',
] as const;
export type P2k2Module = (typeof P2K2_MODULE_KEYS)[number];

export interface P2k2SessionTitle {
  no: number;
  id: string;
  en: string;
}

/**
 * The P2K2 curriculum as the programme runs it: 15 sessions in 5 modules (Kemensos'
 * Family Development Session modules). Groups take them in this order unless the assistant
 * plans otherwise.
 */
export const P2K2_CATALOGUE: readonly {
  module: P2k2Module;
  id: string;
  en: string;
  sessions: readonly P2k2SessionTitle[];
}[] = [
  {
    module: 'economy',
    id: 'Ekonomi',
    en: 'Economy',
    sessions: [
      { no: 1, id: 'Mengelola Keuangan Keluarga', en: 'Managing family finances' },
      { no: 2, id: 'Cermat Meminjam dan Menabung', en: 'Borrowing and saving wisely' },
      { no: 3, id: 'Memulai Usaha', en: 'Starting a business' },
    ],
  },
  {
    module: 'health',
    id: 'Kesehatan',
    en: 'Health and nutrition',
    sessions: [
      { no: 1, id: 'Pentingnya Gizi dan Layanan Ibu Hamil', en: 'Nutrition and care in pregnancy' },
      {
        no: 2,
        id: 'Pentingnya Gizi Ibu Menyusui dan Balita',
        en: 'Nutrition for nursing mothers and infants',
      },
      {
        no: 3,
        id: 'Kesakitan pada Anak dan Kesehatan Lingkungan',
        en: "Children's illness and a healthy home",
      },
      { no: 4, id: 'Permainan untuk Anak', en: 'Play for young children' },
    ],
  },
  {
    module: 'social-welfare',
    id: 'Kesejahteraan Sosial',
    en: 'Social welfare',
    sessions: [
      { no: 1, id: 'Pelayanan Disabilitas Berat', en: 'Caring for severe disability' },
      { no: 2, id: 'Pelayanan Kesejahteraan Lanjut Usia', en: 'Caring for the elderly' },
    ],
  },
  {
    module: 'parenting',
    id: 'Pengasuhan dan Pendidikan Anak',
    en: 'Parenting and education',
    sessions: [
      { no: 1, id: 'Menjadi Orang Tua yang Lebih Baik', en: 'Becoming a better parent' },
      { no: 2, id: 'Memahami Perilaku Anak', en: "Understanding children's behaviour" },
      { no: 3, id: 'Memahami Cara Anak Usia Dini Belajar', en: 'How young children learn' },
      { no: 4, id: 'Membantu Anak Sukses di Sekolah', en: 'Helping children succeed at school' },
    ],
  },
  {
    module: 'child-protection',
    id: 'Perlindungan Anak',
    en: 'Child protection',
    sessions: [
      {
        no: 1,
        id: 'Pencegahan Kekerasan dan Perlakuan Salah pada Anak',
        en: 'Preventing violence against children',
      },
      {
        no: 2,
        id: 'Penelantaran dan Eksploitasi Anak',
        en: 'Neglect and exploitation of children',
      },
    ],
  },
];

/** `economy-1` ... `child-protection-2`: the 15 sessions in curriculum order. */
export const P2K2_SESSION_KEYS: readonly string[] = P2K2_CATALOGUE.flatMap((m) =>
  m.sessions.map((s) => `${m.module}-${s.no}`),
);
