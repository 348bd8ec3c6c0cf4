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
  // The partners service learns of the family from caseload's events.
  const referral = await eventually(
    () =>
      siti.request('POST', '/api/referrals', {
        offerId: offer.body.id,
        kpmId,
        consent: true,
        consentGivenBy: input.headName,
      }),
    (answer) => answer.status === 201,
  );
  expect(referral.status).toBe(201);
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
      (answer) =>
        answer.body.items?.filter((line) => line.route.endsWith('/data-export')).length >= 5,
    );
    const exports = lines.body.items.filter((line) => line.route.endsWith('/data-export'));
    expect(exports.map((line) => line.status)).toEqual(expect.arrayContaining([200, 403]));
    expect(exports.every((line) => line.recordId === subject.kpmId)).toBe(true);
  });
});
