import { randomUUID } from 'node:crypto';
import { eventually, family, uniqueNik, type ApiResponse, type GatewayClient } from '../api.js';
import { foodStall, inDays, loan, registerPartner, today } from '../partners-fixtures.js';

// The records the access matrix tries to reach. "Outside" is a whole working region (Depok,
// 32.76) that no Jakarta Timur account may touch: a family with a business, its group, savings,
// P2K2 session, products, referrals and capital request, the assistant's attendance, the
// coordinator's meetings and tasks, and the region's own lender and training provider.
// "Inside" is what Matraman's own users legitimately reach, to prove masking on real data.

export const DEWI = '00000000-0000-4000-8000-000000000005'; // pendamping.cimanggis, Depok
export const OUTSIDE_REGION = '32.76';
const DEPOK_VILLAGE = '32.76.02.1007';

/** One Depok family in the office's import format. */
const IMPORT_CSV = () =>
  'nik_pengurus,nama_pengurus,kode_kelurahan,alamat,tahun_masuk_pkh\n' +
  `${uniqueNik('32.76.02')},Ibu Impor Akses,${DEPOK_VILLAGE},Jl. Tugu No. 3,2019\n`;

export interface Sessions {
  anonymous: GatewayClient;
  admin: GatewayClient;
  siti: GatewayClient; // pendamping.matraman
  rina: GatewayClient; // pendamping.jatinegara: same city, another caseload
  bank: GatewayClient; // mitra.bank
  dewi: GatewayClient;
  depokCoordinator: GatewayClient;
}

export interface FamilyRecord {
  kpmId: string;
  headName: string;
  nik: string;
  phone: string;
}

export interface OutsideWorld {
  family: FamilyRecord;
  groupId: string;
  sessionId: string;
  productId: string;
  lenderId: string;
  loanOfferId: string;
  trainingOfferId: string;
  capitalReferralId: string;
  partnerReferralId: string;
  nominationId: string;
  courseId: string;
  meetingId: string;
  announcementId: string;
  taskId: string;
  coachingId: string;
  checkInId: string;
  correctionId: string;
  importId: string;
  savingsEntryId: string;
}

export interface InsideWorld {
  /** Siti's family, referred to mitra.bank with consent: its partner sees it, masked. */
  family: FamilyRecord;
  groupId: string;
  /** Rina's family: same city as Siti, not her caseload. */
  neighbour: FamilyRecord;
  /** The summary of a child protection case on Siti's family: a marker no Dinas may read. */
  protectionSummary: string;
  treasurer: GatewayClient;
  /** Another session of the same treasurer. */
  treasurerSignIn: () => Promise<GatewayClient>;
}

