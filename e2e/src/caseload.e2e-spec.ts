import { randomUUID } from 'node:crypto';
import { TOPICS } from '@jembatan/contracts';
import kafkajs from 'kafkajs';
import { GatewayClient, eventually, family, socioEconomic } from './api.js';
import { familyImportLines } from '@jembatan/infra/fixtures';
import { startStack, type Stack } from '@jembatan/infra/stack';
import { WorkLease } from '@jembatan/service-kit';

// The caseload workflows through the gateway against the real services: households, search,
// groups, transfers, assessments, the graduation pipeline and signals from other services.

interface Profile {
  id: string;
  headName: string;
  nik: string;
  stage: string;
  flags: string[];
  readinessScore: number | null;
  headBirthDate: string;
  headSex: string;
  members: { name: string; nik: string | null; relation: string; components: string[] }[];
  assignments: { assistantId: string; to: string | null; reason: string }[];
  stageHistory: {
    from: string | null;
    to: string;
    reason: string;
    score: number | null;
    actorId: string;
  }[];
  followUps: { id: string; monthsAfter: number; dueOn: string; outcome: string | null }[];
  readiness: {
    score: number;
    ready: boolean;
    essentialsMet: boolean;
    criteriaRegion: string;
    factors: { key: string; met: boolean; observed: string }[];
  };
}
interface ErrorBody {
  error: string;
  fields?: { path: string; message: string }[];
}
interface Page {
  items: { id: string; headName: string; nik: string; flags: string[]; stage: string }[];
  total: number;
  nextCursor: string | null;
}

const MATRAMAN_ASSISTANT = '00000000-0000-4000-8000-000000000004';
const JATINEGARA_ASSISTANT = '00000000-0000-4000-8000-000000000008';

let stack: Stack;
let assistant: GatewayClient;
let otherAssistant: GatewayClient;
let jatinegara: GatewayClient;
let coordinator: GatewayClient;
let dinas: GatewayClient;
let partner: GatewayClient;

const count = async (table: string, where = 'TRUE', params: unknown[] = []) =>
  Number(
    (await stack.db.query(`SELECT count(*) FROM caseload.${table} WHERE ${where}`, params)).rows[0]
      .count,
  );

/** A woman's NIK in Matraman (day + 40) born on `birthDate`. */
function nikFor(birthDate: string, serial: number, sex: 'F' | 'M' = 'F'): string {
  const [year, month, day] = birthDate.split('-');
  const dd = String(Number(day) + (sex === 'F' ? 40 : 0)).padStart(2, '0');
  return `317501${dd}${month}${year!.slice(2)}${String(serial).padStart(4, '0')}`;
}
let serial = 1 + Math.floor(Math.random() * 9000);

const child = (overrides: Record<string, unknown> = {}) => ({
  name: 'Putri Aminah',
  birthDate: '2014-07-09',
  sex: 'F',
  relation: 'child',
  schoolStatus: 'primary',
  ...overrides,
});

async function register(client: GatewayClient, overrides: Record<string, unknown> = {}) {
  const created = await client.request<Profile>('POST', '/api/kpm', family(overrides));
  expect(created.status).toBe(201);
  return created.body;
}

beforeAll(async () => {
  stack = await startStack('caseload', 4300);
  const anonymous = new GatewayClient(stack.gatewayUrl);
  assistant = await anonymous.login('pendamping.matraman');
  otherAssistant = await anonymous.login('pendamping.cimanggis');
  jatinegara = await anonymous.login('pendamping.jatinegara');
  coordinator = await anonymous.login('koordinator.jaktim');
  dinas = await anonymous.login('dinas.jaktim');
  partner = await anonymous.login('mitra.bank');
});

afterAll(async () => {
  await stack?.stop();
});

