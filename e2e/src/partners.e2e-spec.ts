import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPICS, type HsdsDirectory, type HsdsImportReport } from '@jembatan/contracts';
import { createHsdsValidator } from '@jembatan/service-kit';
import { startStack, type Stack } from '@jembatan/infra/stack';
import { GatewayClient, eventually, family } from './api.js';
import { publishRaw } from './redeliver.js';
import { foodStall, inDays, loan, profile, registerPartner, today } from './partners-fixtures.js';

// Partners through the gateway against the real services: self-registration and the Dinas'
// verification, offers and their eligibility, the broker's ranking both ways, referrals with
// consent (what a partner may see of a family), and a training referral handed to training.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ErrorBody {
  error: string;
  fields?: { path: string; message: string }[];
}
interface OfferView {
  id: string;
  kind: string;
  title: string;
  live: boolean;
  seatsTaken: number;
}
interface Reason {
  code: string;
  met: boolean;
  blocking: boolean;
  params: Record<string, unknown>;
}
interface RankedOffer {
  offer: OfferView;
  eligible: boolean;
  score: number;
  distance: string;
  reasons: Reason[];
}
interface ReferralView {
  id: string;
  kpmId: string;
  status: string;
  deliveredBy: string;
  family: { headName: string; villageCode: string; businessKind: string | null };
  consent: { givenBy: string; scope: string };
}
interface PartnerView {
  id: string;
  status: string;
  trackRecord: {
    referrals: number;
    accepted: number;
    completed: number;
    declined: number;
    repaid: number;
  };
}

let stack: Stack;
let anonymous: GatewayClient;
let siti: GatewayClient; // pendamping.matraman (31.75.01)
let dewi: GatewayClient; // pendamping.cimanggis (32.76.02)
let coordinator: GatewayClient;
let dinas: GatewayClient;
let bank: GatewayClient;
let provider: GatewayClient;
let tutor: GatewayClient;

const fieldPaths = (body: unknown) => ((body as ErrorBody).fields ?? []).map((f) => f.path);

/** A partner that registers itself and is verified by the Dinas. */
const registeredPartner = (prefix: string, overrides: Record<string, unknown>) =>
  registerPartner(anonymous, dinas, prefix, overrides);

/** A family in Siti's caseload with a food business of `months` and the needs given. */
async function brokeredFamily(
  months: number,
  needs: { capital?: number; training?: boolean; market?: boolean },
) {
  const input = family({
    headName: `Ibu Broker ${randomUUID().slice(0, 4)}`,
    phone: '081355556666',
  });
  const created = await siti.request<{ id: string }>('POST', '/api/kpm', input);
  expect(created.status).toBe(201);
  const kpmId = created.body.id;
  const assess = (instrument: string, answers: unknown) =>
    siti.request('POST', `/api/kpm/${kpmId}/assessments`, {
      instrument,
      version: 1,
      assessedOn: today(),
      verified: true,
      answers,
    });
  expect((await assess('business', foodStall(months))).status).toBe(201);
  expect(
    (
      await assess('needs', {
        capital: needs.capital ? { needed: true, amount: needs.capital } : { needed: false },
        training: { needed: needs.training ?? false, topics: [] },
        market: { needed: needs.market ?? false, channels: needs.market ? ['bazar'] : [] },
        tutor: { needed: false },
      })
    ).status,
  ).toBe(201);
  return {
    kpmId,
    nik: input.nik as string,
    phone: '081355556666',
    headName: input.headName as string,
  };
}

/** Siti refers the family to the offer, with the family head's consent. */
const refer = (fam: { kpmId: string; headName: string }, offerId: string, extra: object = {}) =>
  siti.request<ReferralView>('POST', '/api/referrals', {
    offerId,
    kpmId: fam.kpmId,
    consent: true,
    consentGivenBy: fam.headName,
    ...extra,
  });

/** The family's ranked offers once its card (with the needs) has reached partners. */
async function rankedFor(kpmId: string, until: (items: RankedOffer[]) => boolean) {
  const read = () =>
    siti.request<{ family: { needs: string[] }; items: RankedOffer[] }>(
      'GET',
      `/api/kpm/${kpmId}/offers?limit=100`,
    );
  return eventually(
    read,
    (r) => r.status === 200 && r.body.family.needs.length > 0 && until(r.body.items),
  );
}

