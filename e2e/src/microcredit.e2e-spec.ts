import { randomUUID } from 'node:crypto';
import {
  CAPITAL_ACTIONS,
  CAPITAL_ACTION_NAMES,
  CAPITAL_TRANSITIONS,
  TOPICS,
  type CapitalAction,
  type CapitalStatus,
} from '@jembatan/contracts';
import { startStack, type Stack } from '@jembatan/infra/stack';
import { GatewayClient, eventually, family } from './api.js';
import { foodStall, inDays, loan, registerPartner, today } from './partners-fixtures.js';
import { publishRaw } from './redeliver.js';

// Capital referrals through the gateway against the real services: the lifecycle with every
// illegal step refused, eligibility, consent and its withdrawal, what a lender may read,
// schedules and repayments, arrears and PAR, and what caseload and partners hear of it.

interface ErrorBody {
  error: string;
  fields?: { path: string; message: string }[];
}
interface ReferralView {
  id: string;
  status: CapitalStatus;
  source: string;
  amount: number;
  family: { headName: string; villageCode: string } | null;
  purpose: string | null;
  businessPlan: string | null;
  consent: { givenBy: string; withdrawnAt: string | null };
  loan: {
    principal: number;
    totalInterest: number;
    totalDue: number;
    paid: number;
    outstanding: number;
    outstandingPrincipal: number;
    daysInArrears: number;
    nextDue: { no: number; dueOn: string; amount: number } | null;
  } | null;
  waitingOn: string | null;
  dueAt: string | null;
  overdue: boolean;
}
interface ScheduleView {
  principal: number;
  totalInterest: number;
  total: number;
  paid: number;
  daysInArrears: number;
  instalments: {
    no: number;
    dueOn: string;
    principal: number;
    interest: number;
    total: number;
    paid: number;
    status: string;
  }[];
}
interface ParRow {
  key: string;
  label: string;
  loans: number;
  outstandingPrincipal: number;
  atRisk30: number;
  loansAtRisk30: number;
  par30: number;
}
interface ProductView {
  id: string;
  eligibility: { eligible: boolean; reasons: { code: string; met: boolean }[] } | null;
}

let stack: Stack;
let anonymous: GatewayClient;
let siti: GatewayClient; // pendamping.matraman (31.75.01)
let dewi: GatewayClient; // pendamping.cimanggis (32.76.02)
let coordinator: GatewayClient; // koordinator.jaktim (31.75)
let dinas: GatewayClient;
let bank: GatewayClient; // mitra.bank, a verified lender

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const daysAgo = (days: number) => inDays(-days);

/** A loan product `lender` posts, once microcredit holds it. */
async function product(
  lender: GatewayClient,
  details: Record<string, unknown> = {},
  eligibility: Record<string, unknown> = {},
): Promise<string> {
  const base = loan({}, eligibility);
  const posted = await lender.request<{ id: string }>('POST', '/api/offers', {
    ...base,
    details: { ...base.details, ...details },
  });
  expect(posted.status).toBe(201);
  await eventually(
    () => lender.request<{ items: ProductView[] }>('GET', '/api/capital/products'),
    (r) => r.body.items.some((p) => p.id === posted.body.id),
  );
  return posted.body.id;
}

/** A family in Siti's caseload with a food business of `months`, once microcredit knows it. */
async function familyWithBusiness(months: number) {
  const input = family({
    headName: `Ibu Modal ${randomUUID().slice(0, 4)}`,
    phone: '081377778888',
  });
  const created = await siti.request<{ id: string }>('POST', '/api/kpm', input);
  expect(created.status).toBe(201);
  const kpmId = created.body.id;
  const assessed = await siti.request('POST', `/api/kpm/${kpmId}/assessments`, {
    instrument: 'business',
    version: 1,
    assessedOn: today(),
    verified: true,
    answers: foodStall(months),
  });
  expect(assessed.status).toBe(201);
  // Known to microcredit, with the business the assessment recorded.
  await eventually(
    () => siti.request<{ items: ProductView[] }>('GET', `/api/capital/products?kpmId=${kpmId}`),
    (r) =>
      r.status === 200 &&
      r.body.items.some((p) => p.eligibility?.reasons.every((x) => x.code !== 'business-kinds')),
  );
  return {
    kpmId,
    headName: input.headName as string,
    nik: input.nik as string,
    phone: '081377778888',
  };
}