describe('families and their households', () => {
  it('registers a household with its PKH components, first assignment and audit entry', async () => {
    const spouseBirth = '1984-02-10';
    const profile = await register(assistant, {
      nik: nikFor('1986-03-21', serial++),
      members: [
        {
          name: 'Ahmad Hidayat',
          nik: nikFor(spouseBirth, serial++, 'M'),
          birthDate: spouseBirth,
          sex: 'M',
          relation: 'spouse',
        },
        child(),
        {
          name: 'Nenek Sumi',
          birthDate: '1950-01-01',
          sex: 'F',
          relation: 'parent',
          disability: true,
        },
      ],
    });
    expect(profile.headBirthDate).toBe('1986-03-21');
    expect(profile.headSex).toBe('F');
    expect(profile.members.map((m) => m.relation).sort()).toEqual([
      'child',
      'head',
      'parent',
      'spouse',
    ]);
    expect(profile.members.find((m) => m.relation === 'child')?.components).toEqual([
      'primary-school',
    ]);
    expect(profile.members.find((m) => m.relation === 'parent')?.components).toEqual([
      'elderly',
      'disability',
    ]);
    expect(profile.assignments).toEqual([
      expect.objectContaining({
        assistantId: MATRAMAN_ASSISTANT,
        to: null,
        reason: 'entered the caseload',
      }),
    ]);
    expect(profile.stage).toBe('active');
    expect(profile.readiness.factors.length).toBeGreaterThan(5);
    expect(await count('kpm_audit', 'kpm_id = $1', [profile.id])).toBe(1);
    expect(
      await count(
        'outbox_event',
        "key = $1 AND envelope->>'type' IN ('kpm.registered', 'caseload.assignment-changed')",
        [profile.id],
      ),
    ).toBe(2);

    // The Dinas sees the household with every NIK masked; the assistant sees them whole.
    const seenByDinas = await dinas.request<Profile>('GET', `/api/kpm/${profile.id}`);
    expect(seenByDinas.status).toBe(200);
    for (const member of seenByDinas.body.members.filter((m) => m.nik !== null))
      expect(member.nik).toMatch(/^\d{6}\*{8}\d{2}$/);
    const spouse = profile.members.find((m) => m.relation === 'spouse');
    expect(spouse?.nik).toMatch(/^\d{16}$/);
  });

  it('refuses a NIK that does not match its holder, and writes nothing', async () => {
    const before = await count('kpm');
    const response = await assistant.request<ErrorBody>(
      'POST',
      '/api/kpm',
      family({ members: [child({ nik: nikFor('2014-07-10', serial++) })] }),
    );
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual([
      { path: 'members.0.nik', message: 'digits 7-12 do not match the birth date' },
    ]);
    const badHead = await assistant.request<ErrorBody>(
      'POST',
      '/api/kpm',
      family({ nik: '3175019999900001' }),
    );
    expect(badHead.status).toBe(400);
    expect(badHead.body.fields?.[0]?.path).toBe('nik');
    expect(await count('kpm')).toBe(before);
  });

  it("refuses a NIK that is already registered, even as another household's member", async () => {
    const first = await register(assistant, {
      members: [child({ nik: nikFor('2014-07-09', serial++) })],
    });
    const takenChildNik = first.members.find((m) => m.relation === 'child')!.nik!;
    const [members, families] = [await count('kpm_member'), await count('kpm')];
    const response = await assistant.request<ErrorBody>(
      'POST',
      '/api/kpm',
      family({ nik: takenChildNik }),
    );
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      error: 'duplicate-nik',
      fields: [{ path: 'nik', message: 'is already registered' }],
    });
    const asMember = await assistant.request<ErrorBody>(
      'POST',
      '/api/kpm',
      family({ members: [child({ nik: takenChildNik })] }),
    );
    expect(asMember.status).toBe(409);
    expect(asMember.body.fields).toEqual([
      { path: 'members.0.nik', message: 'is already registered' },
    ]);
    expect([await count('kpm_member'), await count('kpm')]).toEqual([members, families]);
  });

  it("lets only the family's own assistant, its region and admins read it", async () => {
    const profile = await register(assistant);
    expect((await otherAssistant.request('GET', `/api/kpm/${profile.id}`)).status).toBe(403);
    expect((await jatinegara.request('GET', `/api/kpm/${profile.id}`)).status).toBe(403);
    expect((await partner.request('GET', `/api/kpm/${profile.id}`)).status).toBe(403);
    expect((await partner.request('GET', '/api/kpm')).status).toBe(403);
    expect((await coordinator.request('GET', `/api/kpm/${profile.id}`)).status).toBe(200);
  });

  it('updates a household and says so in an event', async () => {
    const profile = await register(assistant);
    const updated = await assistant.request<Profile>('PATCH', `/api/kpm/${profile.id}`, {
      address: 'Jl. Kayu Manis II No. 7',
      villageCode: '31.75.01.1003',
      members: [
        child({
          name: 'Rizky',
          sex: 'M',
          birthDate: '2010-01-05',
          schoolStatus: 'junior-secondary',
        }),
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.members).toHaveLength(2);
    const { rows } = await stack.db.query(
      `SELECT envelope->'payload' AS payload FROM caseload.outbox_event WHERE key = $1 AND envelope->>'type' = 'kpm.updated'`,
      [profile.id],
    );
    expect(rows[0].payload).toMatchObject({
      villageCode: '31.75.01.1003',
      previousVillageCode: '31.75.01.1001',
      changed: ['villageCode', 'address', 'members'],
    });
    const empty = await assistant.request<ErrorBody>('PATCH', `/api/kpm/${profile.id}`, {});
    expect(empty.status).toBe(400);
  });
});