beforeAll(async () => {
  stack = await startStack('partners', 5200);
  anonymous = new GatewayClient(stack.gatewayUrl);
  siti = await anonymous.login('pendamping.matraman');
  dewi = await anonymous.login('pendamping.cimanggis');
  coordinator = await anonymous.login('koordinator.jaktim');
  dinas = await anonymous.login('dinas.jaktim');
  bank = await anonymous.login('mitra.bank');
  provider = await anonymous.login('mitra.pelatihan');
  tutor = await anonymous.login('tutor.ani');
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe('partner registry', () => {
  it("keeps a self-registered partner's offers from assistants until the Dinas verifies it", async () => {
    const bad = await anonymous.request('POST', '/api/partners/register', {
      username: 'koperasi.bad',
      password: 'rahasia-panjang',
      profile: profile({ serviceArea: ['31.99'], contacts: [] }),
    });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toEqual(expect.arrayContaining(['profile.contacts']));
    const unknownRegion = await anonymous.request('POST', '/api/partners/register', {
      username: `koperasi.${randomUUID().slice(0, 6)}`,
      password: 'rahasia-panjang',
      profile: profile({ serviceArea: ['31.99'] }),
    });
    expect(unknownRegion.status).toBe(400);
    expect(fieldPaths(unknownRegion.body)).toEqual(['profile.serviceArea.0']);

    const username = `koperasi.${randomUUID().slice(0, 6)}`;
    const registered = await anonymous.request<{ accountId: string; status: string }>(
      'POST',
      '/api/partners/register',
      { username, password: 'rahasia-panjang', profile: profile() },
    );
    expect(registered.status).toBe(202);
    expect(registered.body.status).toBe('pending');
    const again = await anonymous.request('POST', '/api/partners/register', {
      username,
      password: 'rahasia-panjang',
      profile: profile(),
    });
    expect(again.status).toBe(409);
    expect(fieldPaths(again.body)).toEqual(['username']);

    const koperasi = await anonymous.login(username, 'rahasia-panjang');
    const me = await eventually(
      () => koperasi.request<PartnerView>('GET', '/api/partners/me'),
      (r) => r.status === 200,
    );
    expect(me.body.status).toBe('pending');

    const posted = await koperasi.request<OfferView>(
      'POST',
      '/api/offers',
      loan({}, { regions: ['31.75.01'] }),
    );
    expect(posted.status).toBe(201);
    expect(posted.body.live).toBe(false);
    const offerId = posted.body.id;
    const sitiSees = async () =>
      (await siti.request<{ items: OfferView[] }>('GET', '/api/offers')).body.items.some(
        (o) => o.id === offerId,
      );
    expect(await sitiSees()).toBe(false);
    expect((await siti.request('GET', `/api/offers/${offerId}`)).status).toBe(404);
    expect((await siti.request('GET', `/api/partners/${registered.body.accountId}`)).status).toBe(
      404,
    );

    const queue = await dinas.request<{ items: PartnerView[] }>(
      'GET',
      '/api/partners?status=pending',
    );
    expect(queue.body.items.map((p) => p.id)).toContain(registered.body.accountId);
    const verification = `/api/partners/${registered.body.accountId}/verification`;
    expect((await coordinator.request('POST', verification, { decision: 'verify' })).status).toBe(
      403,
    );
    const verified = await dinas.request<PartnerView>('POST', verification, { decision: 'verify' });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('verified');
    expect((await dinas.request('POST', verification, { decision: 'verify' })).status).toBe(409);
    expect(await sitiSees()).toBe(true);

    const noReason = await dinas.request('POST', verification, { decision: 'suspend' });
    expect(noReason.status).toBe(400);
    expect(fieldPaths(noReason.body)).toEqual(['reason']);
    expect(
      (
        await dinas.request('POST', verification, {
          decision: 'suspend',
          reason: 'Izin koperasi sedang diperiksa',
        })
      ).status,
    ).toBe(200);
    expect(await sitiSees()).toBe(false);
    const blocked = await koperasi.request<ErrorBody>(
      'POST',
      '/api/offers',
      loan({}, { regions: ['31.75.01'] }),
    );
    expect(blocked.status).toBe(403);
    expect(
      (
        await dinas.request('POST', verification, {
          decision: 'reinstate',
          reason: 'Izin koperasi sudah lengkap',
        })
      ).status,
    ).toBe(200);
    expect(await sitiSees()).toBe(true);

    const log = await stack.db.query(
      `SELECT decision, from_status, to_status, actor_role, reason FROM partners.partner_decision
       WHERE partner_id = $1 ORDER BY id`,
      [registered.body.accountId],
    );
    expect(
      log.rows.map((r) => `${r.decision}:${r.from_status}>${r.to_status}:${r.actor_role}`),
    ).toEqual([
      'register:none>pending:partner',
      'verify:pending>verified:dinas',
      'suspend:verified>suspended:dinas',
      'reinstate:suspended>verified:dinas',
    ]);
  });
});

describe('a suspended training provider', () => {
  it('has its trainings held back in the training service until it is reinstated', async () => {
    const { client: lkp, accountId } = await registeredPartner('pelatihan', {
      kind: 'training-provider',
      subtype: undefined,
      name: `LKP Terampil ${randomUUID().slice(0, 4)}`,
    });
    const verification = `/api/partners/${accountId}/verification`;
    const posted = await lkp.request<OfferView>('POST', '/api/offers', {
      kind: 'training',
      title: `Menjahit ${randomUUID().slice(0, 6)}`,
      capacity: 5,
      validFrom: today(),
      validUntil: inDays(10),
      eligibility: { regions: ['31.75.01'] },
      details: { place: 'LKP Terampil', startsOn: inDays(10), endsOn: inDays(11), meetings: 2 },
    });
    expect(posted.status).toBe(201);
    type Trainings = { items: { id: string; acceptsNominations: boolean }[] };
    const sitiSees = (present: boolean) =>
      eventually(
        () => siti.request<Trainings>('GET', '/api/trainings'),
        (r) => r.body.items.some((o) => o.id === posted.body.id) === present,
      ).then((r) => r.body.items.some((o) => o.id === posted.body.id));
    expect(await sitiSees(true)).toBe(true);

    const suspended = await dinas.request('POST', verification, {
      decision: 'suspend',
      reason: 'Izin LKP kedaluwarsa',
    });
    expect(suspended.status).toBe(200);
    expect(await sitiSees(false)).toBe(false);
    const own = await lkp.request<Trainings>('GET', '/api/trainings');
    expect(own.body.items.find((o) => o.id === posted.body.id)?.acceptsNominations).toBe(false);
    const kpm = await siti.request<{ id: string }>('POST', '/api/kpm', family());
    const nominated = await siti.request<ErrorBody>(
      'POST',
      `/api/trainings/${posted.body.id}/nominations`,
      { kpmId: kpm.body.id, consent: true },
    );
    expect(nominated.status).toBe(409);
    expect(nominated.body.error).toBe('offer-withdrawn');

    const reinstated = await dinas.request('POST', verification, {
      decision: 'reinstate',
      reason: 'Izin diperpanjang',
    });
    expect(reinstated.status).toBe(200);
    expect(await sitiSees(true)).toBe(true);
  });
});

describe('offers', () => {
  it('refuses invalid eligibility with the offending fields', async () => {
    const invalid = await bank.request<ErrorBody>(
      'POST',
      '/api/offers',
      loan(
        {},
        {
          regions: [],
          stages: ['graduated-natural'],
          minBusinessMonths: -1,
          businessKinds: ['mining'],
        },
      ),
    );
    expect(invalid.status).toBe(400);
    expect(fieldPaths(invalid.body)).toEqual(
      expect.arrayContaining([
        'eligibility.regions',
        'eligibility.stages.0',
        'eligibility.minBusinessMonths',
        'eligibility.businessKinds.0',
      ]),
    );
    const unknownRegion = await bank.request(
      'POST',
      '/api/offers',
      loan({}, { regions: ['31.75.99'] }),
    );
    expect(unknownRegion.status).toBe(400);
    expect(fieldPaths(unknownRegion.body)).toEqual(['eligibility.regions.0']);
    const outside = await bank.request('POST', '/api/offers', loan({}, { regions: ['32.76'] }));
    expect(outside.status).toBe(400);
    expect((outside.body as unknown as ErrorBody).fields?.[0]?.message).toMatch(/service area/);
    const wrongKind = await bank.request('POST', '/api/offers', {
      ...loan(),
      kind: 'tutoring',
      details: { sessions: 4, mode: 'online' },
    });
    expect(wrongKind.status).toBe(400);
    expect(fieldPaths(wrongKind.body)).toEqual(['kind']);
    const amounts = await bank.request('POST', '/api/offers', {
      ...loan(),
      details: { ...loan().details, amountMin: 5_000_000, amountMax: 1_000_000 },
    });
    expect(amounts.status).toBe(400);
    expect(fieldPaths(amounts.body)).toEqual(['details.amountMax']);
    expect((await siti.request('POST', '/api/offers', loan())).status).toBe(403);
  });
});

describe('broker', () => {
  it('ranks offers for a family with reasons, refers with consent and shows the partner no NIK', async () => {
    const fam = await brokeredFamily(8, { capital: 3_000_000 });
    const fits = await bank.request<OfferView>(
      'POST',
      '/api/offers',
      loan({}, { businessKinds: ['food'], minBusinessMonths: 6 }),
    );
    const tooYoung = await bank.request<OfferView>(
      'POST',
      '/api/offers',
      loan({}, { minBusinessMonths: 12 }),
    );
    const training = await provider.request<OfferView>('POST', '/api/offers', {
      kind: 'training',
      title: `Pemasaran Digital ${randomUUID().slice(0, 6)}`,
      capacity: 10,
      validFrom: today(),
      validUntil: inDays(14),
      eligibility: { regions: ['31.75.01'] },
      details: {
        place: 'BLK Jakarta Timur',
        startsOn: inDays(14),
        endsOn: inDays(16),
        meetings: 3,
      },
    });
    for (const posted of [fits, tooYoung, training]) expect(posted.status).toBe(201);

    const ranked = await rankedFor(fam.kpmId, (items) =>
      [fits, tooYoung, training].every((o) => items.some((i) => i.offer.id === o.body.id)),
    );
    expect(ranked.body.family.needs).toEqual(['capital']);
    const items = ranked.body.items;
    const at = (id: string) => items.findIndex((i) => i.offer.id === id);
    const best = items[at(fits.body.id)]!;
    expect(best.eligible).toBe(true);
    expect(best.reasons.find((r) => r.code === 'need')).toMatchObject({
      met: true,
      params: { need: 'capital' },
    });
    expect(best.reasons.find((r) => r.code === 'amount')).toMatchObject({ met: true });
    expect(best.reasons.find((r) => r.code === 'business-months')).toMatchObject({
      met: true,
      params: { required: 6 },
    });
    expect(best.distance).toBe('same-district'); // the bank is in Kebon Manggis, Matraman
    const failing = items[at(tooYoung.body.id)]!;
    expect(failing.eligible).toBe(false);
    expect(failing.reasons.find((r) => r.code === 'business-months')).toMatchObject({
      met: false,
      blocking: true,
      params: { family: 8, required: 12 },
    });
    // The capital need outranks a training the family did not ask for; ineligible offers come last.
    expect(at(fits.body.id)).toBeLessThan(at(training.body.id));
    expect(at(training.body.id)).toBeLessThan(at(tooYoung.body.id));

    expect((await dewi.request('GET', `/api/kpm/${fam.kpmId}/offers`)).status).toBe(403);
    const families = await siti.request<{
      total: number;
      items: { family: { kpmId: string }; score: number }[];
    }>('GET', `/api/offers/${fits.body.id}/families`);
    expect(families.status).toBe(200);
    expect(families.body.items.find((i) => i.family.kpmId === fam.kpmId)?.score).toBe(best.score);
    expect((await bank.request('GET', `/api/offers/${fits.body.id}/families`)).status).toBe(403);

    // Nothing of the family reaches the partner before a consented referral.
    const inboxBefore = await bank.request<{ items: ReferralView[] }>('GET', '/api/referrals');
    expect(inboxBefore.body.items.some((r) => r.kpmId === fam.kpmId)).toBe(false);

    const noConsent = await siti.request('POST', '/api/referrals', {
      offerId: fits.body.id,
      kpmId: fam.kpmId,
      consentGivenBy: fam.headName,
    });
    expect(noConsent.status).toBe(400);
    expect(fieldPaths(noConsent.body)).toEqual(['consent']);
    const ineligible = await refer(fam, tooYoung.body.id);
    expect(ineligible.status).toBe(422);
    expect(fieldPaths(ineligible.body as unknown)).toEqual(['eligibility.business-months']);
    expect(
      (
        await dewi.request('POST', '/api/referrals', {
          offerId: fits.body.id,
          kpmId: fam.kpmId,
          consent: true,
          consentGivenBy: fam.headName,
        })
      ).status,
    ).toBe(403);

    const referral = await refer(fam, fits.body.id, { note: 'Butuh modal untuk etalase' });
    expect(referral.status).toBe(201);
    expect(referral.body).toMatchObject({ status: 'referred', deliveredBy: 'microcredit' });
    const twice = await refer(fam, fits.body.id);
    expect(twice.status).toBe(409);

    const inbox = await bank.request<{ items: ReferralView[] }>('GET', '/api/referrals');
    const seen = inbox.body.items.find((r) => r.id === referral.body.id)!;
    expect(seen.family).toMatchObject({
      headName: fam.headName,
      villageCode: '31.75.01.1001',
      businessKind: 'food',
    });
    expect(seen.consent.givenBy).toBe(fam.headName);
    const raw =
      JSON.stringify(inbox.body) +
      JSON.stringify((await bank.request('GET', `/api/referrals/${seen.id}`)).body);
    expect(raw).not.toContain(fam.nik);
    expect(raw).not.toContain(fam.phone);
    expect(raw).not.toMatch(/"nik"|"phone"/);

    // Another partner cannot read it, nor see it in its inbox.
    const foreign = await provider.request<ErrorBody>('GET', `/api/referrals/${referral.body.id}`);
    expect(foreign.status).toBe(403);
    expect(
      (await provider.request<{ items: ReferralView[] }>('GET', '/api/referrals')).body.items.map(
        (r) => r.id,
      ),
    ).not.toContain(referral.body.id);
    // Loans are answered in the microcredit service, not here.
    expect(
      (
        await bank.request('POST', `/api/referrals/${referral.body.id}/decision`, {
          decision: 'accept',
        })
      ).status,
    ).toBe(409);
    const withdrawn = await siti.request<ReferralView>(
      'POST',
      `/api/referrals/${referral.body.id}/decision`,
      {
        decision: 'withdraw',
        reason: 'Keluarga memilih koperasi lain',
      },
    );
    expect(withdrawn.body.status).toBe('withdrawn');
    const offer = await siti.request<OfferView>('GET', `/api/offers/${fits.body.id}`);
    expect(offer.body.seatsTaken).toBe(0);
  });

  it('lets a tutor answer its referral and builds its track record', async () => {
    const fam = await brokeredFamily(10, { training: true });
    const before = (
      await siti.request<{ items: PartnerView[] }>('GET', '/api/partners?kind=business-tutor')
    ).body.items[0]!;
    const posted = await tutor.request<OfferView>('POST', '/api/offers', {
      kind: 'tutoring',
      title: `Pendampingan usaha kuliner ${randomUUID().slice(0, 6)}`,
      capacity: 3,
      validFrom: today(),
      validUntil: inDays(30),
      eligibility: { regions: ['31.75.01'], businessKinds: ['food'] },
      details: { sessions: 6, mode: 'in-person' },
    });
    expect(posted.status).toBe(201);
    await rankedFor(fam.kpmId, (items) =>
      items.some((i) => i.offer.id === posted.body.id && i.eligible),
    );
    const referral = await refer(fam, posted.body.id, { note: 'Ibu sudah punya pelanggan tetap' });
    expect(referral.status).toBe(201);
    const decide = (client: GatewayClient, body: unknown) =>
      client.request<ReferralView>('POST', `/api/referrals/${referral.body.id}/decision`, body);
    expect((await decide(siti, { decision: 'accept' })).status).toBe(403);
    expect((await decide(bank, { decision: 'accept' })).status).toBe(403);
    expect((await decide(tutor, { decision: 'complete', reason: 'selesai' })).status).toBe(409);
    expect((await decide(tutor, { decision: 'accept' })).body.status).toBe('accepted');
    expect(
      (await decide(tutor, { decision: 'complete', reason: 'Enam sesi selesai, HPP dihitung' }))
        .body.status,
    ).toBe('completed');
    // The referral's timeline: every step with its role; the tutor reads only its own reasons.
    type History = { history: { to: string; actorRole: string; reason: string | null }[] };
    const path = `/api/referrals/${referral.body.id}`;
    const seenBySiti = (await siti.request<History>('GET', path)).body.history;
    expect(seenBySiti).toEqual([
      expect.objectContaining({
        to: 'referred',
        actorRole: 'assistant',
        reason: 'Ibu sudah punya pelanggan tetap',
      }),
      expect.objectContaining({ to: 'accepted', actorRole: 'partner' }),
      expect.objectContaining({ to: 'completed', reason: 'Enam sesi selesai, HPP dihitung' }),
    ]);
    const seenByTutor = (await tutor.request<History>('GET', path)).body.history;
    expect(seenByTutor.map((h) => h.reason)).toEqual([
      null,
      null,
      'Enam sesi selesai, HPP dihitung',
    ]);
    const after = (await siti.request<PartnerView>('GET', `/api/partners/${before.id}`)).body;
    expect(after.trackRecord.referrals).toBe(before.trackRecord.referrals + 1);
    expect(after.trackRecord.accepted).toBe(before.trackRecord.accepted + 1);
    expect(after.trackRecord.completed).toBe(before.trackRecord.completed + 1);
  });

  it('hands a training referral to the training service and follows its acceptance', async () => {
    const fam = await brokeredFamily(7, { training: true });
    const posted = await provider.request<OfferView>('POST', '/api/offers', {
      kind: 'training',
      title: `Tata Boga ${randomUUID().slice(0, 6)}`,
      capacity: 5,
      validFrom: today(),
      validUntil: inDays(10),
      eligibility: { regions: ['31.75.01'], businessKinds: ['food'] },
      details: {
        place: 'BLK Jakarta Timur',
        startsOn: inDays(10),
        endsOn: inDays(12),
        meetings: 2,
      },
    });
    expect(posted.status).toBe(201);
    await rankedFor(fam.kpmId, (items) =>
      items.some((i) => i.offer.id === posted.body.id && i.eligible),
    );
    const referral = await refer(fam, posted.body.id);
    expect(referral.body.deliveredBy).toBe('training');
    const training = await eventually(
      () =>
        provider.request<{ nominations: { id: string; kpmId: string; status: string }[] }>(
          'GET',
          `/api/trainings/${posted.body.id}`,
        ),
      (r) => r.status === 200 && r.body.nominations.some((n) => n.kpmId === fam.kpmId),
    );
    const nomination = training.body.nominations.find((n) => n.kpmId === fam.kpmId)!;
    expect(nomination).toMatchObject({ id: referral.body.id, status: 'nominated' });
    expect(
      (
        await provider.request('POST', `/api/nominations/${nomination.id}/decision`, {
          decision: 'accept',
        })
      ).status,
    ).toBe(200);
    const followed = await eventually(
      () => siti.request<ReferralView>('GET', `/api/referrals/${referral.body.id}`),
      (r) => r.body.status === 'accepted',
    );
    expect(followed.body.status).toBe('accepted');
  });
});

describe('resource map', () => {
  it('sets live offers against assessed demand per region and shows the gaps', async () => {
    // Capital, which the bank's loans answer, and a market, which no partner in 31.75 offers.
    await brokeredFamily(5, { capital: 2_000_000, market: true });
    type Map = {
      rows: {
        regionCode: string;
        partners: number;
        offers: Record<string, number>;
        demand: Record<string, number>;
        gaps: string[];
      }[];
      locations: { name: string; lat: number }[];
    };
    const city = await eventually(
      () => coordinator.request<Map>('GET', '/api/resource-map'),
      (r) => (r.body.rows.find((row) => row.regionCode === '31.75.01')?.demand.market ?? 0) > 0,
    );
    const matraman = city.body.rows.find((row) => row.regionCode === '31.75.01')!;
    expect(city.body.rows).toHaveLength(10); // Jakarta Timur's ten kecamatan
    expect(matraman.demand.capital).toBeGreaterThan(0);
    expect(matraman.offers.capital).toBeGreaterThan(0); // the bank's loans reach all of 31.75
    expect(matraman.partners).toBeGreaterThanOrEqual(3);
    expect(matraman.offers.market).toBe(0);
    expect(matraman.gaps).toContain('market');
    expect(matraman.gaps).not.toContain('capital');
    expect(city.body.locations.map((l) => l.name)).toContain('Bank Mitra Usaha');

    // Siti's own kecamatan, by kelurahan; nobody reads outside their region; partners not at all.
    const own = await siti.request<Map>('GET', '/api/resource-map');
    expect(own.body.rows.find((row) => row.regionCode === '31.75.01.1001')?.gaps).toContain(
      'market',
    );
    expect((await dewi.request('GET', '/api/resource-map?regionCode=31.75')).status).toBe(403);
    expect((await bank.request('GET', '/api/resource-map')).status).toBe(403);
  });
});

describe('networking among assistants', () => {
  it("shares an assistant's note on a partner with her kecamatan and the region above, not beyond", async () => {
    const rina = await anonymous.login('pendamping.jatinegara'); // 31.75.03
    const bankId = (await bank.request<PartnerView>('GET', '/api/partners/me')).body.id;
    const text = `Pak Hendra membalas WA dalam sehari; survei usaha seminggu setelah rujukan ${randomUUID().slice(0, 4)}`;
    const short = await siti.request('POST', `/api/partners/${bankId}/notes`, { text: 'ok' });
    expect(short.status).toBe(400);
    expect(fieldPaths(short.body)).toEqual(['text']);
    const added = await siti.request<{ authorName: string; regionCode: string }>(
      'POST',
      `/api/partners/${bankId}/notes`,
      { text },
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ authorName: 'Siti Rahayu', regionCode: '31.75.01' });
    const texts = async (client: GatewayClient) =>
      (
        await client.request<{ items: { text: string }[] }>('GET', `/api/partners/${bankId}/notes`)
      ).body.items.map((n) => n.text);
    expect(await texts(coordinator)).toContain(text);
    expect(await texts(rina)).not.toContain(text);
    expect((await bank.request('GET', `/api/partners/${bankId}/notes`)).status).toBe(403);
  });
});

describe('funder impact', () => {
  it("reports what a lender's offers did, with capital outcomes from microcredit counted once", async () => {
    const fam = await brokeredFamily(9, { capital: 3_000_000 });
    const posted = await bank.request<OfferView>('POST', '/api/offers', loan());
    await rankedFor(fam.kpmId, (items) => items.some((i) => i.offer.id === posted.body.id));
    const referral = await refer(fam, posted.body.id);
    expect(referral.status).toBe(201);
    const before = (await bank.request<PartnerView>('GET', '/api/partners/me')).body.trackRecord;

    // Microcredit's outcomes (that service arrives with issue 6): disbursed, then repaid, the
    // repayment delivered twice and once more as a new event.
    const envelope = (outcome: string, at: string) => ({
      id: randomUUID(),
      type: 'capital-referral.outcome-recorded',
      version: 1,
      occurredAt: at,
      producer: 'microcredit',
      actor: { userId: 'system', role: 'admin', regionCode: null },
      correlationId: randomUUID(),
      aggregateId: referral.body.id,
      payload: { referralId: referral.body.id, kpmId: fam.kpmId, outcome, recordedAt: at },
    });
    const disbursed = envelope('disbursed', new Date(Date.now() - 60_000).toISOString());
    const repaid = envelope('repaid', new Date().toISOString());
    await publishRaw(stack, TOPICS.events.microcredit, referral.body.id, [
      disbursed,
      repaid,
      repaid,
      { ...repaid, id: randomUUID() },
    ]);

    type Impact = {
      totals: { referrals: number; familiesReached: number; funded: number; repaid: number };
      families: { kpmId: string; headName: string; outcome: string | null }[];
    };
    const impact = await eventually(
      () => bank.request<Impact>('GET', '/api/partners/me/impact'),
      (r) => r.body.families.some((f) => f.kpmId === fam.kpmId && f.outcome === 'repaid'),
    );
    expect(impact.body.families.find((f) => f.kpmId === fam.kpmId)).toMatchObject({
      headName: fam.headName,
      outcome: 'repaid',
    });
    expect(impact.body.totals.funded).toBeGreaterThanOrEqual(1);
    expect(impact.body.totals.repaid).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(impact.body)).not.toContain(fam.nik);
    const after = (await bank.request<PartnerView>('GET', '/api/partners/me')).body.trackRecord;
    expect(after.repaid).toBe(before.repaid + 1);

    const csv = await fetch(`${stack.gatewayUrl}/api/partners/me/impact/export`, {
      headers: { authorization: `Bearer ${bank.token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain(fam.headName);
    expect(text).not.toContain(fam.nik);

    const bankId = (await bank.request<PartnerView>('GET', '/api/partners/me')).body.id;
    expect((await dinas.request('GET', `/api/partners/${bankId}/impact`)).status).toBe(200);
    expect((await tutor.request('GET', `/api/partners/${bankId}/impact`)).status).toBe(403);
  });
});

describe('market referrals', () => {
  it("offers a family's products to a buyer whose quality needs they meet, then records the sales", async () => {
    // A hotel registers as a buyer and the Dinas verifies it.
    const { client: hotel } = await registeredPartner('hotel', {
      name: `Hotel Cempaka ${randomUUID().slice(0, 4)}`,
      kind: 'buyer',
      subtype: 'hotel',
      serviceArea: ['31.75'],
    });
    const demand = await hotel.request<OfferView>('POST', '/api/offers', {
      kind: 'buyer-demand',
      title: `Kue basah untuk sarapan ${randomUUID().slice(0, 4)}`,
      capacity: 5,
      validFrom: today(),
      validUntil: inDays(60),
      eligibility: { regions: ['31.75'], businessKinds: ['food'] },
      details: {
        product: 'Kue basah',
        quantity: 200,
        unit: 'potong',
        pricePerUnit: 2500,
        frequency: 'weekly',
        qualityNeeds: ['halal', 'pirt'],
        deliveryPlace: 'Hotel Cempaka, Jl. Pramuka',
      },
    });
    expect(demand.status).toBe(201);

    const fam = await brokeredFamily(14, { market: true });
    const product = (body: object) =>
      siti.request<{ id: string; labels: string[] }>(
        'POST',
        `/api/kpm/${fam.kpmId}/products`,
        body,
      );
    const cheap = await product({ name: 'Kue lapis', price: 0, unit: 'potong' });
    expect(cheap.status).toBe(400);
    expect(fieldPaths(cheap.body)).toEqual(['price']);
    expect(
      (
        await dewi.request('POST', `/api/kpm/${fam.kpmId}/products`, {
          name: 'Kue lapis',
          price: 2000,
          unit: 'potong',
        })
      ).status,
    ).toBe(403);
    const halalOnly = await product({
      name: 'Kue lapis',
      price: 2000,
      unit: 'potong',
      labels: ['halal'],
    });
    const certified = await product({
      name: 'Kue talam',
      price: 2500,
      unit: 'potong',
      labels: ['halal', 'pirt'],
    });
    expect(halalOnly.status).toBe(201);
    expect(certified.status).toBe(201);

    await rankedFor(fam.kpmId, (items) =>
      items.some((i) => i.offer.id === demand.body.id && i.eligible),
    );
    const noProducts = await refer(fam, demand.body.id);
    expect(noProducts.status).toBe(400);
    expect(fieldPaths(noProducts.body as unknown)).toEqual(['productIds']);
    const uncertified = await refer(fam, demand.body.id, {
      productIds: [certified.body.id, halalOnly.body.id],
    });
    expect(uncertified.status).toBe(422);
    expect((uncertified.body as unknown as ErrorBody).fields).toEqual([
      { path: 'productIds.1', message: expect.stringMatching(/Kue lapis lacks .*pirt/) },
    ]);
    const referral = await refer(fam, demand.body.id, { productIds: [certified.body.id] });
    expect(referral.status).toBe(201);
    type MarketReferral = ReferralView & {
      products: { name: string }[];
      sales: { quantity: number; amount: number };
    };
    const seen = await hotel.request<MarketReferral>('GET', `/api/referrals/${referral.body.id}`);
    expect(seen.body.products.map((p) => p.name)).toEqual(['Kue talam']);

    // The product's photo: the assistant adds it, the buyer it was offered to sees it, another
    // partner does not; a file that is not an image is refused whatever it claims to be.
    const photoUrl = `${stack.gatewayUrl}/api/products/${certified.body.id}/photo`;
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from(randomUUID()),
    ]);
    const put = (client: GatewayClient, body: Buffer, type: string) =>
      fetch(photoUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}`, 'content-type': type },
        body,
      });
    const get = (client: GatewayClient) =>
      fetch(photoUrl, { headers: { authorization: `Bearer ${client.token}` } });
    expect((await put(siti, Buffer.from('%PDF-1.7 not a photo'), 'image/png')).status).toBe(415);
    expect((await put(dewi, png, 'image/png')).status).toBe(403);
    expect((await put(siti, png, 'image/png')).status).toBe(200);
    const byBuyer = await get(hotel);
    expect(byBuyer.status).toBe(200);
    expect(byBuyer.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await byBuyer.arrayBuffer())).toEqual(png);
    expect((await get(bank)).status).toBe(404);
    const listed = await siti.request<{ items: { id: string; hasPhoto: boolean }[] }>(
      'GET',
      `/api/kpm/${fam.kpmId}/products`,
    );
    expect(listed.body.items.find((p) => p.id === certified.body.id)?.hasPhoto).toBe(true);

    const sale = { soldOn: today(), quantity: 200, amount: 500_000 };
    expect(
      (await siti.request('POST', `/api/referrals/${referral.body.id}/sales`, sale)).status,
    ).toBe(409);
    expect(
      (
        await hotel.request('POST', `/api/referrals/${referral.body.id}/decision`, {
          decision: 'accept',
        })
      ).status,
    ).toBe(200);
    const reported = await siti.request<MarketReferral>(
      'POST',
      `/api/referrals/${referral.body.id}/sales`,
      sale,
    );
    expect(reported.status).toBe(201);
    expect(reported.body.sales).toEqual({ quantity: 200, amount: 500_000 });
    const more = await hotel.request<MarketReferral>(
      'POST',
      `/api/referrals/${referral.body.id}/sales`,
      { ...sale, quantity: 100, amount: 250_000 },
    );
    expect(more.body.sales).toEqual({ quantity: 300, amount: 750_000 });
    const impact = await hotel.request<{ totals: { sales: number } }>(
      'GET',
      '/api/partners/me/impact',
    );
    expect(impact.body.totals.sales).toBe(750_000);
  });
});