const wizard = (kpmId: string, productId: string, extra: Record<string, unknown> = {}) =>
  siti.request<ReferralView>('POST', '/api/capital/referrals', {
    productId,
    kpmId,
    amount: 3_000_000,
    tenorMonths: 6,
    purpose: 'Gerobak dan etalase baru',
    businessPlan: 'Menambah etalase agar bisa menjual lauk lebih banyak; cicilan dari laba harian.',
    consent: { givenBy: 'Ibu Modal', relationship: 'head', agreed: true },
    ...extra,
  });

/** A valid body for each step, so only legality (or who asks) decides the answer. */
const BODIES: Record<CapitalAction, Record<string, unknown>> = {
  submit: {},
  acknowledge: {},
  'schedule-survey': { surveyOn: today() },
  'record-survey': { note: 'Usaha berjalan, stok cukup, pembukuan rapi.' },
  approve: { approvedAmount: 2_500_003 },
  reject: { reason: 'Kapasitas bayar kurang' },
  disburse: { disbursedOn: today() },
  complete: {},
  'write-off': { reason: 'Usaha tutup, keluarga pindah' },
  withdraw: { reason: 'Keluarga berubah pikiran' },
};

const act = (client: GatewayClient, id: string, action: CapitalAction, body: object = {}) =>
  client.request<ReferralView & ErrorBody>('POST', `/api/capital/referrals/${id}/actions`, {
    action,
    ...BODIES[action],
    ...body,
  });

/** Every step not legal from `status`, taken by the side it belongs to: each is 409. */
async function expectIllegalFrom(id: string, status: CapitalStatus, lender: GatewayClient) {
  const illegal = CAPITAL_ACTION_NAMES.filter(
    (action) => !CAPITAL_TRANSITIONS[status].includes(CAPITAL_ACTIONS[action].to),
  );
  expect(illegal.length).toBeGreaterThan(0);
  for (const action of illegal) {
    const by = CAPITAL_ACTIONS[action].by === 'lender' ? lender : siti;
    const refused = await act(by, id, action);
    expect({ action, status: refused.status, error: refused.body.error }).toEqual({
      action,
      status: 409,
      error: 'illegal-transition',
    });
  }
  const still = await siti.request<ReferralView>('GET', `/api/capital/referrals/${id}`);
  expect(still.body.status).toBe(status);
}

async function pay(lender: GatewayClient, id: string, amount: number, paidOn = today()) {
  return lender.request<ScheduleView & { referral: ReferralView } & ErrorBody>(
    'POST',
    `/api/capital/referrals/${id}/payments`,
    { paidOn, amount },
  );
}

beforeAll(async () => {
  stack = await startStack('microcredit', 5400);
  anonymous = new GatewayClient(stack.gatewayUrl);
  siti = await anonymous.login('pendamping.matraman');
  dewi = await anonymous.login('pendamping.cimanggis');
  coordinator = await anonymous.login('koordinator.jaktim');
  dinas = await anonymous.login('dinas.jaktim');
  bank = await anonymous.login('mitra.bank');
});

afterAll(async () => {
  await stack?.stop();
});