describe('searching the caseload', () => {
  const tag = `Cari${randomUUID().slice(0, 6)}`;
  let ids: string[] = [];

  beforeAll(async () => {
    ids = [];
    for (const [index, year] of [2012, 2022, 2024].entries()) {
      ids.push(
        (await register(assistant, { headName: `${tag} ${'ABC'[index]}`, pkhEntryYear: year })).id,
      );
    }
  });

  it('finds by part of a name, by NIK, and pages with a cursor', async () => {
    const first = await assistant.request<Page>('GET', `/api/kpm?q=${tag.toLowerCase()}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(3);
    expect(first.body.items.map((i) => i.headName)).toEqual([`${tag} A`, `${tag} B`]);
    const second = await assistant.request<Page>(
      'GET',
      `/api/kpm?q=${tag}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((i) => i.headName)).toEqual([`${tag} C`]);
    expect(second.body.nextCursor).toBeNull();

    const profile = await assistant.request<Profile>('GET', `/api/kpm/${ids[1]}`);
    const byNik = await assistant.request<Page>('GET', `/api/kpm?q=${profile.body.nik}`);
    expect(byNik.body.items.map((i) => i.id)).toEqual([ids[1]]);
    const bad = await assistant.request<ErrorBody>('GET', '/api/kpm?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.path).toBe('cursor');
  });

  it('flags families in PKH more than five years and filters by flag', async () => {
    const longStay = await assistant.request<Page>('GET', `/api/kpm?q=${tag}&flag=long-stay`);
    expect(longStay.body.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(longStay.body.items[0]?.flags).toContain('long-stay');
    // The coordinator sees the same families, masked; the other region's assistant none.
    const regional = await coordinator.request<Page>('GET', `/api/kpm?q=${tag}`);
    expect(regional.body.total).toBe(3);
    expect(regional.body.items[0]?.nik).toContain('*');
    expect((await otherAssistant.request<Page>('GET', `/api/kpm?q=${tag}`)).body.total).toBe(0);
  });
});

describe('groups, assistants and transfers', () => {
  it('keeps groups with a leader and filters the caseload by group', async () => {
    const name = `Kelompok Melati ${randomUUID().slice(0, 4)}`;
    const group = await assistant.request<{ id: string }>('POST', '/api/groups', {
      name,
      villageCode: '31.75.01.1001',
    });
    expect(group.status).toBe(201);
    const duplicate = await assistant.request('POST', '/api/groups', {
      name,
      villageCode: '31.75.01.1001',
    });
    expect(duplicate.status).toBe(409);
    const member = await register(assistant, { groupId: group.body.id });
    const leader = await assistant.request<{ leader: { kpmId: string }; families: number }>(
      'PUT',
      `/api/groups/${group.body.id}/leader`,
      { kpmId: member.id },
    );
    expect(leader.status).toBe(200);
    expect(leader.body).toMatchObject({ leader: { kpmId: member.id }, families: 1 });
    const outsider = await register(assistant);
    const refused = await assistant.request('PUT', `/api/groups/${group.body.id}/leader`, {
      kpmId: outsider.id,
    });
    expect(refused.status).toBe(400);
    const inGroup = await assistant.request<Page>('GET', `/api/kpm?groupId=${group.body.id}`);
    expect(inGroup.body.items.map((i) => i.id)).toEqual([member.id]);
  });

  it('moves a family to another assistant with history, and only a coordinator may', async () => {
    const profile = await register(assistant);
    const byAssistant = await assistant.request('POST', `/api/kpm/${profile.id}/transfer`, {
      toAssistantId: JATINEGARA_ASSISTANT,
      reason: 'Family moved to Jatinegara',
    });
    expect(byAssistant.status).toBe(403);
    const noReason = await coordinator.request<ErrorBody>(
      'POST',
      `/api/kpm/${profile.id}/transfer`,
      {
        toAssistantId: JATINEGARA_ASSISTANT,
        reason: '',
      },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.[0]?.path).toBe('reason');
    const outOfRegion = await coordinator.request<ErrorBody>(
      'POST',
      `/api/kpm/${profile.id}/transfer`,
      {
        toAssistantId: '00000000-0000-4000-8000-000000000005',
        reason: 'Moving the family to Depok',
      },
    );
    expect(outOfRegion.status).toBe(400);
    expect(await count('kpm_assignment', 'kpm_id = $1', [profile.id])).toBe(1);

    const moved = await coordinator.request<Profile>('POST', `/api/kpm/${profile.id}/transfer`, {
      toAssistantId: JATINEGARA_ASSISTANT,
      reason: 'Rebalancing caseloads in Jakarta Timur',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.assignments).toEqual([
      expect.objectContaining({ assistantId: MATRAMAN_ASSISTANT, to: expect.any(String) }),
      expect.objectContaining({
        assistantId: JATINEGARA_ASSISTANT,
        to: null,
        reason: 'Rebalancing caseloads in Jakarta Timur',
      }),
    ]);
    expect((await assistant.request('GET', `/api/kpm/${profile.id}`)).status).toBe(403);
    const now = await jatinegara.request<Profile>('GET', `/api/kpm/${profile.id}`);
    expect(now.status).toBe(200);
    expect(now.body.nik).toMatch(/^\d{16}$/); // the new assistant works with the whole NIK

    const caseloads = await coordinator.request<{
      items: { assistantId: string; assistantName: string; families: number }[];
    }>('GET', '/api/caseloads');
    expect(caseloads.body.items.find((i) => i.assistantId === JATINEGARA_ASSISTANT)).toMatchObject({
      assistantName: 'Rina Marlina',
      families: 1,
    });
    expect((await assistant.request('GET', '/api/caseloads')).status).toBe(403);
  });
});

describe('assessments and the graduation pipeline', () => {
  it('records a versioned assessment and the readiness score follows it', async () => {
    const profile = await register(assistant);
    const before = profile.readiness.score;
    const bad = await assistant.request<ErrorBody>(
      'POST',
      `/api/kpm/${profile.id}/assessments`,
      socioEconomic({ answers: { ...socioEconomic().answers, monthlyIncome: -5 } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.path)).toEqual(['answers.monthlyIncome']);
    expect(await count('assessment', 'kpm_id = $1', [profile.id])).toBe(0);

    const recorded = await assistant.request<{ readiness: Profile['readiness'] }>(
      'POST',
      `/api/kpm/${profile.id}/assessments`,
      socioEconomic(),
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body.readiness.score).toBeGreaterThan(before);
    expect(
      recorded.body.readiness.factors.find((f) => f.key === 'income-per-capita'),
    ).toMatchObject({ met: true });
    const listed = await assistant.request<Page & { items: { readinessScore: number }[] }>(
      'GET',
      `/api/kpm?q=${(await assistant.request<Profile>('GET', `/api/kpm/${profile.id}`)).body.nik}`,
    );
    expect(listed.body.items[0]?.readinessScore).toBe(recorded.body.readiness.score);
    expect(
      await count('outbox_event', "key = $1 AND envelope->>'type' = 'kpm.assessed'", [profile.id]),
    ).toBe(1);
  });

  it('moves families along the pipeline only with a reason, audits each move and schedules follow-ups', async () => {
    const profile = await register(assistant);
    const url = `/api/kpm/${profile.id}/stage`;
    const noReason = await assistant.request<ErrorBody>('POST', url, { to: 'potential' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.path)).toEqual(['reason']);
    const skip = await assistant.request<ErrorBody>('POST', url, {
      to: 'candidate',
      reason: 'Skipping ahead quickly',
    });
    expect(skip.status).toBe(409);
    expect(await count('stage_change', 'kpm_id = $1', [profile.id])).toBe(0);

    for (const to of ['potential', 'candidate'])
      expect(
        (
          await assistant.request('POST', url, {
            to,
            reason: `Business is growing, moving to ${to}`,
          })
        ).status,
      ).toBe(200);
    const tooEarly = await assistant.request<ErrorBody>('POST', url, {
      to: 'graduated-self-reliant',
      reason: 'Family says they are ready',
    });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.fields?.map((f) => f.path)).toContain('criteria.income-per-capita');

    await assistant.request('POST', `/api/kpm/${profile.id}/assessments`, socioEconomic());
    const graduated = await assistant.request<Profile>('POST', url, {
      to: 'graduated-self-reliant',
      reason: 'Verified income above the line, two sources, savings',
    });
    expect(graduated.status).toBe(200);
    expect(graduated.body.stage).toBe('graduated-self-reliant');
    expect(graduated.body.stageHistory.map((s) => [s.from, s.to])).toEqual([
      ['active', 'potential'],
      ['potential', 'candidate'],
      ['candidate', 'graduated-self-reliant'],
    ]);
    expect(graduated.body.stageHistory[2]).toMatchObject({
      reason: 'Verified income above the line, two sources, savings',
      actorId: MATRAMAN_ASSISTANT,
      score: graduated.body.readiness.score,
    });
    expect(graduated.body.followUps.map((f) => f.monthsAfter)).toEqual([3, 6, 12]);
    expect(await count('kpm_audit', "kpm_id = $1 AND action LIKE 'stage:%'", [profile.id])).toBe(3);
    const closed = await assistant.request('POST', url, {
      to: 'active',
      reason: 'Trying to reopen the family',
    });
    expect(closed.status).toBe(409);

    const followUp = graduated.body.followUps[0]!;
    const recorded = await assistant.request<{ outcome: string }>(
      'POST',
      `/api/kpm/${profile.id}/follow-ups/${followUp.id}`,
      { outcome: 'stable', notes: 'Warung still open, income steady' },
    );
    expect(recorded.status).toBe(200);
    expect(recorded.body.outcome).toBe('stable');

    // The visit list: the 6-month visit made late by moving its date; 3 months is recorded and
    // 12 months is a year off, so neither is listed.
    await stack.db.query(
      `UPDATE caseload.follow_up SET due_on = current_date - 2 WHERE kpm_id = $1 AND months_after = 6`,
      [profile.id],
    );
    type DueList = {
      items: { kpmId: string; monthsAfter: number; overdue: boolean; headName: string }[];
      total: number;
    };
    const due = await assistant.request<DueList>('GET', '/api/graduation/follow-ups?withinDays=7');
    expect(due.status).toBe(200);
    expect(due.body.items.filter((f) => f.kpmId === profile.id)).toEqual([
      expect.objectContaining({ monthsAfter: 6, overdue: true, headName: profile.headName }),
    ]);
    const regional = await coordinator.request<DueList>('GET', '/api/graduation/follow-ups');
    expect(regional.body.items.map((f) => f.kpmId)).toContain(profile.id);
    const tooFar = await assistant.request<ErrorBody>(
      'GET',
      '/api/graduation/follow-ups?withinDays=400',
    );
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.fields?.map((f) => f.path)).toEqual(['withinDays']);
  });

  it('applies per-region criteria set by the coordinator', async () => {
    const refused = await assistant.request('PUT', '/api/graduation/criteria/31.75.01', {
      readyScore: 10,
      criteria: [{ key: 'savings', kind: 'essential', weight: 1, evidence: 'self-reported' }],
    });
    expect(refused.status).toBe(403);
    const invalid = await coordinator.request<ErrorBody>(
      'PUT',
      '/api/graduation/criteria/31.75.01.1006',
      {
        readyScore: 50,
        criteria: [
          { key: 'savings', kind: 'essential', weight: 1, evidence: 'self-reported' },
          { key: 'savings', kind: 'conditional', weight: 20, evidence: 'self-reported' },
        ],
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.fields?.map((f) => f.path).sort()).toEqual([
      'criteria.1.key',
      'criteria.1.weight',
    ]);

    const profile = await register(assistant, { villageCode: '31.75.01.1006' });
    const set = await coordinator.request('PUT', '/api/graduation/criteria/31.75.01.1006', {
      readyScore: 50,
      criteria: [
        { key: 'savings', kind: 'essential', weight: 1, evidence: 'self-reported' },
        { key: 'training-completed', kind: 'conditional', weight: 1, evidence: 'verified' },
      ],
    });
    expect(set.status).toBe(200);
    await assistant.request(
      'POST',
      `/api/kpm/${profile.id}/assessments`,
      socioEconomic({ verified: false }),
    );
    const scored = await assistant.request<Profile>('GET', `/api/kpm/${profile.id}`);
    expect(scored.body.readiness).toMatchObject({
      criteriaRegion: '31.75.01.1006',
      score: 50,
      ready: true,
    });
    expect(scored.body.flags).toContain('ready');
    const criteria = await assistant.request<{ regionCode: string }>(
      'GET',
      '/api/graduation/criteria/31.75.01.1006',
    );
    expect(criteria.body.regionCode).toBe('31.75.01.1006');
    expect(
      (
        await assistant.request<{ regionCode: string }>(
          'GET',
          '/api/graduation/criteria/31.75.01.1001',
        )
      ).body.regionCode,
    ).toBe('ID');

    const board = await assistant.request<{
      columns: { stage: string; cards: { id: string; readiness: { factors: unknown[] } }[] }[];
    }>('GET', '/api/graduation/board?regionCode=31.75.01.1006');
    expect(board.status).toBe(200);
    expect(board.body.columns.map((c) => c.stage)).toEqual(['active', 'potential', 'candidate']);
    const card = board.body.columns[0]!.cards.find((c) => c.id === profile.id);
    expect(card?.readiness.factors).toHaveLength(2);
  });

  it('folds P2K2 attendance and trainings from other services into readiness, once per event', async () => {
    const profile = await register(assistant);
    const kafka = new kafkajs.Kafka({
      clientId: 'e2e-signals',
      brokers: stack.brokers,
      logLevel: kafkajs.logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const envelope = (type: string, payload: object) => ({
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'training',
      actor: null,
      correlationId: randomUUID(),
      aggregateId: profile.id,
      payload,
    });
    const attended = (i: number) =>
      envelope('p2k2.attendance-recorded', {
        sessionId: randomUUID(),
        kpmId: profile.id,
        module: 'economy',
        heldOn: `2026-0${i + 1}-15`,
        attended: i !== 3,
      });
    const events = [0, 1, 2, 3].map(attended);
    const training = envelope('training.completed', {
      enrolmentId: randomUUID(),
      kpmId: profile.id,
      title: 'Pembukuan usaha mikro',
      completedOn: '2026-10-20',
    });
    const send = (items: object[]) =>
      producer.send({
        topic: TOPICS.events.training,
        messages: items.map((item) => ({ key: profile.id, value: JSON.stringify(item) })),
      });
    await send([...events, training]);

    const factor = async (key: string) =>
      (
        await assistant.request<Profile>('GET', `/api/kpm/${profile.id}`)
      ).body.readiness.factors.find((f) => f.key === key)!;
    expect(
      (
        await eventually(
          () => factor('p2k2-attendance'),
          (f) => f.observed === 'attended 3 of 4 sessions',
        )
      ).met,
    ).toBe(true);
    expect(await factor('training-completed')).toMatchObject({
      met: true,
      observed: '1 training(s) completed',
    });

    // The same events again (a redelivery): nothing changes.
    await send([...events, training]);
    const marker = envelope('p2k2.attendance-recorded', {
      sessionId: randomUUID(),
      kpmId: profile.id,
      module: 'health',
      heldOn: '2026-11-15',
      attended: true,
    });
    await send([marker]);
    const after = await eventually(
      () => factor('p2k2-attendance'),
      (f) => f.observed !== 'attended 3 of 4 sessions',
    );
    expect(after.observed).toBe('attended 4 of 5 sessions');
    expect(await factor('training-completed')).toMatchObject({
      observed: '1 training(s) completed',
    });
    await producer.disconnect();
  });
});

describe('cases, benefits and compliance', () => {
  interface CaseBody {
    id: string;
    status: string;
    notes: { text: string; status: string | null }[];
  }

  it('works a case through its statuses and keeps child protection from the Dinas', async () => {
    const profile = await register(assistant);
    const opened = await assistant.request<CaseBody>('POST', `/api/kpm/${profile.id}/cases`, {
      kind: 'zero-balance',
      summary: 'Tahap 3 not credited to the KKS account',
    });
    expect(opened.status).toBe(201);
    const noted = await assistant.request<CaseBody>('POST', `/api/cases/${opened.body.id}/notes`, {
      note: 'Reported to the bank branch with the card',
      status: 'referred',
    });
    expect(noted.status).toBe(200);
    const resolved = await assistant.request<CaseBody>(
      'POST',
      `/api/cases/${opened.body.id}/notes`,
      {
        note: 'Balance credited after the bank fixed the account',
        status: 'resolved',
      },
    );
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.notes.map((n) => n.status)).toEqual(['referred', 'resolved']);
    const reopen = await assistant.request('POST', `/api/cases/${opened.body.id}/notes`, {
      note: 'Trying to reopen',
      status: 'open',
    });
    expect(reopen.status).toBe(409);
    expect(
      await count(
        'outbox_event',
        "key = $1 AND envelope->>'type' IN ('case.opened', 'case.resolved')",
        [profile.id],
      ),
    ).toBe(2);

    const protection = await assistant.request<CaseBody>('POST', `/api/kpm/${profile.id}/cases`, {
      kind: 'child-protection',
      summary: 'Signs of neglect reported by a neighbour',
    });
    expect(protection.status).toBe(201);
    const dinasView = await dinas.request<{ cases: { kind: string }[] }>(
      'GET',
      `/api/kpm/${profile.id}`,
    );
    expect(dinasView.body.cases.map((c) => c.kind)).toEqual(['zero-balance']);
    const coordinatorView = await coordinator.request<{ cases: { kind: string }[] }>(
      'GET',
      `/api/kpm/${profile.id}`,
    );
    expect(coordinatorView.body.cases.map((c) => c.kind).sort()).toEqual([
      'child-protection',
      'zero-balance',
    ]);
    const dinasList = await dinas.request<{ items: { id: string }[] }>(
      'GET',
      `/api/cases?kpmId=${profile.id}`,
    );
    expect(dinasList.body.items.map((c) => c.id)).toEqual([opened.body.id]);
    expect(
      (await dinas.request('POST', `/api/cases/${protection.body.id}/notes`, { note: 'Looking' }))
        .status,
    ).toBe(403);
  });

  it('flags saldo nol, a card held by the assistant, and non-compliance with its reason', async () => {
    const profile = await register(assistant, { pkhEntryYear: 2024 });
    const url = `/api/kpm/${profile.id}/disbursements`;
    const stage = (stageNo: number, amount: number, cardHolder = 'family') => ({
      year: 2026,
      stage: stageNo,
      amount,
      disbursedOn: `2026-0${stageNo * 3}-20`,
      cardHolder,
    });
    await assistant.request('POST', url, stage(1, 750_000));
    const gap = await assistant.request<{ flags: string[] }>('POST', url, stage(3, 750_000));
    expect(gap.body.flags).toEqual(['missed-stage']); // tahap 2 has no record
    expect(
      (await assistant.request<{ flags: string[] }>('POST', url, stage(2, 750_000))).body.flags,
    ).toEqual([]);
    const zero = await assistant.request<{ flags: string[] }>(
      'POST',
      url,
      stage(3, 0, 'assistant'),
    );
    expect(zero.body.flags).toEqual(['zero-balance', 'card-misheld']);
    const flagged = await assistant.request<Page>(
      'GET',
      `/api/kpm?flag=card-misheld&q=${(await assistant.request<Profile>('GET', `/api/kpm/${profile.id}`)).body.nik}`,
    );
    expect(flagged.body.items.map((i) => i.id)).toEqual([profile.id]);

    const noReason = await assistant.request<ErrorBody>(
      'POST',
      `/api/kpm/${profile.id}/compliance`,
      {
        period: '2026-10',
        education: { met: false },
      },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.path)).toEqual(['education.reason']);
    const missed = await assistant.request<{ flags: string[] }>(
      'POST',
      `/api/kpm/${profile.id}/compliance`,
      {
        period: '2026-10',
        education: { met: false, reason: 'Putri absent 9 days in October' },
        health: { met: true },
      },
    );
    expect(missed.status).toBe(200);
    expect(missed.body.flags).toContain('non-compliant');
    expect(await count('kpm_audit', "kpm_id = $1 AND action = 'non-compliant'", [profile.id])).toBe(
      1,
    );
    const fixed = await assistant.request<{ flags: string[] }>(
      'POST',
      `/api/kpm/${profile.id}/compliance`,
      {
        period: '2026-11',
        education: { met: true },
      },
    );
    expect(fixed.body.flags).not.toContain('non-compliant');
  });
});

describe('business bookkeeping', () => {
  it('keeps the cash book and sums it per month for the profile', async () => {
    const profile = await register(assistant);
    const url = `/api/kpm/${profile.id}/ledger`;
    const recorded = await assistant.request<{
      months: { month: string; income: number; expense: number; net: number }[];
    }>('POST', url, {
      entries: [
        { on: '2026-09-05', kind: 'income', amount: 1_200_000, note: 'Catering arisan' },
        { on: '2026-09-20', kind: 'expense', amount: 450_000, note: 'Beras dan minyak' },
        { on: '2026-10-02', kind: 'income', amount: 900_000 },
      ],
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.months).toEqual([
      { month: '2026-10', income: 900_000, expense: 0, net: 900_000 },
      { month: '2026-09', income: 1_200_000, expense: 450_000, net: 750_000 },
    ]);
    const bad = await assistant.request<ErrorBody>('POST', url, {
      entries: [{ on: '2026-09-05', kind: 'gift', amount: -1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.path).sort()).toEqual([
      'entries.0.amount',
      'entries.0.kind',
    ]);
    expect(
      (
        await otherAssistant.request('POST', url, {
          entries: [{ on: '2026-09-05', kind: 'income', amount: 1 }],
        })
      ).status,
    ).toBe(403);
    const seen = await coordinator.request<{ ledger: { months: unknown[]; recent: unknown[] } }>(
      'GET',
      `/api/kpm/${profile.id}`,
    );
    expect(seen.body.ledger.months).toHaveLength(2);
    expect(seen.body.ledger.recent).toHaveLength(3);
  });
});

describe('CSV import', () => {
  interface ImportBody {
    id: string;
    status: string;
    rowsReceived: number;
    rowsInserted: number;
    rowsAlreadyRegistered: number;
    rowsInvalid: number;
    errors: number;
    failure: string | null;
  }
  const villages = ['31.75.01.1002', '31.75.01.1004', '31.75.01.1005'];
  const offset = 2_000_000 + Math.floor(Math.random() * 1_000_000);
  const csv = [...familyImportLines(500, villages, { invalidEvery: 50, offset })].join('\n');

  const upload = (client: GatewayClient, body: string, query = '') =>
    client.request<ImportBody & ErrorBody>(
      'POST',
      `/api/imports?fileName=keluarga.csv${query}`,
      body,
      {
        'content-type': 'text/csv',
      },
    );
  const finished = (client: GatewayClient, id: string) =>
    eventually(
      async () => (await client.request<ImportBody>('GET', `/api/imports/${id}`)).body,
      (job) => job.status === 'completed' || job.status === 'failed',
      60_000,
    );
  const matramanCount = async () =>
    (await dinas.request<{ total: number }>('GET', '/api/regions/kpm-counts?regionCode=31.75.01'))
      .body.total;

  it('adds the valid rows, reports the invalid ones by line and field, and counts them per region', async () => {
    const countedBefore = await matramanCount();
    const started = await upload(assistant, csv);
    expect(started.status).toBe(202);
    const job = await finished(assistant, started.body.id);
    expect(job).toMatchObject({
      status: 'completed',
      rowsReceived: 500,
      rowsInserted: 490,
      rowsInvalid: 10,
    });
    expect(await count('kpm', 'import_id = $1', [job.id])).toBe(490);
    expect(
      await count('kpm_member', 'kpm_id IN (SELECT id FROM caseload.kpm WHERE import_id = $1)', [
        job.id,
      ]),
    ).toBe(490);

    const report = await fetch(`${stack.gatewayUrl}/api/imports/${job.id}/errors.csv`, {
      headers: { authorization: `Bearer ${assistant.token}` },
    });
    expect(report.status).toBe(200);
    const lines = (await report.text()).trim().split('\n');
    expect(lines[0]).toBe('line,field,reason');
    expect(lines).toContain('51,nik_pengurus,must be exactly 16 digits'); // row 50 is on line 51
    expect(lines).toContain('101,kode_kelurahan,is not a village in idn-area-data');
    expect(lines).toContain('151,nama_pengurus,must have 2-120 characters');
    expect(
      lines.some((line) => line.startsWith('201,nik_pengurus,repeats the NIK of line 200')),
    ).toBe(true);
    expect(await eventually(matramanCount, (n) => n === countedBefore + 490)).toBe(
      countedBefore + 490,
    );

    // Someone else's import is not visible; the assistant's list now holds the families.
    expect((await otherAssistant.request('GET', `/api/imports/${job.id}`)).status).toBe(404);
    const listed = await assistant.request<Page>('GET', '/api/kpm?q=Rahayu 12&limit=5');
    expect(listed.body.total).toBeGreaterThan(0);
  });

  it('changes nothing when the same file is imported again', async () => {
    const [families, assignments] = [await count('kpm'), await count('kpm_assignment')];
    const again = await upload(assistant, csv);
    expect(again.status).toBe(202);
    const job = await finished(assistant, again.body.id);
    expect(job).toMatchObject({
      status: 'completed',
      rowsInserted: 0,
      rowsAlreadyRegistered: 490,
      rowsInvalid: 10,
    });
    expect([await count('kpm'), await count('kpm_assignment')]).toEqual([families, assignments]);
  });

  it('refuses a file without the required columns, and callers who may not import', async () => {
    const before = await count('kpm');
    const missing = await upload(assistant, 'nik_pengurus,alamat\n3175014101000001,Jl. Contoh');
    expect(missing.status).toBe(400);
    expect(missing.body.fields?.map((f) => f.path)).toEqual([
      'header.nama_pengurus',
      'header.kode_kelurahan',
      'header.tahun_masuk_pkh',
    ]);
    expect((await upload(coordinator, csv)).status).toBe(400); // names no assistant
    expect((await upload(partner, csv)).status).toBe(403);
    const forOther = await upload(
      coordinator,
      csv,
      `&assistantId=00000000-0000-4000-8000-000000000005`,
    );
    expect(forOther.status).toBe(400); // that assistant works in Depok
    expect(await count('kpm')).toBe(before);
  });

  it('fails an import its instance abandoned, and never one that another instance is still running', async () => {
    // An import in its background phase on another instance: that instance holds the job's lease.
    const jobId = randomUUID();
    const lease = await WorkLease.take(
      { url: stack.env.DATABASE_URL, schema: 'caseload' },
      'import-job',
      jobId,
    );
    await stack.db.query(
      `INSERT INTO caseload.import_job (id, file_name, sha256, assistant_id, status, started_by,
         started_by_role, correlation_id)
       VALUES ($1, 'keluarga.csv', repeat('0', 64), 'a', 'inserting', 'a', 'assistant', 'c')`,
      [jobId],
    );
    const status = async () =>
      (await stack.db.query(`SELECT status FROM caseload.import_job WHERE id = $1`, [jobId]))
        .rows[0].status;

    try {
      // This instance restarts (its boot sweeps for abandoned imports): the other's goes on.
      await stack.kill('caseload');
      await stack.start('caseload');
      expect(await status()).toBe('inserting');
    } finally {
      // The other instance stops; the next sweep finds the job without its lease.
      await lease.release();
    }
    await stack.kill('caseload');
    await stack.start('caseload');
    expect(await status()).toBe('failed');
  });
});