/** The body of a 2xx answer, or an error naming what failed to set up. */
export function must<T>(response: ApiResponse<T>, what: string): T {
  if (response.status >= 300)
    throw new Error(`setting up ${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const suffix = () => randomUUID().slice(0, 6);

async function registerFamily(
  assistant: GatewayClient,
  input: Record<string, unknown>,
): Promise<FamilyRecord> {
  const phone = `0813${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const body = family({ headName: `Ibu Akses ${suffix()}`, phone, ...input });
  const created = must(
    await assistant.request<{ id: string }>('POST', '/api/kpm', body),
    `family ${String(body.headName)}`,
  );
  must(
    await assistant.request('POST', `/api/kpm/${created.id}/assessments`, {
      instrument: 'business',
      version: 1,
      assessedOn: today(),
      verified: true,
      answers: foodStall(24),
    }),
    'business assessment',
  );
  return {
    kpmId: created.id,
    headName: body.headName as string,
    nik: body.nik as string,
    phone,
  };
}

/** A verified lender and a verified training provider serving Depok, each with an offer. */
async function depokPartners(s: Sessions) {
  const depokProfile = {
    serviceArea: ['32.76.02'],
    location: {
      address: 'Jl. Raya Bogor Km 30',
      villageCode: DEPOK_VILLAGE,
      lat: -6.37,
      lng: 106.87,
    },
  };
  const lender = await registerPartner(s.anonymous, s.admin, 'akses.bank', {
    ...depokProfile,
    name: `Koperasi Depok ${suffix()}`,
  });
  const trainer = await registerPartner(s.anonymous, s.admin, 'akses.lkp', {
    ...depokProfile,
    name: `LKP Depok ${suffix()}`,
    kind: 'training-provider',
    subtype: undefined,
  });
  const loanOffer = must(
    await lender.client.request<{ id: string }>(
      'POST',
      '/api/offers',
      loan({}, { regions: [OUTSIDE_REGION] }),
    ),
    'Depok loan offer',
  );
  const training = must(
    await trainer.client.request<{ id: string }>('POST', '/api/offers', {
      kind: 'training',
      title: `Menjahit ${suffix()}`,
      capacity: 5,
      validFrom: today(),
      validUntil: inDays(30),
      eligibility: { regions: [OUTSIDE_REGION] },
      details: { place: 'LKP Depok', startsOn: inDays(10), endsOn: inDays(11), meetings: 2 },
    }),
    'Depok training offer',
  );
  return { lender, trainer, loanOfferId: loanOffer.id, trainingOfferId: training.id };
}

export async function buildOutsideWorld(s: Sessions): Promise<OutsideWorld> {
  const { dewi, depokCoordinator: coordinator } = s;
  const partners = await depokPartners(s);
  const group = must(
    await dewi.request<{ id: string }>('POST', '/api/groups', {
      name: `Kelompok Akses ${suffix()}`,
      villageCode: DEPOK_VILLAGE,
    }),
    'Depok group',
  );
  const fam = await registerFamily(dewi, {
    nik: uniqueNik('32.76.02'),
    villageCode: DEPOK_VILLAGE,
    groupId: group.id,
  });
  const product = must(
    await dewi.request<{ id: string }>('POST', `/api/kpm/${fam.kpmId}/products`, {
      name: 'Kue lapis',
      price: 2000,
      unit: 'potong',
    }),
    'product',
  );

  // Capital: once microcredit knows the product and the family's business.
  await eventually(
    () =>
      dewi.request<{ items: { id: string }[] }>('GET', `/api/capital/products?kpmId=${fam.kpmId}`),
    (r) => r.status === 200 && r.body.items.some((p) => p.id === partners.loanOfferId),
  );
  const capital = must(
    await dewi.request<{ id: string }>('POST', '/api/capital/referrals', {
      productId: partners.loanOfferId,
      kpmId: fam.kpmId,
      amount: 2_000_000,
      tenorMonths: 6,
      purpose: 'Etalase baru',
      businessPlan: 'Menambah etalase agar bisa menjual lebih banyak; cicilan dari laba harian.',
      consent: { givenBy: fam.headName, relationship: 'head', agreed: true },
    }),
    'capital referral',
  );
  const nomination = must(
    await eventually(
      () =>
        dewi.request<{ id: string }>(
          'POST',
          `/api/trainings/${partners.trainingOfferId}/nominations`,
          { kpmId: fam.kpmId, consent: true },
        ),
      (r) => r.status === 201,
    ),
    'nomination',
  );

  const referral = must(
    await eventually(
      () =>
        dewi.request<{ id: string }>('POST', '/api/referrals', {
          offerId: partners.loanOfferId,
          kpmId: fam.kpmId,
          consent: true,
          consentGivenBy: fam.headName,
        }),
      (r) => r.status === 201,
    ),
    'partner referral',
  );
  // P2K2, once training knows the group.
  await eventually(
    () =>
      dewi.request('PUT', `/api/p2k2/groups/${group.id}/availability`, {
        slots: [{ weekday: 6, from: '19:00', to: '21:00' }],
      }),
    (r) => r.status === 200,
  );
  const saturday = new Date(Date.now() + 86_400_000);
  while (saturday.getUTCDay() !== 6) saturday.setUTCDate(saturday.getUTCDate() + 1);
  const session = must(
    await dewi.request<{ id: string }>('POST', '/api/p2k2/sessions', {
      groupId: group.id,
      startsAt: `${saturday.toISOString().slice(0, 10)}T19:00:00+07:00`,
      durationMinutes: 90,
      place: 'Balai RW 03',
    }),
    'P2K2 session',
  );

  // Savings: the group's treasurer records a deposit.
  await eventually(
    () => dewi.request<{ members: unknown[] }>('GET', `/api/savings/groups/${group.id}`),
    (r) => r.status === 200 && r.body.members.length > 0,
  );
  const treasurerName = `bendahara.akses.${suffix()}`;
  must(
    await dewi.request('POST', `/api/savings/groups/${group.id}/treasurer`, {
      kpmId: fam.kpmId,
      username: treasurerName,
      password: 'rahasia-panjang',
    }),
    'treasurer',
  );
  const treasurer = await s.anonymous.login(treasurerName, 'rahasia-panjang');
  const entry = must(
    await treasurer.request<{ id: string }>('POST', '/api/savings/entries', {
      kind: 'deposit',
      amount: 10_000,
      memberKpmId: fam.kpmId,
      occurredOn: today(),
      note: 'Setoran',
    }),
    'savings entry',
  );

  // Supervision: the assistant's day and the coordinator's work.
  const checkIn = must(
    await dewi.request<{ id: string }>('POST', '/api/attendance/check-in', {
      kind: 'home-visit',
      refId: fam.kpmId,
      location: { lat: -6.37, lng: 106.87, accuracyM: 10 },
    }),
    'check-in',
  );
  const correction = must(
    await dewi.request<{ id: string }>('POST', '/api/attendance/corrections', {
      day: inDays(-1),
      kind: 'office',
      checkInTime: '07:50',
      reason: 'Ponsel mati saat tiba di kantor',
    }),
    'attendance correction',
  );
  const course = must(
    await coordinator.request<{ id: string }>('POST', '/api/courses', {
      title: `Broker sumber daya ${suffix()}`,
      topic: 'broker-role',
      hours: 8,
      provider: 'Dinas Sosial Kota Depok',
    }),
    'course',
  );
  const meeting = must(
    await coordinator.request<{ id: string }>('POST', '/api/meetings', {
      title: 'Rapat koordinasi Depok',
      startsAt: `${inDays(2)}T09:00:00+07:00`,
      endsAt: `${inDays(2)}T11:00:00+07:00`,
      placeName: 'Kantor Dinas Sosial Depok',
    }),
    'meeting',
  );
  const announcement = must(
    await coordinator.request<{ id: string }>('POST', '/api/announcements', {
      title: 'Verifikasi komitmen',
      body: 'Selesaikan verifikasi paling lambat Jumat.',
      regionCode: OUTSIDE_REGION,
    }),
    'announcement',
  );
  const tasks = must(
    await coordinator.request<{ items: { id: string }[] }>('POST', '/api/tasks', {
      assistantIds: [DEWI],
      title: 'Validasi data anak sekolah',
      dueOn: inDays(3),
    }),
    'task',
  );
  const coaching = must(
    await coordinator.request<{ id: string }>(
      'POST',
      `/api/attendance/assistants/${DEWI}/coaching`,
      {
        note: 'Latih penyusunan rencana usaha.',
        followUpOn: inDays(7),
      },
    ),
    'coaching note',
  );
  const importJob = must(
    await dewi.request<{ id: string }>('POST', '/api/imports?fileName=akses.csv', IMPORT_CSV(), {
      'content-type': 'text/csv',
    }),
    'import',
  );

  return {
    family: fam,
    groupId: group.id,
    sessionId: session.id,
    productId: product.id,
    lenderId: partners.lender.accountId,
    loanOfferId: partners.loanOfferId,
    trainingOfferId: partners.trainingOfferId,
    capitalReferralId: capital.id,
    partnerReferralId: referral.id,
    nominationId: nomination.id,
    courseId: course.id,
    meetingId: meeting.id,
    announcementId: announcement.id,
    taskId: tasks.items[0]!.id,
    coachingId: coaching.id,
    checkInId: checkIn.id,
    correctionId: correction.id,
    importId: importJob.id,
    savingsEntryId: entry.id,
  };
}

export async function buildInsideWorld(s: Sessions): Promise<InsideWorld> {
  const group = must(
    await s.siti.request<{ id: string }>('POST', '/api/groups', {
      name: `Kelompok Dalam ${suffix()}`,
      villageCode: '31.75.01.1001',
    }),
    'Matraman group',
  );
  const fam = await registerFamily(s.siti, { groupId: group.id });
  const neighbour = await registerFamily(s.rina, {
    nik: uniqueNik('31.75.03'),
    villageCode: '31.75.03.1001',
  });
  const offer = must(
    await s.bank.request<{ id: string }>('POST', '/api/offers', loan()),
    'mitra.bank offer',
  );
  must(
    await eventually(
      () =>
        s.siti.request('POST', '/api/referrals', {
          offerId: offer.id,
          kpmId: fam.kpmId,
          consent: true,
          consentGivenBy: fam.headName,
        }),
      (r) => r.status === 201,
    ),
    'referral to mitra.bank',
  );
  const protectionSummary = `Anak ditelantarkan (penanda ${suffix()})`;
  must(
    await s.siti.request('POST', `/api/kpm/${fam.kpmId}/cases`, {
      kind: 'child-protection',
      summary: protectionSummary,
    }),
    'child protection case',
  );
  await eventually(
    () => s.siti.request<{ members: unknown[] }>('GET', `/api/savings/groups/${group.id}`),
    (r) => r.status === 200 && r.body.members.length > 0,
  );
  const treasurerName = `bendahara.dalam.${suffix()}`;
  must(
    await s.siti.request('POST', `/api/savings/groups/${group.id}/treasurer`, {
      kpmId: fam.kpmId,
      username: treasurerName,
      password: 'rahasia-panjang',
    }),
    'Matraman treasurer',
  );
  return {
    family: fam,
    groupId: group.id,
    neighbour,
    protectionSummary,
    treasurer: await s.anonymous.login(treasurerName, 'rahasia-panjang'),
    treasurerSignIn: () => s.anonymous.login(treasurerName, 'rahasia-panjang'),
  };
}