describe('capital referral lifecycle', () => {
  it('walks a loan from draft to repaid, refusing every illegal step on the way', async () => {
    const productId = await product(bank);
    const fam = await familyWithBusiness(12);

    const offered = await siti.request<{ items: ProductView[] }>(
      'GET',
      `/api/capital/products?kpmId=${fam.kpmId}`,
    );
    expect(offered.body.items.find((p) => p.id === productId)?.eligibility?.eligible).toBe(true);

    // Bad input: the amount and tenor outside the product, named.
    const bad = await wizard(fam.kpmId, productId, { amount: 50_000_000, tenorMonths: 36 });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ErrorBody).fields?.map((f) => f.path).sort()).toEqual([
      'amount',
      'tenorMonths',
    ]);
    const noConsent = await wizard(fam.kpmId, productId, {
      consent: { givenBy: 'Ibu Modal', relationship: 'head', agreed: false },
    });
    expect(noConsent.status).toBe(400);

    const draft = await wizard(fam.kpmId, productId);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', source: 'wizard', waitingOn: 'assistant' });
    const id = draft.body.id;
    // Not shared with the lender before it is submitted; not another assistant's to read.
    expect((await bank.request('GET', `/api/capital/referrals/${id}`)).status).toBe(403);
    expect((await dewi.request('GET', `/api/capital/referrals/${id}`)).status).toBe(403);
    expect((await wizard(fam.kpmId, productId)).status).toBe(409); // one under way per product

    await expectIllegalFrom(id, 'draft', bank);
    expect((await act(siti, id, 'submit')).body.status).toBe('submitted');
    // The lender's steps are the lender's.
    expect((await act(siti, id, 'acknowledge')).status).toBe(403);
    const inbox = await bank.request<{ items: ReferralView[] }>('GET', '/api/capital/referrals');
    const seen = inbox.body.items.find((r) => r.id === id)!;
    expect(seen).toMatchObject({ waitingOn: 'lender', overdue: false });
    expect(seen.family?.headName).toBe(fam.headName);
    // Never the NIK or the phone (microcredit holds neither).
    expect(JSON.stringify(seen)).not.toContain(fam.nik);
    expect(JSON.stringify(seen)).not.toContain(fam.phone);
    expect(Object.keys(seen.family!)).not.toEqual(expect.arrayContaining(['nik']));
    expect(Date.parse(seen.dueAt!)).toBeGreaterThan(Date.now() + 5 * 86_400_000);
    // Past its deadline, it is on the late list the assistant's home shows (and off the other).
    await stack.db.query(
      `UPDATE microcredit.capital_referral SET due_at = now() - interval '1 day' WHERE id = $1`,
      [id],
    );
    const late = await siti.request<{ items: ReferralView[] }>(
      'GET',
      '/api/capital/referrals?overdue=true',
    );
    expect(late.status).toBe(200);
    expect(late.body.items.find((r) => r.id === id)).toMatchObject({ overdue: true });
    const onTime = await siti.request<{ items: ReferralView[] }>(
      'GET',
      '/api/capital/referrals?overdue=false',
    );
    expect(onTime.body.items.map((r) => r.id)).not.toContain(id);

    await expectIllegalFrom(id, 'submitted', bank);
    expect((await act(bank, id, 'acknowledge')).body.status).toBe('acknowledged');
    await expectIllegalFrom(id, 'acknowledged', bank);
    const past = await act(bank, id, 'schedule-survey', { surveyOn: daysAgo(3) });
    expect(past.status).toBe(400);
    expect(past.body.fields?.[0]?.path).toBe('surveyOn');
    expect((await act(bank, id, 'schedule-survey')).body.status).toBe('survey-scheduled');
    await expectIllegalFrom(id, 'survey-scheduled', bank);
    expect((await act(bank, id, 'record-survey')).body.status).toBe('surveyed');
    await expectIllegalFrom(id, 'surveyed', bank);
    const tooMuch = await act(bank, id, 'approve', { approvedAmount: 4_000_000 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.fields?.[0]?.path).toBe('approvedAmount');
    expect((await act(bank, id, 'approve')).body.status).toBe('approved');
    await expectIllegalFrom(id, 'approved', bank);

    const disbursed = await act(bank, id, 'disburse');
    expect(disbursed.body.status).toBe('disbursed');
    await expectIllegalFrom(id, 'disbursed', bank);

    // The schedule: 2,500,003 at 6% a year flat over 6 months, monthly.
    const schedule = await siti.request<ScheduleView>(
      'GET',
      `/api/capital/referrals/${id}/schedule`,
    );
    expect(schedule.status).toBe(200);
    const s = schedule.body;
    expect(s.principal).toBe(2_500_003);
    expect(s.totalInterest).toBe(Math.round((2_500_003 * 6 * 6) / 1200));
    expect(s.instalments).toHaveLength(6);
    expect(sum(s.instalments.map((i) => i.principal))).toBe(2_500_003);
    expect(sum(s.instalments.map((i) => i.interest))).toBe(s.totalInterest);
    expect(sum(s.instalments.map((i) => i.total))).toBe(s.principal + s.totalInterest);
    expect(s.total).toBe(s.principal + s.totalInterest);
    // The remainder of the split sits on the last instalment.
    expect(s.instalments.slice(0, 5).every((i) => i.principal === 416_667)).toBe(true);
    expect(s.instalments[5]!.principal).toBe(416_668);

    // Repayment: the first instalment moves it to repaying; more than owed is refused.
    const first = await pay(bank, id, s.instalments[0]!.total);
    expect(first.status).toBe(201);
    expect(first.body.referral.status).toBe('repaying');
    expect(first.body.instalments[0]!.status).toBe('paid');
    await expectIllegalFrom(id, 'repaying', bank);
    const over = await pay(bank, id, s.total);
    expect(over.status).toBe(400);
    expect(over.body.fields?.[0]?.path).toBe('amount');
    expect((await pay(siti, id, 1000)).status).toBe(403);

    const rest = await pay(bank, id, s.total - s.instalments[0]!.total);
    expect(rest.body.referral.status).toBe('completed');
    expect(rest.body.referral.loan).toMatchObject({ outstanding: 0, outstandingPrincipal: 0 });
    await expectIllegalFrom(id, 'completed', bank);
    expect((await pay(bank, id, 1000)).body.error).toBe('not-repaying');

    // Every move audited: who, when, why.
    const audited = await siti.request<{
      history: { from: string | null; to: string; actorId: string }[];
    }>('GET', `/api/capital/referrals/${id}`);
    expect(audited.body.history.map((h) => h.to)).toEqual([
      'draft',
      'submitted',
      'acknowledged',
      'survey-scheduled',
      'surveyed',
      'approved',
      'disbursed',
      'repaying',
      'completed',
    ]);
  });

  it('refuses a submission that fails the product rules, naming each rule', async () => {
    const productId = await product(bank, {}, { minBusinessMonths: 24, priorTraining: true });
    const fam = await familyWithBusiness(12);
    const draft = await wizard(fam.kpmId, productId);
    expect(draft.status).toBe(201);
    const refused = await act(siti, draft.body.id, 'submit');
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('not-eligible');
    expect(refused.body.fields?.map((f) => f.path).sort()).toEqual([
      'eligibility.business-months',
      'eligibility.prior-training',
    ]);
    expect(
      refused.body.fields?.find((f) => f.path === 'eligibility.business-months')?.message,
    ).toMatch(/12 months.*24/);
    // Still a draft; withdrawn by the assistant, and nothing more happens to it.
    expect(
      (await siti.request<ReferralView>('GET', `/api/capital/referrals/${draft.body.id}`)).body
        .status,
    ).toBe('draft');
    expect((await act(siti, draft.body.id, 'withdraw')).body.status).toBe('withdrawn');
    await expectIllegalFrom(draft.body.id, 'withdrawn', bank);
  });

  it('a rejected referral ends there, with its reason', async () => {
    const productId = await product(bank);
    const fam = await familyWithBusiness(12);
    const { body } = await wizard(fam.kpmId, productId);
    await act(siti, body.id, 'submit');
    await act(bank, body.id, 'acknowledge');
    const noReason = await act(bank, body.id, 'reject', { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.[0]?.path).toBe('reason');
    const rejected = await act(bank, body.id, 'reject');
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Kapasitas bayar kurang' });
    await expectIllegalFrom(body.id, 'rejected', bank);
  });
});

