import { loadRegionDirectory } from '@jembatan/regions';
import { createPrismaAdapter } from '@jembatan/service-kit';
import { hashPassword } from './auth/passwords.js';
import type { PartnerProfileInput } from '@jembatan/contracts';
import { recordAccountChanged, recordPartnerRegistered } from './accounts/account-events.js';
import { AccountsRepository } from './auth/accounts.repository.js';
import { loadGatewayConfig } from './common/config.js';
import { PrismaService } from './database/prisma.service.js';

/** Demo accounts, one per role, on real regions: Jakarta Timur (31.75) and Depok (32.76). */
export const DEMO_ACCOUNTS = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'admin',
    displayName: 'Admin Jembatan',
    role: 'admin',
    regionCode: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    username: 'dinas.jaktim',
    displayName: 'Suku Dinas Sosial Jakarta Timur',
    role: 'dinas',
    regionCode: '31.75',
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    username: 'koordinator.jaktim',
    displayName: 'Budi Santoso',
    role: 'coordinator',
    regionCode: '31.75',
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    username: 'pendamping.matraman',
    displayName: 'Siti Rahayu',
    role: 'assistant',
    regionCode: '31.75.01',
  },
  {
    id: '00000000-0000-4000-8000-000000000005',
    username: 'pendamping.cimanggis',
    displayName: 'Dewi Lestari',
    role: 'assistant',
    regionCode: '32.76.02',
  },
  {
    id: '00000000-0000-4000-8000-000000000006',
    username: 'koordinator.depok',
    displayName: 'Agus Wijaya',
    role: 'coordinator',
    regionCode: '32.76',
  },
  {
    id: '00000000-0000-4000-8000-000000000007',
    username: 'mitra.bank',
    displayName: 'Bank Mitra Usaha',
    role: 'partner',
    regionCode: '31.75',
  },
  {
    id: '00000000-0000-4000-8000-000000000008',
    username: 'pendamping.jatinegara',
    displayName: 'Rina Marlina',
    role: 'assistant',
    regionCode: '31.75.03',
  },
  {
    id: '00000000-0000-4000-8000-000000000009',
    username: 'mitra.pelatihan',
    displayName: 'Balai Latihan Kerja Jakarta Timur',
    role: 'partner',
    regionCode: '31.75',
  },
  {
    id: '00000000-0000-4000-8000-00000000000a',
    username: 'tutor.ani',
    displayName: 'Ani Suryani (tutor usaha kuliner)',
    role: 'partner',
    regionCode: '31.75',
  },
] as const;

/** The demo partners' profiles: registered as verified (an administrator created them). */
export const DEMO_PARTNER_PROFILES: Record<string, PartnerProfileInput> = {
  'mitra.bank': {
    name: 'Bank Mitra Usaha',
    kind: 'lender',
    subtype: 'bank',
    individual: false,
    description: 'Kredit usaha mikro untuk keluarga prasejahtera di Jakarta Timur.',
    contacts: [{ name: 'Hendra Wijaya', position: 'Account officer mikro', phone: '081311112222' }],
    serviceArea: ['31.75'],
    location: {
      address: 'Jl. Matraman Raya No. 45',
      villageCode: '31.75.01.1005',
      lat: -6.2037,
      lng: 106.8587,
    },
  },
  'mitra.pelatihan': {
    name: 'Balai Latihan Kerja Jakarta Timur',
    kind: 'training-provider',
    individual: false,
    description: 'Pelatihan tata boga, menjahit dan pemasaran digital.',
    contacts: [{ name: 'Sri Wahyuni', position: 'Koordinator pelatihan', phone: '081322223333' }],
    serviceArea: ['31.75'],
    location: {
      address: 'Jl. Bekasi Timur Raya No. 10',
      villageCode: '31.75.03.1006',
      lat: -6.2226,
      lng: 106.8853,
    },
  },
  'tutor.ani': {
    name: 'Ani Suryani (tutor usaha kuliner)',
    kind: 'business-tutor',
    individual: true,
    description: 'Pendampingan usaha kuliner rumahan: resep, harga pokok, perizinan PIRT.',
    contacts: [{ name: 'Ani Suryani', phone: '081344445555' }],
    serviceArea: ['31.75.01', '31.75.03'],
    location: { address: 'Jl. Kayu Manis II No. 7', villageCode: '31.75.01.1003' },
  },
};

/** Creates or refreshes the demo accounts (password from DEMO_PASSWORD, default `jembatan123`). */
export async function seedDemoAccounts(
  password = process.env.DEMO_PASSWORD ?? 'jembatan123',
): Promise<number> {
  const config = loadGatewayConfig();
  const regions = await loadRegionDirectory();
  const prisma = new PrismaService({ adapter: createPrismaAdapter(config.database) });
  try {
    const passwordHash = await hashPassword(password);
    for (const account of DEMO_ACCOUNTS)
      if (account.regionCode && !regions.has(account.regionCode))
        throw new Error(`unknown region ${account.regionCode}`);
    // The demo team has been at work for a quarter: their records have past days to show.
    const createdAt = new Date(Date.now() - 91 * 86_400_000);
    await prisma.$transaction(async (tx) => {
      const accounts = new AccountsRepository(tx as unknown as PrismaService);
      const saved = [];
      for (const account of DEMO_ACCOUNTS)
        saved.push(await accounts.upsert({ ...account, passwordHash, createdAt }));
      await recordAccountChanged(tx, saved);
      for (const account of saved) {
        const profile = DEMO_PARTNER_PROFILES[account.username];
        if (profile)
          await recordPartnerRegistered(tx, { accountId: account.id, profile, status: 'verified' });
      }
    });
    return DEMO_ACCOUNTS.length;
  } finally {
    await prisma.$disconnect();
  }
}
