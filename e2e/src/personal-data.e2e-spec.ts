// A family's rights over its data (UU PDP No. 27/2022) through the gateway against the real
// services: a copy of everything held about it, across all five services.
import { startStack, type Stack } from '@jembatan/infra/stack';
import { GatewayClient, eventually, family } from './api.js';
import { loan } from './partners-fixtures.js';

interface Section {
  service: string;
  tables: Record<string, Record<string, unknown>[]>;
  withheld: { table: string; reason: string }[];
}
interface Export {
  kpmId: string;
  exportedBy: { userId: string; role: string };
  sections: Section[];
}

const SITI = '00000000-0000-4000-8000-000000000004';

let stack: Stack;
let siti: GatewayClient;
let coordinator: GatewayClient;
let dinas: GatewayClient;
let admin: GatewayClient;
let dewi: GatewayClient;
let bank: GatewayClient;

beforeAll(async () => {
  stack = await startStack('personal-data', 6200);
  const anonymous = new GatewayClient(stack.gatewayUrl);
  const login = (username: string) => anonymous.login(username);
  siti = await login('pendamping.matraman');
  coordinator = await login('koordinator.jaktim');
  dinas = await login('dinas.jaktim');
  admin = await login('admin');
  dewi = await login('pendamping.cimanggis');
  bank = await login('mitra.bank');
}, 180_000);

afterAll(() => stack?.stop());

const table = (document: Export, service: string, name: string) =>
  document.sections.find((s) => s.service === service)?.tables[name] ?? [];

/** Siti refers a family once the partners service knows it (it learns from caseload's events). */
async function referWithConsent(offerId: string, kpmId: string, consentGivenBy: string) {
  const referral = await eventually(
    () => siti.request('POST', '/api/referrals', { offerId, kpmId, consent: true, consentGivenBy }),
    (answer) => answer.status === 201,
  );
  expect(referral.status).toBe(201);
}

/** A family with something in every service: members, a visit, a referral, a case. */
async function familyKnownEverywhere() {
  const input = family({
    headName: 'Ibu Ratna Sari',
    phone: '081298765432',
    members: [
      {
        name: 'Dimas Pratama',
        birthDate: '2015-03-02',
        sex: 'M',
        relation: 'child',
        schoolStatus: 'primary',
      },
    ],
  });
  const created = await siti.request<{ id: string }>('POST', '/api/kpm', input);
  expect(created.status).toBe(201);
  const kpmId = created.body.id;
  const visit = await siti.request('POST', '/api/attendance/check-in', {
    kind: 'home-visit',
    refId: kpmId,
    location: { lat: -6.21, lng: 106.86, accuracyM: 15 },
  });
  expect(visit.status).toBe(201);
  const offer = await bank.request<{ id: string }>('POST', '/api/offers', loan());
  expect(offer.status).toBe(201);
  await referWithConsent(offer.body.id, kpmId, input.headName);
  const protection = await siti.request('POST', `/api/kpm/${kpmId}/cases`, {
    kind: 'child-protection',
    summary: 'Anak tidak bersekolah sejak dua bulan',
  });
  expect(protection.status).toBe(201);
  return { kpmId, nik: input.nik, phone: '081298765432' };
}