describe('HSDS 3.0 directory', () => {
  const hsds = createHsdsValidator();
  const download = (client: GatewayClient) =>
    fetch(`${stack.gatewayUrl}/api/directory/hsds`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
  const upload = (client: GatewayClient, body: string) =>
    client.request<HsdsImportReport & ErrorBody>('POST', '/api/directory/hsds', body);

  it('exports verified partners and their offers as valid HSDS and imports them as pending partners', async () => {
    const posted = await bank.request<OfferView>('POST', '/api/offers', loan());
    expect(posted.status).toBe(201);
    expect((await download(siti)).status).toBe(403);

    const file = await download(dinas);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(
      /attachment; filename="direktori-hsds-/,
    );
    const directory = (await file.json()) as HsdsDirectory;
    expect(hsds.directory(directory)).toEqual([]);
    const bankId = (await bank.request<PartnerView>('GET', '/api/partners/me')).body.id;
    const organization = directory.organizations.find((o) => o.id === bankId);
    expect(organization?.attributes?.[0]?.taxonomy_term?.code).toBe('lender');
    const service = directory.services.find((s) => s.id === posted.body.id);
    expect(service).toMatchObject({ organization_id: bankId, status: 'active' });
    // Only verified partners leave: a pending one stays in Jembatan.
    const pending = await dinas.request<{ items: PartnerView[] }>(
      'GET',
      '/api/partners?status=pending',
    );
    for (const partner of pending.body.items)
      expect(directory.organizations.map((o) => o.id)).not.toContain(partner.id);

    // Another Jembatan's directory: the same lender under new ids, and an organisation from a
    // directory that does not say what kind of partner it is.
    const newOrg = randomUUID();
    const newService = randomUUID();
    const foreign = {
      id: randomUUID(),
      name: 'Yayasan Tanpa Jenis',
      description: 'Kursus menjahit',
      locations: [
        { id: randomUUID(), location_type: 'physical', external_identifier: '31.75.01.1001' },
      ],
    };
    const incoming = {
      ...directory,
      organizations: [
        { ...organization!, id: newOrg, name: `Koperasi Impor ${newOrg.slice(0, 6)}` },
        foreign,
      ],
      services: [{ ...service!, id: newService, organization_id: newOrg }],
    };
    expect((await upload(siti, JSON.stringify(incoming))).status).toBe(403);
    const imported = await upload(dinas, JSON.stringify(incoming));
    expect(imported.status).toBe(200);
    expect(imported.body.organizations.created).toBe(1);
    expect(imported.body.organizations.rejected).toEqual([
      expect.objectContaining({
        path: 'organizations.1',
        reason: expect.stringContaining('no partner kind'),
      }),
    ]);
    expect(imported.body.services.created).toBe(1);

    const queue = await dinas.request<{ items: PartnerView[] }>(
      'GET',
      '/api/partners?status=pending',
    );
    expect(queue.body.items.map((p) => p.id)).toContain(newOrg);
    const importedOffer = await dinas.request<OfferView>('GET', `/api/offers/${newService}`);
    expect(importedOffer.body).toMatchObject({ kind: 'loan', title: service!.name, live: false });
    const seen = await siti.request<{ items: OfferView[] }>('GET', '/api/offers');
    expect(seen.body.items.map((o) => o.id)).not.toContain(newService);

    // The same file again changes nothing.
    const again = await upload(dinas, JSON.stringify(incoming));
    expect(again.body.organizations).toMatchObject({
      created: 0,
      skipped: [expect.objectContaining({ id: newOrg })],
    });
    expect(again.body.services.created).toBe(0);
  });

  it('refuses a file that is not HSDS 3.0, naming the fields', async () => {
    const invalid = await upload(
      dinas,
      JSON.stringify({
        hsds_version: '3.0',
        organizations: [{ id: 'koperasi-1', name: 'Koperasi' }],
        services: [{ id: randomUUID(), name: 'Pinjaman', status: 'open' }],
      }),
    );
    expect(invalid.status).toBe(400);
    expect(fieldPaths(invalid.body)).toEqual(
      expect.arrayContaining([
        'organizations.0.id',
        'organizations.0.description',
        'services.0.status',
      ]),
    );
    const malformed = await upload(dinas, '{"hsds_version": "3.0", "organizations": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('malformed-json');
  });
});

describe('the two rankings', () => {
  it('never disagree: every row SQL ranked, TypeScript explained the same way', async () => {
    // broker.handlers logs each row where fit.sql.ts and fit.ts part ways.
    const log = readFileSync(
      join(REPO, 'test-artifacts', 'logs', 'partners', 'partners.log'),
      'utf8',
    );
    expect(log).not.toMatch(/fit rules disagree/);
  });
});