describe('consent and what a lender may read', () => {
  it('stops sharing when the family withdraws consent, and no other lender ever reads it', async () => {
    const { client: koperasi } = await registerPartner(anonymous, dinas, 'koperasi', {});
    const productId = await product(bank);
    const fam = await familyWithBusiness(12);

    // Consent withdrawn on a draft: submission refused until it is given again.
    const draft = await wizard(fam.kpmId, productId);
    const id = draft.body.id;
    const withdrawal = `/api/capital/referrals/${id}/consent/withdrawal`;
    expect((await siti.request('POST', withdrawal, { reason: 'Ingin berpikir dulu' })).status).toBe(
      200,
    );
    const unconsented = await act(siti, id, 'submit');
    expect([unconsented.status, unconsented.body.error]).toEqual([409, 'no-consent']);
    const again = await siti.request('POST', `/api/capital/referrals/${id}/consent`, {
      givenBy: fam.headName,
      relationship: 'head',
      agreed: true,
    });
    expect(again.status).toBe(200);
    expect((await act(siti, id, 'submit')).body.status).toBe('submitted');

    // Another lender: not its referral to read, act on, or find in its inbox.
    expect((await koperasi.request('GET', `/api/capital/referrals/${id}`)).status).toBe(403);
    expect((await act(koperasi, id, 'acknowledge')).status).toBe(403);
    expect((await koperasi.request('GET', `/api/capital/referrals/${id}/schedule`)).status).toBe(
      403,
    );
    const theirs = await koperasi.request<{ items: ReferralView[] }>(
      'GET',
      '/api/capital/referrals',
    );
    expect(theirs.body.items.map((r) => r.id)).not.toContain(id);

    expect((await bank.request('GET', `/api/capital/referrals/${id}`)).status).toBe(200);
    const withdrawn = await siti.request<ReferralView>('POST', withdrawal, {
      reason: 'Keluarga tidak ingin berbagi data',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const refused = await bank.request<ErrorBody>('GET', `/api/capital/referrals/${id}`);
    expect([refused.status, refused.body.error]).toEqual([403, 'consent-withdrawn']);
    const inbox = await bank.request<{ items: ReferralView[] }>('GET', '/api/capital/referrals');
    expect(inbox.body.items.map((r) => r.id)).not.toContain(id);

    // A loan already out stays collectable; the lender sees its figures, not the family.
    const other = await familyWithBusiness(12);
    const out = (await wizard(other.kpmId, productId)).body.id;
    for (const [client, action] of [
      [siti, 'submit'],
      [bank, 'acknowledge'],
      [bank, 'schedule-survey'],
      [bank, 'record-survey'],
      [bank, 'approve'],
      [bank, 'disburse'],
    ] as const)
      expect((await act(client, out, action)).status).toBe(200);
    await siti.request('POST', `/api/capital/referrals/${out}/consent/withdrawal`, {
      reason: 'Tidak ingin data dibagikan lagi',
    });
    const figures = await bank.request<ReferralView>('GET', `/api/capital/referrals/${out}`);
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({
      status: 'disbursed',
      family: null,
      purpose: null,
      businessPlan: null,
    });
    expect(figures.body.loan?.principal).toBe(2_500_003);
    expect((await pay(bank, out, 100_000)).status).toBe(201);
  });
});

describe('arrears and portfolio at risk', () => {
  it('puts a loan recorded late in arrears and counts it in PAR 30 per lender and region', async () => {
    const { client: lender, accountId } = await registerPartner(anonymous, dinas, 'bpr', {});
    const productId = await product(lender);
    const fam = await familyWithBusiness(12);
    const id = (await wizard(fam.kpmId, productId)).body.id;
    await act(siti, id, 'submit');
    for (const action of ['acknowledge', 'schedule-survey', 'record-survey', 'approve'] as const)
      await act(lender, id, action);
    // Disbursed 70 days ago: instalment 1 fell due ~40 days ago, instalment 2 ~10.
    const late = await act(lender, id, 'disburse', { disbursedOn: daysAgo(70) });
    expect(late.status).toBe(200);
    expect(late.body.status).toBe('in-arrears');
    expect(late.body.loan!.daysInArrears).toBeGreaterThan(30);
    await expectIllegalFrom(id, 'in-arrears', lender);

    const par = await lender.request<{ rows: ParRow[]; total: ParRow }>('GET', '/api/capital/par');
    expect(par.body.rows).toEqual([
      {
        key: accountId,
        label: expect.any(String),
        loans: 1,
        outstandingPrincipal: 2_500_003,
        atRisk30: 2_500_003,
        loansAtRisk30: 1,
        par30: 1,
      },
    ]);

    // Paying the first instalment: 10 days behind now, still in arrears but not at risk.
    const schedule = (
      await lender.request<ScheduleView>('GET', `/api/capital/referrals/${id}/schedule`)
    ).body;
    const paid = await pay(lender, id, schedule.instalments[0]!.total, daysAgo(1));
    expect(paid.body.referral.status).toBe('in-arrears');
    expect(paid.body.daysInArrears).toBeLessThanOrEqual(30);
    const after = await lender.request<{ rows: ParRow[] }>('GET', '/api/capital/par');
    expect(after.body.rows[0]).toMatchObject({
      loans: 1,
      outstandingPrincipal: 2_500_003 - schedule.instalments[0]!.principal,
      atRisk30: 0,
      par30: 0,
    });

    // The coordinator's region, per regency: Jakarta Timur includes this loan.
    const region = await coordinator.request<{ rows: ParRow[] }>(
      'GET',
      '/api/capital/par?by=region',
    );
    expect(region.status).toBe(200);
    expect(region.body.rows.map((r) => r.key)).toEqual(['31.75']);
    expect(region.body.rows[0]!.label).toMatch(/Jakarta Timur/);
    const byAssistant = await coordinator.request<{ rows: ParRow[] }>(
      'GET',
      '/api/capital/par?by=assistant',
    );
    expect(byAssistant.body.rows.some((r) => r.label !== r.key)).toBe(true);
    // Another coordinator's region is not this one's to ask about.
    expect((await coordinator.request('GET', '/api/capital/par?regionCode=32.76')).status).toBe(
      403,
    );

    const writtenOff = await act(lender, id, 'write-off');
    expect(writtenOff.body.status).toBe('written-off');
    await expectIllegalFrom(id, 'written-off', lender);
  });
});

describe('effects elsewhere', () => {
  it('a broker referral follows the loan; the disbursement delivered twice counts once', async () => {
    const offerId = await product(bank);
    const fam = await familyWithBusiness(12);
    const partnerBefore = (
      await bank.request<{ id: string; trackRecord: { completed: number } }>(
        'GET',
        '/api/partners/me',
      )
    ).body;

    // Referred in the broker, with consent: microcredit opens a draft under the same id.
    const referred = await siti.request<{ id: string }>('POST', '/api/referrals', {
      offerId,
      kpmId: fam.kpmId,
      consent: true,
      consentGivenBy: fam.headName,
    });
    expect(referred.status).toBe(201);
    const id = referred.body.id;
    const draft = await eventually(
      () => siti.request<ReferralView>('GET', `/api/capital/referrals/${id}`),
      (r) => r.status === 200,
    );
    expect(draft.body).toMatchObject({ status: 'draft', source: 'broker' });
    expect((await act(siti, id, 'submit')).body.fields?.map((f) => f.path)).toEqual([
      'purpose',
      'businessPlan',
    ]);
    const completed = await siti.request<ReferralView>('PATCH', `/api/capital/referrals/${id}`, {
      amount: 3_000_000,
      tenorMonths: 6,
      purpose: 'Modal bahan baku',
      businessPlan: 'Membeli beras dan lauk dalam jumlah besar agar harga pokok turun.',
    });
    expect(completed.status).toBe(200);
    await act(siti, id, 'submit');
    for (const action of [
      'acknowledge',
      'schedule-survey',
      'record-survey',
      'approve',
      'disburse',
    ] as const)
      expect((await act(bank, id, action)).status).toBe(200);

    // Partners: the referral moved to completed with the outcome; the track record once.
    const followed = await eventually(
      () => siti.request<{ status: string }>('GET', `/api/referrals/${id}`),
      (r) => r.body.status === 'completed',
    );
    expect(followed.body.status).toBe('completed');
    const bankView = () =>
      siti.request<{ trackRecord: { completed: number } }>(
        'GET',
        `/api/partners/${partnerBefore.id}`,
      );
    await eventually(
      bankView,
      (r) => r.body.trackRecord.completed === partnerBefore.trackRecord.completed + 1,
    );

    // Caseload: the readiness factor hears of the loan.
    const readiness = () =>
      siti.request<{ readiness: { factors: { key: string; met: boolean; observed: string }[] } }>(
        'GET',
        `/api/kpm/${fam.kpmId}`,
      );
    await eventually(readiness, (r) =>
      r.body.readiness.factors.some(
        (f) => f.key === 'capital-repaying' && /disbursed|cair/i.test(f.observed),
      ),
    );

    // The very disbursement event, as microcredit published it, delivered twice more.
    const { rows } = await stack.db.query<{
      envelope: { payload: { status: string; referralId: string } };
    }>(
      `SELECT envelope FROM microcredit.outbox_event WHERE event_type = 'capital-referral.outcome-recorded.v2'`,
    );
    const disbursement = rows.find(
      (r) => r.envelope.payload.referralId === id && r.envelope.payload.status === 'disbursed',
    )!.envelope;
    await publishRaw(stack, TOPICS.events.microcredit, fam.kpmId, [disbursement, disbursement]);
    // A marker after them on the same partition: once it is seen, the copies were consumed.
    const marker = await pay(bank, id, 50_000);
    expect(marker.body.referral.status).toBe('repaying');
    const partnersOutcome = () =>
      stack.db.query<{ outcome: string }>(`SELECT outcome FROM partners.referral WHERE id = $1`, [
        id,
      ]);
    await eventually(partnersOutcome, (r) => r.rows[0]?.outcome === 'repaying');
    await eventually(readiness, (r) =>
      r.body.readiness.factors.some((f) => f.key === 'capital-repaying' && f.met),
    );
    expect((await bankView()).body.trackRecord.completed).toBe(
      partnerBefore.trackRecord.completed + 1,
    );
    const processed = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM partners.processed_event WHERE event_id = $1`,
      [(disbursement as unknown as { id: string }).id],
    );
    expect(processed.rows[0]!.n).toBe(1);
  });
});

interface SavingsEntry {
  id: string;
  seq: number;
  kind: string;
  amount: number;
  memberKpmId: string | null;
  recordedBy: string;
  recordedByName: string;
  balanceAfter: number;
  reverses: string | null;
  reversedBy: string | null;
}
interface SavingsLedger {
  groupId: string;
  balance: number;
  entries: number;
  commonFund: number;
  treasurer: { kpmId: string; accountId: string } | null;
  members: { kpmId: string; headName: string; balance: number }[];
  items: SavingsEntry[];
  nextBefore: number | null;
}

describe('group savings ledger', () => {
  /** A group of Siti's with two member families, once microcredit has heard of all three. */
  async function savingsGroup() {
    const group = await siti.request<{ id: string }>('POST', '/api/groups', {
      name: `Kelompok Tabungan ${randomUUID().slice(0, 6)}`,
      villageCode: '31.75.01.1001',
    });
    expect(group.status).toBe(201);
    const groupId = group.body.id;
    const members: { id: string; headName: string }[] = [];
    for (const name of ['Bendahara', 'Anggota']) {
      const headName = `Ibu ${name} ${randomUUID().slice(0, 4)}`;
      const created = await siti.request<{ id: string }>(
        'POST',
        '/api/kpm',
        family({ headName, groupId }),
      );
      expect(created.status).toBe(201);
      members.push({ id: created.body.id, headName });
    }
    await eventually(
      () => siti.request<SavingsLedger>('GET', `/api/savings/groups/${groupId}`),
      (r) => r.status === 200 && r.body.members.length === 2,
    );
    return { groupId, keeper: members[0]!, member: members[1]! };
  }

  async function appoint(
    by: GatewayClient,
    groupId: string,
    kpmId: string,
    username = `bendahara.${randomUUID().slice(0, 8)}`,
  ) {
    const appointed = await by.request<{ accountId: string } & ErrorBody>(
      'POST',
      `/api/savings/groups/${groupId}/treasurer`,
      { kpmId, username, password: 'tabungan-kita-123' },
    );
    return { ...appointed, username };
  }

  const entry = (client: GatewayClient, body: Record<string, unknown>) =>
    client.request<SavingsEntry & ErrorBody>('POST', '/api/savings/entries', {
      occurredOn: today(),
      ...body,
    });

  it('is written by the treasurer the group chose, read by its assistant and region, never overdrawn', async () => {
    const { groupId, keeper, member } = await savingsGroup();
    // A family of Siti's in no group.
    const registered = await siti.request<{ id: string }>('POST', '/api/kpm', family());
    expect(registered.status).toBe(201);
    const outsider = registered.body.id;

    // Registering the treasurer: a member of the group, by the group's assistant.
    const notMember = await appoint(siti, groupId, outsider);
    expect(notMember.status).toBe(422);
    expect(notMember.body.fields).toEqual([{ path: 'kpmId', message: expect.any(String) }]);
    expect((await appoint(dewi, groupId, keeper.id)).status).toBe(403);
    const badLogin = await siti.request<ErrorBody>(
      'POST',
      `/api/savings/groups/${groupId}/treasurer`,
      { kpmId: keeper.id, username: 'Bad Name', password: 'short' },
    );
    expect(badLogin.status).toBe(400);
    expect(badLogin.body.fields?.map((f) => f.path).sort()).toEqual(['password', 'username']);
    const appointed = await appoint(siti, groupId, keeper.id);
    expect(appointed.status).toBe(201);
    const treasurer = await anonymous.login(appointed.username, 'tabungan-kita-123');

    // A treasurer reaches the savings ledger and nothing else; the assistant never writes it.
    for (const path of ['/api/kpm', '/api/capital/referrals', '/api/offers', '/api/groups'])
      expect({ path, status: (await treasurer.request('GET', path)).status }).toEqual({
        path,
        status: 403,
      });
    const byAssistant = await entry(siti, { kind: 'deposit', amount: 10_000 });
    expect(byAssistant.status).toBe(403);

    expect(
      (await entry(treasurer, { kind: 'deposit', amount: 50_000, memberKpmId: keeper.id })).status,
    ).toBe(201);
    const memberDeposit = await entry(treasurer, {
      kind: 'deposit',
      amount: 30_000,
      memberKpmId: member.id,
    });
    expect(memberDeposit.status).toBe(201);
    expect(
      (await entry(treasurer, { kind: 'deposit', amount: 20_000, note: 'Kas kelompok' })).status,
    ).toBe(201);
    const overdrawn = await entry(treasurer, {
      kind: 'withdrawal',
      amount: 40_000,
      memberKpmId: member.id,
    });
    expect(overdrawn.status).toBe(422);
    expect(overdrawn.body.error).toBe('insufficient-savings');
    expect(overdrawn.body.fields?.[0]?.path).toBe('amount');
    const withdrawn = await entry(treasurer, {
      kind: 'withdrawal',
      amount: 10_000,
      memberKpmId: member.id,
    });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body).toMatchObject({ amount: -10_000, balanceAfter: 90_000, seq: 4 });
    const future = await entry(treasurer, {
      kind: 'deposit',
      amount: 1_000,
      occurredOn: inDays(3),
    });
    expect(future.status).toBe(400);
    expect(future.body.fields?.[0]?.path).toBe('occurredOn');
    const stranger = await entry(treasurer, {
      kind: 'deposit',
      amount: 1_000,
      memberKpmId: outsider,
    });
    expect(stranger.status).toBe(422);

    // Mistakes are reversed, once, and never below what is left.
    const tooLate = await treasurer.request<ErrorBody>(
      'POST',
      `/api/savings/entries/${memberDeposit.body.id}/reversal`,
      { reason: 'Salah catat' },
    );
    expect(tooLate.status).toBe(422);
    const ledgerBefore = await treasurer.request<SavingsLedger>('GET', '/api/savings/mine');
    const keeperDeposit = ledgerBefore.body.items.find((e) => e.seq === 1)!;
    const reversed = await treasurer.request<SavingsEntry>(
      'POST',
      `/api/savings/entries/${keeperDeposit.id}/reversal`,
      { reason: 'Dicatat dua kali' },
    );
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({
      kind: 'reversal',
      amount: -50_000,
      balanceAfter: 40_000,
    });
    const again = await treasurer.request<ErrorBody>(
      'POST',
      `/api/savings/entries/${keeperDeposit.id}/reversal`,
      { reason: 'Dicatat dua kali' },
    );
    expect(again.status).toBe(409);

    // Ten deposits at once: each gets its own line and the balance adds up.
    const burst = await Promise.all(
      Array.from({ length: 10 }, () =>
        entry(treasurer, { kind: 'deposit', amount: 1_000, memberKpmId: member.id }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));

    // Who reads: the assistant, the region's coordinator and Dinas; not another assistant or a lender.
    const ledger = await siti.request<SavingsLedger>('GET', `/api/savings/groups/${groupId}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.balance).toBe(50_000);
    expect(ledger.body.entries).toBe(15);
    expect(ledger.body.items.map((e) => e.seq)).toEqual(
      Array.from({ length: 15 }, (_, i) => 15 - i),
    );
    expect(sum(ledger.body.items.map((e) => e.amount))).toBe(50_000);
    expect(ledger.body.items[0]!.balanceAfter).toBe(50_000);
    expect(ledger.body.commonFund).toBe(20_000);
    expect(ledger.body.members.find((m) => m.kpmId === member.id)?.balance).toBe(30_000);
    expect(ledger.body.members.find((m) => m.kpmId === keeper.id)?.balance).toBe(0);
    expect(ledger.body.items.find((e) => e.id === keeperDeposit.id)?.reversedBy).toBe(
      reversed.body.id,
    );
    expect(new Set(ledger.body.items.map((e) => e.recordedByName))).toEqual(
      new Set([keeper.headName]),
    );
    expect((await coordinator.request('GET', `/api/savings/groups/${groupId}`)).status).toBe(200);
    expect((await dinas.request('GET', `/api/savings/groups/${groupId}`)).status).toBe(200);
    expect((await dewi.request('GET', `/api/savings/groups/${groupId}`)).status).toBe(403);
    expect((await bank.request('GET', `/api/savings/groups/${groupId}`)).status).toBe(403);
    const listed = await coordinator.request<{ items: { groupId: string; balance: number }[] }>(
      'GET',
      '/api/savings/groups',
    );
    expect(listed.body.items.find((g) => g.groupId === groupId)?.balance).toBe(50_000);

    // The group chooses another treasurer: the old login and its open session stop at once,
    // the old lines keep their author.
    const successor = await appoint(siti, groupId, member.id);
    expect(successor.status).toBe(201);
    const stale = await entry(treasurer, { kind: 'deposit', amount: 1_000 });
    expect(stale.status).toBe(401);
    expect(stale.body.error).toBe('session-ended');
    const oldLogin = await anonymous.request('POST', '/api/auth/login', {
      username: appointed.username,
      password: 'tabungan-kita-123',
    });
    expect(oldLogin.status).toBe(401);
    const next = await anonymous.login(successor.username, 'tabungan-kita-123');
    const written = await entry(next, { kind: 'deposit', amount: 5_000 });
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({
      seq: 16,
      balanceAfter: 55_000,
      recordedByName: member.headName,
    });
    const page = await next.request<SavingsLedger>('GET', '/api/savings/mine?limit=5');
    expect(page.body.treasurer?.kpmId).toBe(member.id);
    expect(page.body.items).toHaveLength(5);
    expect(page.body.nextBefore).toBe(12);
    const older = await next.request<SavingsLedger>('GET', '/api/savings/mine?limit=5&before=2');
    expect(older.body.items.map((e) => [e.seq, e.recordedByName])).toEqual([[1, keeper.headName]]);
  });
});
