import { randomUUID } from 'node:crypto';
import { TOPICS } from '@jembatan/contracts';
import { familyImportLines } from '@jembatan/infra/fixtures';
import { startStack, type Stack } from '@jembatan/infra/stack';
import kafkajs from 'kafkajs';
import { GatewayClient, eventually, family, recentEvening } from './api.js';

// Training and mentoring through the gateway against the real services: P2K2 planning and
// attendance, partner trainings (prerequisites, capacity, waitlist, completion), tutors and
// assistants' courses, and what caseload hears of it.

interface ErrorBody {
  error: string;
  fields?: { path: string; message: string }[];
}
interface GroupView {
  groupId: string;
  families: number;
  delivered: string[];
  next: { module: string; sessionNo: number } | null;
  attendanceRate: number | null;
}
interface SessionView {
  id: string;
  module: string;
  sessionNo: number;
  status: string;
  attended: number;
  invited: number;
  checkIn: { late: boolean; latitude: number; hasPhoto: boolean } | null;
  roster?: { kpmId: string; headName: string; present: boolean | null }[];
}
interface NominationView {
  id: string;
  kpmId: string;
  headName: string;
  status: string;
  waitlistPosition: number | null;
  certificateNo: string | null;
}
interface Factor {
  key: string;
  met: boolean;
  observed: string;
}

let stack: Stack;
let assistant: GatewayClient;
let otherAssistant: GatewayClient;
let coordinator: GatewayClient;
let provider: GatewayClient;
let bank: GatewayClient;
let tutor: GatewayClient;

const today = () => new Date().toISOString().slice(0, 10);