describe("a family's right of access", () => {
  let subject: Awaited<ReturnType<typeof familyKnownEverywhere>>;
  const exportOf = (client: GatewayClient) =>
    client.request<Export>('GET', `/api/kpm/${subject.kpmId}/data-export`);

  beforeAll(async () => {
    subject = await familyKnownEverywhere();
    // Every service has the family's card before the copy is taken.
    await eventually(
      () => exportOf(siti),
      (answer) =>
        ['partners', 'training', 'microcredit', 'supervision'].every(
          (service) =>
            table(
              answer.body,
              service,
              service === 'partners'
                ? 'family_profile'
                : service === 'supervision'
                  ? 'family_state'
                  : 'family',
            ).length === 1,
        ),
      30_000,
    );
  }, 60_000);

  it("gives the family's assistant one document with every service's records, in full", async () => {
    const answer = await fetch(`${stack.gatewayUrl}/api/kpm/${subject.kpmId}/data-export`, {
      headers: { authorization: `Bearer ${siti.token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="data-keluarga-${subject.kpmId}.json"`,
    );
    const document = (await answer.json()) as Export;
    expect(document.sections.map((s) => s.service)).toEqual([
      'caseload',
      'partners',
      'training',
      'microcredit',
      'supervision',
    ]);
    expect(document.exportedBy).toEqual({ userId: SITI, role: 'assistant' });
    const [kpm] = table(document, 'caseload', 'kpm');
    expect(kpm).toMatchObject({ id: subject.kpmId, nik: subject.nik, phone: subject.phone });
    expect(
      table(document, 'caseload', 'kpm_member')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['Dimas Pratama', 'Ibu Ratna Sari']);
    expect(table(document, 'caseload', 'kpm_case').map((c) => c.kind)).toEqual([
      'child-protection',
    ]);
    expect(table(document, 'partners', 'referral')).toHaveLength(1);
    expect(table(document, 'partners', 'referral')[0]).toMatchObject({
      kpm_id: subject.kpmId,
      consent_given_by: 'Ibu Ratna Sari',
    });
    expect(table(document, 'supervision', 'attendance_entry')).toHaveLength(1);
    expect(table(document, 'training', 'family')[0]).toMatchObject({ head_name: 'Ibu Ratna Sari' });
    // No other family's rows: every row that names a family names this one.
    for (const section of document.sections)
      for (const rows of Object.values(section.tables))
        for (const row of rows)
          for (const column of ['kpm_id', 'member_kpm_id'])
            if (typeof row[column] === 'string') expect(row[column]).toBe(subject.kpmId);
  });

  it('masks the NIK and phone for everyone else, and withholds child protection from the Dinas', async () => {
    for (const client of [coordinator, dinas, admin]) {
      const answer = await exportOf(client);
      expect(answer.status).toBe(200);
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(subject.nik);
      expect(text).not.toContain(subject.phone);
      expect(table(answer.body, 'caseload', 'kpm')[0]!.nik).toBe(
        `${subject.nik.slice(0, 6)}********${subject.nik.slice(-2)}`,
      );
    }
    const forDinas = (await exportOf(dinas)).body;
    expect(table(forDinas, 'caseload', 'kpm_case')).toEqual([]);
    expect(forDinas.sections[0]!.withheld.map((w) => w.table)).toEqual([
      'kpm_case (child protection)',
    ]);
    const forCoordinator = (await exportOf(coordinator)).body;
    expect(table(forCoordinator, 'caseload', 'kpm_case')).toHaveLength(1);
  });

  it('refuses another region, a partner, and a family that does not exist', async () => {
    expect((await exportOf(dewi)).status).toBe(403);
    expect((await exportOf(bank)).status).toBe(403);
    const missing = await siti.request(
      'GET',
      '/api/kpm/00000000-0000-4000-8000-0000000000ff/data-export',
    );
    expect(missing.status).toBe(404);
  });

  it('records every export in the audit trail, refusals included', async () => {
    const lines = await eventually(
      () =>
        admin.request<{ items: { route: string; recordId: string | null; status: number }[] }>(
          'GET',
          `/api/audit?recordId=${subject.kpmId}`,
        ),
      // Lines are written in batches a fraction of a second apart: wait for the refusals.
      (answer) =>
        answer.body.items?.filter(
          (line) => line.route.endsWith('/data-export') && line.status === 403,
        ).length >= 2,
    );
    const exports = lines.body.items.filter((line) => line.route.endsWith('/data-export'));
    expect(exports.filter((line) => line.status === 403)).toHaveLength(2); // Dewi, the bank
    expect(exports.filter((line) => line.status === 200).length).toBeGreaterThanOrEqual(4);
    expect(exports.every((line) => line.recordId === subject.kpmId)).toBe(true);
  });
});

describe("a family's withdrawal of consent", () => {
  it('ends every referral, nomination and lender consent in force, and is audited', async () => {
    const trainer = await new GatewayClient(stack.gatewayUrl).login('mitra.pelatihan');
    const input = family({ headName: 'Ibu Yuni Lestari' });
    const created = await siti.request<{ id: string }>('POST', '/api/kpm', input);
    expect(created.status).toBe(201);
    const kpmId = created.body.id;
    const loanOffer = await bank.request<{ id: string }>('POST', '/api/offers', loan());
    const trainingOffer = await trainer.request<{ id: string }>('POST', '/api/offers', {
      kind: 'training',
      title: 'Menjahit untuk usaha rumahan',
      capacity: 5,
      validFrom: new Date().toISOString().slice(0, 10),
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      eligibility: { regions: ['31.75'] },
      details: {
        place: 'LKP Matraman',
        startsOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
        endsOn: new Date(Date.now() + 11 * 86_400_000).toISOString().slice(0, 10),
        meetings: 2,
      },
    });
    expect([loanOffer.status, trainingOffer.status]).toEqual([201, 201]);
    for (const offerId of [loanOffer.body.id, trainingOffer.body.id]) {
      await referWithConsent(offerId, kpmId, 'Ibu Yuni Lestari');
    }
    const shared = async () => ({
      referrals: (
        await stack.db.query(
          `SELECT status FROM partners.referral WHERE kpm_id = $1 ORDER BY kind`,
          [kpmId],
        )
      ).rows.map((r) => r.status),
      capital: (
        await stack.db.query(
          `SELECT r.status, c.withdrawn_at IS NOT NULL AS withdrawn
           FROM microcredit.capital_referral r JOIN microcredit.consent c ON c.referral_id = r.id
           WHERE r.kpm_id = $1`,
          [kpmId],
        )
      ).rows,
      nominations: (
        await stack.db.query(`SELECT status FROM training.nomination WHERE kpm_id = $1`, [kpmId])
      ).rows.map((r) => r.status),
    });
    // Before: both referrals open, the lender holds a consent, the training a nomination.
    const before = await eventually(
      shared,
      (s) => s.capital.length === 1 && s.nominations.length === 1,
    );
    expect(before).toEqual({
      referrals: ['referred', 'referred'],
      capital: [{ status: 'draft', withdrawn: false }],
      nominations: ['nominated'],
    });

    const bad = await siti.request<{ fields: { path: string }[] }>(
      'POST',
      `/api/kpm/${kpmId}/consent-withdrawal`,
      { statedBy: '', reason: 'short' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.path).sort()).toEqual(['reason', 'statedBy']);
    expect(
      (
        await dinas.request('POST', `/api/kpm/${kpmId}/consent-withdrawal`, {
          statedBy: 'Ibu Yuni Lestari',
          reason: 'Tidak ingin datanya dibagikan lagi',
        })
      ).status,
    ).toBe(403);
    const withdrawn = await siti.request<{ id: string; statedBy: string }>(
      'POST',
      `/api/kpm/${kpmId}/consent-withdrawal`,
      { statedBy: 'Ibu Yuni Lestari', reason: 'Tidak ingin datanya dibagikan kepada mitra lagi' },
    );
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.statedBy).toBe('Ibu Yuni Lestari');

    const after = await eventually(
      shared,
      (s) =>
        s.referrals.every((status) => status === 'withdrawn') &&
        s.nominations.every((status) => status === 'withdrawn') &&
        s.capital.every((c) => c.withdrawn && c.status === 'withdrawn'),
    );
    expect(after).toEqual({
      referrals: ['withdrawn', 'withdrawn'],
      capital: [{ status: 'withdrawn', withdrawn: true }],
      nominations: ['withdrawn'],
    });
    // The lender's list now shows the referral as withdrawn.
    const lenderView = await bank.request<{ items: { kpmId: string; status: string }[] }>(
      'GET',
      `/api/referrals?kpmId=${kpmId}`,
    );
    expect(lenderView.body.items.map((r) => r.status)).toEqual(['withdrawn']);
    // The decision is in the family's audit (who, when, why) and in its export.
    const copy = await siti.request<Export>('GET', `/api/kpm/${kpmId}/data-export`);
    expect(table(copy.body, 'caseload', 'consent_withdrawal')).toEqual([
      expect.objectContaining({
        stated_by: 'Ibu Yuni Lestari',
        recorded_by: SITI,
        reason: 'Tidak ingin datanya dibagikan kepada mitra lagi',
      }),
    ]);
    expect(table(copy.body, 'caseload', 'kpm_audit').map((a) => a.action)).toContain(
      'consent-withdrawn',
    );
  });
});

describe('the retention rule for families who left PKH', () => {
  it('anonymises a family five years after it left, in every service, and keeps its figures', async () => {
    const input = family({
      headName: 'Ibu Wati Kusumawati',
      phone: '081311112222',
      members: [{ name: 'Rizky Maulana', birthDate: '2012-08-17', sex: 'M', relation: 'child' }],
    });
    const created = await siti.request<{ id: string }>('POST', '/api/kpm', input);
    expect(created.status).toBe(201);
    const kpmId = created.body.id;
    expect(
      (
        await siti.request('POST', '/api/attendance/check-in', {
          kind: 'home-visit',
          refId: kpmId,
          location: { lat: -6.2123, lng: 106.8611, accuracyM: 10 },
        })
      ).status,
    ).toBe(201);
    const offer = await bank.request<{ id: string }>('POST', '/api/offers', loan());
    await referWithConsent(offer.body.id, kpmId, 'Ibu Wati Kusumawati');
    const left = await siti.request('POST', `/api/kpm/${kpmId}/stage`, {
      to: 'exited',
      reason: 'Keluarga pindah ke luar daerah',
    });
    expect(left.status).toBe(200);
    const identifying = [
      input.headName as string,
      input.nik as string,
      '081311112222',
      'Rizky Maulana',
    ];
    const copy = async () =>
      JSON.stringify((await admin.request<Export>('GET', `/api/kpm/${kpmId}/data-export`)).body);
    // Every service holds the family's name before the rule applies.
    await eventually(copy, (text) => (text.match(/Ibu Wati Kusumawati/g) ?? []).length >= 6);
    const stagesBefore = await stack.db.query(
      `SELECT stage, count(*)::int AS n FROM caseload.kpm GROUP BY stage ORDER BY stage`,
    );

    // Not yet due: it left today.
    expect((await siti.request('POST', '/api/retention/run')).status).toBe(403);
    const early = await admin.request<{ anonymised: number; retentionYears: number }>(
      'POST',
      '/api/retention/run',
    );
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ anonymised: 0, retentionYears: 5 });
    // The clock moves on: it left six years ago (the fixture moves the date back instead).
    await stack.db.query(
      `UPDATE caseload.kpm SET stage_changed_at = now() - interval '6 years' WHERE id = $1`,
      [kpmId],
    );
    const run = await admin.request<{ anonymised: number }>('POST', '/api/retention/run');
    expect(run.body.anonymised).toBe(1);

    const after = await eventually(copy, (text) =>
      identifying.every((value) => !text.includes(value)),
    );
    for (const value of identifying) expect(after).not.toContain(value);
    const document = JSON.parse(after) as Export;
    const [kpm] = table(document, 'caseload', 'kpm');
    expect(kpm).toMatchObject({ head_name: 'Dianonimkan', phone: null, stage: 'exited' });
    expect(kpm!.anonymised_at).toEqual(expect.any(String));
    expect(kpm!.village_code).toBe('31.75.01.1001');
    expect(
      table(document, 'caseload', 'kpm_member')
        .map((m) => m.birth_date)
        .sort(),
    ).toEqual([expect.stringMatching(/-01-01T/), '2012-01-01T00:00:00.000Z']);
    expect(table(document, 'partners', 'referral')[0]!.consent_given_by).toBe('Dianonimkan');
    expect(table(document, 'microcredit', 'consent')[0]!.given_by).toBe('Dianonimkan');
    expect(table(document, 'training', 'family')[0]!.head_name).toBe('Dianonimkan');
    const [visit] = table(document, 'supervision', 'attendance_entry');
    expect(visit).toMatchObject({ kind: 'home-visit', in_lat: null, in_lng: null });
    expect(table(document, 'caseload', 'kpm_audit').map((a) => a.action)).toContain('anonymised');
    // Figures stay: the same families per stage, the profile still opens.
    expect(
      (
        await stack.db.query(
          `SELECT stage, count(*)::int AS n FROM caseload.kpm GROUP BY stage ORDER BY stage`,
        )
      ).rows,
    ).toEqual(stagesBefore.rows);
    const profile = await siti.request<{ headName: string }>('GET', `/api/kpm/${kpmId}`);
    expect(profile.status).toBe(200);
    expect(profile.body.headName).toBe('Dianonimkan');
    // Once is enough: a second run finds nobody due.
    expect(
      (await admin.request<{ anonymised: number }>('POST', '/api/retention/run')).body.anonymised,
    ).toBe(0);
  });
});
