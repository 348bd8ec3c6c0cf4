import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { eventually, type GatewayClient } from './api.js';

// What partner-facing suites share: dates, a loan offer, a lender's profile, a verified partner.

export const today = () => new Date().toISOString().slice(0, 10);
export const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
export const monthsAgo = (months: number) => {
  const day = new Date();
  day.setUTCMonth(day.getUTCMonth() - months);
  return day.toISOString().slice(0, 10);
};

/** A business assessment's answers: a food stall (warung) running for `months`, keeping books. */
export const foodStall = (months: number) => ({
  kind: 'food',
  description: 'Warung nasi uduk',
  startedOn: monthsAgo(months),
  monthlyRevenue: 3_000_000,
  monthlyCosts: 1_800_000,
  keepsBooks: true,
  workers: 1,
});

/** A lender's loan offer in Jakarta Timur: Rp 1-5 million, 6% flat, 6-24 months. */
export function loan(
  overrides: Record<string, unknown> = {},
  eligibility: Record<string, unknown> = {},
) {
  return {
    kind: 'loan',
    title: `Kredit Usaha Mikro ${randomUUID().slice(0, 6)}`,
    description: 'Pinjaman modal kerja tanpa agunan',
    capacity: 20,
    validFrom: today(),
    validUntil: inDays(60),
    eligibility: { regions: ['31.75'], ...eligibility },
    details: {
      amountMin: 1_000_000,
      amountMax: 5_000_000,
      interestRatePct: 6,
      interestMethod: 'flat',
      tenorMonthsMin: 6,
      tenorMonthsMax: 24,
      repaymentFrequency: 'monthly',
      collateral: false,
      documents: ['KTP', 'KK'],
    },
    ...overrides,
  };
}

/** A cooperative lender's profile in Matraman. */
export function profile(overrides: Record<string, unknown> = {}) {
  return {
    name: `Koperasi Maju Bersama ${randomUUID().slice(0, 6)}`,
    kind: 'lender',
    subtype: 'cooperative',
    description: 'Koperasi simpan pinjam untuk usaha mikro',
    contacts: [{ name: 'Yusuf Hakim', position: 'Ketua', phone: '081298765432' }],
    serviceArea: ['31.75.01'],
    location: {
      address: 'Jl. Utan Kayu Raya No. 12',
      villageCode: '31.75.01.1002',
      lat: -6.199,
      lng: 106.867,
    },
    ...overrides,
  };
}

/** A partner that registers itself and is verified by the Dinas. */
export async function registerPartner(
  anonymous: GatewayClient,
  dinas: GatewayClient,
  prefix: string,
  overrides: Record<string, unknown>,
): Promise<{ client: GatewayClient; accountId: string }> {
  const username = `${prefix}.${randomUUID().slice(0, 6)}`;
  const registered = await anonymous.request<{ accountId: string }>(
    'POST',
    '/api/partners/register',
    { username, password: 'rahasia-panjang', profile: profile(overrides) },
  );
  expect(registered.status).toBe(202);
  const client = await anonymous.login(username, 'rahasia-panjang');
  await eventually(
    () => client.request('GET', '/api/partners/me'),
    (r) => r.status === 200,
  );
  const verified = await dinas.request(
    'POST',
    `/api/partners/${registered.body.accountId}/verification`,
    { decision: 'verify' },
  );
  expect(verified.status).toBe(200);
  return { client, accountId: registered.body.accountId };
}