async function group(name: string): Promise<string> {
  const created = await assistant.request<{ id: string }>('POST', '/api/groups', {
    name: `${name} ${randomUUID().slice(0, 6)}`,
    villageCode: '31.75.01.1001',
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function register(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await assistant.request<{ id: string }>('POST', '/api/kpm', family(overrides));
  expect(created.status).toBe(201);
  return created.body.id;
}

/** Records a business assessment: `monthsAgo` since the business started. */
async function business(kpmId: string, monthsAgo: number, kind = 'food') {
  const started = new Date();
  started.setUTCMonth(started.getUTCMonth() - monthsAgo);
  const recorded = await assistant.request('POST', `/api/kpm/${kpmId}/assessments`, {
    instrument: 'business',
    version: 1,
    assessedOn: today(),
    verified: true,
    answers: {
      kind,
      description: 'Warung nasi uduk',
      startedOn: started.toISOString().slice(0, 10),
      monthlyRevenue: 3_000_000,
      monthlyCosts: 1_800_000,
      keepsBooks: true,
      workers: 1,
    },
  });
  expect(recorded.status).toBe(201);
}

async function p2k2Group(groupId: string, families: number): Promise<GroupView> {
  return eventually(
    async () =>
      (await assistant.request<{ items: GroupView[] }>('GET', '/api/p2k2/groups')).body.items.find(
        (g) => g.groupId === groupId,
      ),
    (g) => g?.families === families,
  ).then((g) => {
    expect(g?.families).toBe(families);
    return g!;
  });
}

const factor = async (kpmId: string, key: string) =>
  (
    await assistant.request<{ readiness: { factors: Factor[] } }>('GET', `/api/kpm/${kpmId}`)
  ).body.readiness.factors.find((f) => f.key === key)!;

beforeAll(async () => {
  stack = await startStack('training', 4600);
  const anonymous = new GatewayClient(stack.gatewayUrl);
  assistant = await anonymous.login('pendamping.matraman');
  otherAssistant = await anonymous.login('pendamping.cimanggis');
  coordinator = await anonymous.login('koordinator.jaktim');
  provider = await anonymous.login('mitra.pelatihan');
  bank = await anonymous.login('mitra.bank');
  tutor = await anonymous.login('tutor.ani');
});

afterAll(async () => {
  await stack?.stop();
});

describe('P2K2 sessions', () => {
  it('plans within the availability, refuses double-booking, holds a session and reports attendance', async () => {
    const groupId = await group('Kelompok Melati');
    const kpmIds = [
      await register({ groupId, headName: 'Ani Lestari' }),
      await register({ groupId, headName: 'Budi Hartono' }),
      await register({ groupId, headName: 'Citra Dewi' }),
    ];
    const fresh = await p2k2Group(groupId, 3);
    expect(fresh).toMatchObject({ delivered: [], next: { module: 'economy', sessionNo: 1 } });

    const evening = recentEvening();
    const slot = { weekday: evening.weekday, from: '19:00', to: '21:00' };
    const set = await assistant.request('PUT', `/api/p2k2/groups/${groupId}/availability`, {
      slots: [slot],
    });
    expect(set.status).toBe(200);

    // Morning of the same day: the group works then.
    const morning = new Date(Date.parse(evening.startsAt) - 10 * 3_600_000).toISOString();
    const outside = await assistant.request<ErrorBody>('POST', '/api/p2k2/sessions', {
      groupId,
      startsAt: morning,
      place: 'Balai RW 05',
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error).toBe('outside-availability');
    expect(outside.body.fields?.[0]?.path).toBe('startsAt');

    const planned = await assistant.request<SessionView>('POST', '/api/p2k2/sessions', {
      groupId,
      startsAt: evening.startsAt,
      durationMinutes: 90,
      place: 'Balai RW 05',
    });
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({ module: 'economy', sessionNo: 1, status: 'planned' });

    // Planning ahead: the next plan suggests the session after the one already planned.
    const ahead = await assistant.request<SessionView>('POST', '/api/p2k2/sessions', {
      groupId,
      startsAt: new Date(Date.parse(evening.startsAt) + 7 * 86_400_000).toISOString(),
      place: 'Balai RW 05',
    });
    expect(ahead.body).toMatchObject({ module: 'economy', sessionNo: 2, status: 'planned' });

    // Another of the assistant's groups, same evening, overlapping: the assistant is booked.
    const otherGroup = await group('Kelompok Mawar');
    await register({ groupId: otherGroup });
    await p2k2Group(otherGroup, 1);
    const clash = await assistant.request<ErrorBody>('POST', '/api/p2k2/sessions', {
      groupId: otherGroup,
      startsAt: new Date(Date.parse(evening.startsAt) + 30 * 60_000).toISOString(),
      place: 'Musala Al-Ikhlas',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toBe('double-booked');

    // The sheet: every family of the group, none marked yet; other assistants do not see it.
    const sheet = await assistant.request<SessionView>(
      'GET',
      `/api/p2k2/sessions/${planned.body.id}`,
    );
    expect(sheet.body.roster?.map((r) => r.headName)).toEqual([
      'Ani Lestari',
      'Budi Hartono',
      'Citra Dewi',
    ]);
    expect(
      (await otherAssistant.request('GET', `/api/p2k2/sessions/${planned.body.id}`)).status,
    ).toBe(403);

    const checkIn = {
      at: new Date(Date.parse(evening.startsAt) + 20 * 60_000).toISOString(),
      latitude: -6.2107,
      longitude: 106.8599,
      accuracyMeters: 12,
    };
    const incomplete = await assistant.request<ErrorBody>(
      'POST',
      `/api/p2k2/sessions/${planned.body.id}/attendance`,
      { attendance: [{ kpmId: kpmIds[0], present: true }], checkIn },
    );
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.fields?.map((f) => f.path)).toContain('attendance');

    const attendance = kpmIds.map((kpmId, i) => ({ kpmId, present: i !== 2 }));
    const held = await assistant.request<SessionView>(
      'POST',
      `/api/p2k2/sessions/${planned.body.id}/attendance`,
      { attendance, notes: 'Materi: anggaran rumah tangga', checkIn },
    );
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'held', invited: 3, attended: 2 });
    expect(held.body.checkIn).toMatchObject({ late: true, latitude: -6.2107 });
    const again = await assistant.request<ErrorBody>(
      'POST',
      `/api/p2k2/sessions/${planned.body.id}/attendance`,
      { attendance, checkIn },
    );
    expect(again.status).toBe(409);

    // The optional photo streams to training over HTTP; its bytes decide its type, not its name.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
    const photoUrl = `${stack.gatewayUrl}/api/p2k2/sessions/${planned.body.id}/photo`;
    const send = (client: GatewayClient, body: Buffer, type = 'image/jpeg') =>
      fetch(photoUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}`, 'content-type': type },
        body,
      });
    expect((await send(assistant, Buffer.from('not an image at all'))).status).toBe(415);
    expect((await send(otherAssistant, jpeg)).status).toBe(403);
    expect((await send(assistant, jpeg)).status).toBe(200);
    const photo = await fetch(photoUrl, {
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await photo.arrayBuffer()).equals(jpeg)).toBe(true);
    const withPhoto = await assistant.request<SessionView>(
      'GET',
      `/api/p2k2/sessions/${planned.body.id}`,
    );
    expect(withPhoto.body.checkIn).toMatchObject({ hasPhoto: true });

    const progressed = await assistant.request<{ items: GroupView[] }>('GET', '/api/p2k2/groups');
    expect(progressed.body.items.find((g) => g.groupId === groupId)).toMatchObject({
      delivered: ['economy-1'],
      next: { module: 'economy', sessionNo: 2 },
      attendanceRate: 67,
    });

    // Caseload hears the attendance family by family.
    const came = await eventually(
      () => factor(kpmIds[0]!, 'p2k2-attendance'),
      (f) => f.observed === 'attended 1 of 1 sessions',
    );
    expect(came.observed).toBe('attended 1 of 1 sessions');
    const missed = await eventually(
      () => factor(kpmIds[2]!, 'p2k2-attendance'),
      (f) => f.observed === 'attended 0 of 1 sessions',
    );
    expect(missed.met).toBe(false);

    const day = evening.startsAt.slice(0, 10);
    const calendar = await coordinator.request<{ items: SessionView[] }>(
      'GET',
      `/api/p2k2/sessions?from=${day}&to=${day}`,
    );
    expect(calendar.body.items.map((s) => s.id)).toContain(planned.body.id);
    // A day is the village's day: the session is not on the next day's calendar.
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const tomorrow = await coordinator.request<{ items: SessionView[] }>(
      'GET',
      `/api/p2k2/sessions?from=${next}&to=${next}`,
    );
    expect(tomorrow.body.items.map((s) => s.id)).not.toContain(planned.body.id);
  });
});

describe('families from a CSV import', () => {
  it('reach training in batches of cards, with their groups', async () => {
    const village = '31.75.01.1003';
    const rows = 1_200; // three batches of cards
    const csv = [
      ...familyImportLines(rows, [village], {
        offset: 5_000_000 + Math.floor(Math.random() * 1e6),
      }),
    ].join('\n');
    const started = await assistant.request<{ id: string }>(
      'POST',
      '/api/imports?fileName=kelompok.csv',
      csv,
      { 'content-type': 'text/csv' },
    );
    expect(started.status).toBe(202);
    // Every fourth row has no group; the rest are spread over 25 groups.
    const grouped = rows - rows / 4;
    const total = async () =>
      (
        await assistant.request<{ items: GroupView[] }>(
          'GET',
          `/api/p2k2/groups?regionCode=${village}`,
        )
      ).body.items.reduce((sum, g) => sum + g.families, 0);
    expect(await eventually(total, (n) => n === grouped, 60_000)).toBe(grouped);
  });
});

describe('partner trainings', () => {
  it('checks prerequisites, waitlists beyond capacity, lets the partner accept, completes once into readiness', async () => {
    const [ready1, ready2, ready3, young, none] = [
      await register({ headName: 'Dewi Sartika' }),
      await register({ headName: 'Eka Putri' }),
      await register({ headName: 'Fitri Handayani' }),
      await register({ headName: 'Gita Nirmala' }),
      await register({ headName: 'Hana Pertiwi' }),
    ];
    for (const id of [ready1, ready2, ready3]) await business(id!, 8);
    await business(young!, 2);

    const posted = await provider.request<{ offerId: string }>('POST', '/api/trainings', {
      title: 'Pengemasan dan Label Produk Pangan',
      description: 'Kemasan, label, izin PIRT',
      regionCode: '31.75',
      place: 'BLK Jakarta Timur',
      startsOn: today(),
      endsOn: today(),
      meetings: 4,
      capacity: 2,
      prerequisites: { minBusinessMonths: 6, businessKinds: ['food'] },
    });
    expect(posted.status).toBe(201);
    const offerId = posted.body.offerId;
    await eventually(
      () => assistant.request('GET', `/api/trainings/${offerId}`),
      (r) => r.status === 200,
    );
    // Training knows each family's business once caseload's card arrives.
    await eventually(
      () =>
        assistant.request<{ families: { note: unknown }[] }>('POST', '/api/tutors/matches', {
          kpmIds: [ready1, ready2, ready3, young],
        }),
      (r) => r.body.families?.every((f) => f.note === null),
    );

    const nominate = (kpmId: string, body: Record<string, unknown> = { consent: true }) =>
      assistant.request<NominationView & ErrorBody>(
        'POST',
        `/api/trainings/${offerId}/nominations`,
        {
          kpmId,
          ...body,
        },
      );
    const noConsent = await nominate(ready1!, {});
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.fields?.[0]?.path).toBe('consent');

    const tooYoung = await nominate(young!);
    expect(tooYoung).toMatchObject({ status: 422, body: { error: 'prerequisites-not-met' } });
    expect(tooYoung.body.fields).toEqual([
      {
        path: 'prerequisites.minBusinessMonths',
        message: 'the business has run 2 months, the training needs 6',
      },
    ]);
    const noBusiness = await nominate(none!);
    expect(noBusiness.status).toBe(422);
    expect(noBusiness.body.fields?.[0]?.message).toMatch(/no business recorded/);

    const first = await nominate(ready1!);
    const second = await nominate(ready2!);
    const third = await nominate(ready3!);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect([first.body.status, second.body.status, third.body.status]).toEqual([
      'nominated',
      'nominated',
      'waitlisted',
    ]);
    expect(third.body.waitlistPosition).toBe(1);
    expect((await nominate(ready1!)).status).toBe(409);

    // The partner sees the nominations (names, no NIK); another partner does not see the training.
    const seen = await provider.request<{
      nominations: (NominationView & { nik?: string })[];
      awaitingAnswer: number;
      waitlisted: number;
    }>('GET', `/api/trainings/${offerId}`);
    // Two wait for the partner's answer (the partner's home counts them); one waits for a seat.
    expect(seen.body).toMatchObject({ awaitingAnswer: 2, waitlisted: 1 });
    expect(seen.body.nominations.map((n) => n.headName)).toEqual([
      'Dewi Sartika',
      'Eka Putri',
      'Fitri Handayani',
    ]);
    expect(seen.body.nominations.every((n) => n.nik === undefined)).toBe(true);
    expect((await bank.request('GET', `/api/trainings/${offerId}`)).status).toBe(404);
    expect(
      (
        await assistant.request('POST', `/api/nominations/${first.body.id}/decision`, {
          decision: 'accept',
        })
      ).status,
    ).toBe(403);

    const accepted = await provider.request<NominationView>(
      'POST',
      `/api/nominations/${first.body.id}/decision`,
      {
        decision: 'accept',
      },
    );
    expect(accepted.body.status).toBe('accepted');
    const declined = await provider.request<NominationView>(
      'POST',
      `/api/nominations/${second.body.id}/decision`,
      {
        decision: 'decline',
        reason: 'Jadwal bentrok dengan pekerjaan',
      },
    );
    expect(declined.body.status).toBe('declined');
    // The freed seat goes to the waitlist's first family.
    const after = await provider.request<{ nominations: NominationView[] }>(
      'GET',
      `/api/trainings/${offerId}`,
    );
    expect(after.body.nominations.find((n) => n.id === third.body.id)?.status).toBe('nominated');
    expect((after.body as unknown as { awaitingAnswer: number }).awaitingAnswer).toBe(1);

    for (const meetingNo of [1, 2]) {
      const recorded = await provider.request('POST', `/api/trainings/${offerId}/attendance`, {
        meetingNo,
        attendance: [{ nominationId: first.body.id, present: true }],
      });
      expect(recorded.status).toBe(200);
    }
    const tooFew = await provider.request<ErrorBody>(
      'POST',
      `/api/nominations/${first.body.id}/completion`,
      {
        completedOn: today(),
      },
    );
    expect(tooFew.status).toBe(422);
    expect(tooFew.body.fields?.[0]?.message).toBe('attended 2 of 4 meetings, completion needs 3');
    await provider.request('POST', `/api/trainings/${offerId}/attendance`, {
      meetingNo: 3,
      attendance: [{ nominationId: first.body.id, present: true }],
    });
    const completed = await provider.request<NominationView>(
      'POST',
      `/api/nominations/${first.body.id}/completion`,
      {
        completedOn: today(),
      },
    );
    expect(completed.status).toBe(200);
    expect(completed.body.certificateNo).toMatch(/^JBT-\d{4}-[0-9A-F]{8}$/);

    const certificate = await fetch(
      `${stack.gatewayUrl}/api/nominations/${first.body.id}/certificate`,
      {
        headers: { authorization: `Bearer ${assistant.token}` },
      },
    );
    expect(certificate.status).toBe(200);
    expect(certificate.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await certificate.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const trained = await eventually(
      () => factor(ready1!, 'training-completed'),
      (f) => f.met,
    );
    expect(trained.observed).toBe('1 training(s) completed');

    // Redeliver the very event training published, then a marker behind it on the same key.
    const { rows } = await stack.db.query(
      `SELECT envelope FROM training.outbox_event WHERE event_type = 'training.completed.v1' AND key = $1`,
      [ready1],
    );
    expect(rows).toHaveLength(1);
    const kafka = new kafkajs.Kafka({
      clientId: 'e2e-redeliver',
      brokers: stack.brokers,
      logLevel: kafkajs.logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const marker = {
      ...rows[0].envelope,
      id: randomUUID(),
      type: 'p2k2.attendance-recorded',
      payload: {
        sessionId: randomUUID(),
        kpmId: ready1,
        module: 'health',
        heldOn: today(),
        attended: true,
      },
    };
    await producer.send({
      topic: TOPICS.events.training,
      messages: [rows[0].envelope, marker].map((e) => ({ key: ready1!, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
    await eventually(
      () => factor(ready1!, 'p2k2-attendance'),
      (f) => f.observed === 'attended 1 of 1 sessions',
    );
    expect((await factor(ready1!, 'training-completed')).observed).toBe('1 training(s) completed');
  });
});

describe('business tutors and courses', () => {
  it('matches a family to a tutor with reasons, keeps a mentoring plan to completion', async () => {
    const saved = await tutor.request<{ id: string }>('PUT', '/api/tutors/me', {
      name: 'Ani Suryani',
      expertise: ['culinary', 'bookkeeping'],
      areaCode: '31.75.01',
      capacity: 1,
    });
    expect(saved.status).toBe(200);
    const [a, b] = [
      await register({ headName: 'Intan Permata' }),
      await register({ headName: 'Joko Susilo' }),
    ];
    await business(a!, 12);
    await business(b!, 12);
    const matched = await eventually(
      () =>
        assistant.request<{
          families: { kpmId: string; tutors: { tutorId: string; reasons: { code: string }[] }[] }[];
        }>('POST', '/api/tutors/matches', { kpmIds: [a, b] }),
      (r) => r.body.families?.every((f) => f.tutors.length > 0),
    );
    const best = matched.body.families[0]!.tutors[0]!;
    expect(best.tutorId).toBe(saved.body.id);
    expect(best.reasons.map((r) => r.code)).toEqual([
      'expertise-matches-business',
      'general-business-skills',
      'same-district',
      'free-places',
    ]);

    const plan = await assistant.request<{ id: string; status: string }>('POST', '/api/mentoring', {
      tutorId: saved.body.id,
      kpmId: a,
      goals: ['Menghitung harga pokok', 'Kemasan untuk dijual di warung'],
      consent: true,
    });
    expect(plan.status).toBe(201);
    const full = await assistant.request<ErrorBody>('POST', '/api/mentoring', {
      tutorId: saved.body.id,
      kpmId: b,
      goals: ['Pembukuan'],
      consent: true,
    });
    expect(full.status).toBe(409);
    expect(full.body.error).toBe('tutor-full');

    const mentees = await tutor.request<{ items: { id: string; headName: string }[] }>(
      'GET',
      '/api/mentoring',
    );
    expect(mentees.body.items.map((p) => p.headName)).toEqual(['Intan Permata']);
    const logged = await tutor.request<{ progress: number; logs: unknown[] }>(
      'POST',
      `/api/mentoring/${plan.body.id}/logs`,
      { on: today(), did: 'Menghitung HPP nasi uduk', progress: 60, nextStep: 'Coba kemasan baru' },
    );
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ progress: 60 });
    const done = await tutor.request<{ status: string; outcome: string }>(
      'POST',
      `/api/mentoring/${plan.body.id}/completion`,
      { outcome: 'achieved' },
    );
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'achieved' });
    expect(
      (
        await bank.request('POST', `/api/mentoring/${plan.body.id}/logs`, {
          on: today(),
          did: 'x y z',
          progress: 1,
          nextStep: 'x y z',
        })
      ).status,
    ).toBe(404);
  });

  it('records assistants’ courses and shows supervisors who still needs which topic', async () => {
    const course = await coordinator.request<{ id: string }>('POST', '/api/courses', {
      title: 'Pendamping sebagai broker sumber daya',
      topic: 'broker-role',
      hours: 16,
      provider: 'Dinas Sosial DKI',
    });
    expect(course.status).toBe(201);
    expect((await assistant.request('POST', `/api/courses/${course.body.id}/enrol`)).status).toBe(
      200,
    );
    const completed = await assistant.request<{ mine: string }>(
      'POST',
      `/api/courses/${course.body.id}/complete`,
    );
    expect(completed.body.mine).toBe('completed');
    const report = await coordinator.request<{
      items: { assistantId: string; name: string; completed: string[]; missing: string[] }[];
    }>('GET', '/api/courses/report');
    const siti = report.body.items.find((i) => i.name === 'Siti Rahayu');
    expect(siti?.completed).toEqual(['broker-role']);
    expect(siti?.missing).toContain('entrepreneurship');
    // Depok's assistant is outside the Jakarta Timur coordinator's report.
    expect(report.body.items.some((i) => i.name === 'Dewi Lestari')).toBe(false);
  });
});
