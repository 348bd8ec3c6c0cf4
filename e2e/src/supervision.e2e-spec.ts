import { randomUUID } from 'node:crypto';
import { DEFAULT_WORK_CALENDAR, TOPICS } from '@jembatan/contracts';
import { startStack, type Stack } from '@jembatan/infra/stack';
import kafkajs from 'kafkajs';
import {
  GatewayClient,
  MATRAMAN_OFFICE,
  eventually,
  family,
  officeOpenSinceMidnight,
} from './api.js';

// Supervision through the gateway against the real services: the roster from the gateway's
// account events, check-ins judged against the region's calendar, today's attendance by
// region, corrections with approval, meetings, announcements with read receipts, and the read
// models unchanged when every event is replayed from the start of its topic.

const SITI = '00000000-0000-4000-8000-000000000004'; // pendamping.matraman, 31.75.01
const RINA = '00000000-0000-4000-8000-000000000008'; // pendamping.jatinegara, 31.75.03
const DEWI = '00000000-0000-4000-8000-000000000005'; // pendamping.cimanggis, Depok

interface ErrorBody {
  error: string;
  fields?: { path: string; message: string }[];
}
interface Entry {
  id: string;
  kind: string;
  flags: string[];
  minutesLate: number;
  distanceM: number | null;
  corrected: boolean;
}
interface Counts {
  code: string | null;
  expected: number;
  present: number;
  late: number;
  missing: number;
}
interface Today {
  day: string;
  region: Counts;
  children: Counts[];
  assistants: { id: string; name: string; status: string; minutesLate: number }[];
  trend: { day: string; present: number; late: number }[];
}
interface RecordView {
  summary: { present: number; late: number; absent: number; meetingsMissed: number };
  days: { day: string; status: string }[];
  entries: Entry[];
  corrections: { id: string; status: string }[];
  meetingsMissed: { meetingId: string }[];
}

let stack: Stack;
let siti: GatewayClient;
let rina: GatewayClient;
let dewi: GatewayClient;
let coordinator: GatewayClient;
let depokCoordinator: GatewayClient;
let dinas: GatewayClient;
let today: string;

const todayIn = (client: GatewayClient, region: string) =>
  client.request<Today>('GET', `/api/attendance/today?regionCode=${region}`);

beforeAll(async () => {
  stack = await startStack('supervision', 4800);
  const anonymous = new GatewayClient(stack.gatewayUrl);
  siti = await anonymous.login('pendamping.matraman');
  rina = await anonymous.login('pendamping.jatinegara');
  dewi = await anonymous.login('pendamping.cimanggis');
  coordinator = await anonymous.login('koordinator.jaktim');
  depokCoordinator = await anonymous.login('koordinator.depok');
  dinas = await anonymous.login('dinas.jaktim');
  today = await officeOpenSinceMidnight(dinas, '31.75.01');
  // The roster comes from the gateway's account events: wait until Jakarta Timur's two are in.
  await eventually(
    async () => (await todayIn(dinas, '31.75')).body.region.expected,
    (n) => n === 2,
  );
});

afterAll(async () => {
  await stack?.stop();
});

describe('attendance', () => {
  it('flags a late check-in far from the office, refuses a second one, and counts it live', async () => {
    const farAway = { lat: MATRAMAN_OFFICE.lat + 0.02, lng: MATRAMAN_OFFICE.lng, accuracyM: 15 };
    const checkIn = await siti.request<Entry>('POST', '/api/attendance/check-in', {
      kind: 'office',
      location: farAway,
    });
    expect(checkIn.status).toBe(201);
    expect(checkIn.body.flags).toEqual(expect.arrayContaining(['late', 'far-from-place']));
    expect(checkIn.body.minutesLate).toBeGreaterThan(0);
    expect(checkIn.body.distanceM).toBeGreaterThan(2000);

    const again = await siti.request<ErrorBody>('POST', '/api/attendance/check-in', {
      kind: 'office',
      location: farAway,
    });
    expect(again.status).toBe(409);

    const badLocation = await siti.request<ErrorBody>('POST', '/api/attendance/check-in', {
      kind: 'home-visit',
      location: { lat: 120, lng: 106.8 },
    });
    expect(badLocation.status).toBe(400);
    expect(badLocation.body.fields?.map((f) => f.path)).toContain('location.lat');

    const city = await todayIn(dinas, '31.75');
    expect(city.status).toBe(200);
    expect(city.body.region).toMatchObject({ expected: 2, present: 1, late: 1, missing: 1 });
    expect(city.body.children.find((c) => c.code === '31.75.01')).toMatchObject({
      expected: 1,
      present: 1,
      late: 1,
    });
    expect(city.body.trend.at(-1)).toMatchObject({ day: today, present: 1, late: 1 });

    const district = await todayIn(coordinator, '31.75.01');
    expect(district.body.assistants).toEqual([
      expect.objectContaining({ id: SITI, status: 'late', minutesLate: checkIn.body.minutesLate }),
    ]);

    const checkOut = await siti.request<Entry & { checkOutAt: string }>(
      'POST',
      `/api/attendance/${checkIn.body.id}/check-out`,
      { location: farAway },
    );
    expect(checkOut.status).toBe(200);
    expect(checkOut.body.checkOutAt).toBeTruthy();
  });

  it('counts a check-in made offline at the time the phone recorded it, within 72 hours', async () => {
    const visit = (recordedAt: string) =>
      dewi.request<{
        checkInAt: string;
        recordedOffline: boolean;
        fields?: { path: string }[];
      }>('POST', '/api/attendance/check-in', {
        kind: 'home-visit',
        refId: randomUUID(),
        location: { lat: -6.3724, lng: 106.8346, accuracyM: 12 },
        recordedAt,
      });
    const madeAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const sent = await visit(madeAt);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ recordedOffline: true });
    expect(Date.parse(sent.body.checkInAt)).toBe(Date.parse(madeAt));
    for (const refused of [
      new Date(Date.now() + 60 * 60_000).toISOString(), // ahead of the server's clock
      new Date(Date.now() - 73 * 3_600_000).toISOString(), // waited too long on the phone
    ]) {
      const answer = await visit(refused);
      expect(answer.status).toBe(400);
      expect(answer.body.fields?.map((f) => f.path)).toEqual(['recordedAt']);
    }
  });

  it('keeps coordinators to their own region and assistants to their own record', async () => {
    expect((await todayIn(depokCoordinator, '31.75')).status).toBe(403);
    expect(
      (await depokCoordinator.request('GET', `/api/attendance/assistants/${SITI}`)).status,
    ).toBe(403);
    expect((await rina.request('GET', `/api/attendance/assistants/${SITI}`)).status).toBe(403);
    expect((await siti.request('GET', '/api/attendance/today?regionCode=31.75.01')).status).toBe(
      403,
    );
    // Calendars are the Dinas's, and only for its own region.
    const officeDays = { ...DEFAULT_WORK_CALENDAR };
    expect((await coordinator.request('PUT', '/api/calendar/31.75.01', officeDays)).status).toBe(
      403,
    );
    expect((await dinas.request('PUT', '/api/calendar/32.76', officeDays)).status).toBe(403);
  });

  it('corrects a day only with a reason and a coordinator of the region approving it', async () => {
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const noReason = await rina.request<ErrorBody>('POST', '/api/attendance/corrections', {
      day: yesterday,
      kind: 'office',
      checkInTime: '07:50',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.path)).toContain('reason');

    const tooShort = await rina.request<ErrorBody>('POST', '/api/attendance/corrections', {
      day: yesterday,
      kind: 'office',
      checkInTime: '07:50',
      reason: 'lupa',
    });
    expect(tooShort.status).toBe(400);

    const asked = await rina.request<{ id: string; status: string }>(
      'POST',
      '/api/attendance/corrections',
      {
        day: yesterday,
        kind: 'office',
        checkInTime: '07:50',
        checkOutTime: '16:05',
        reason: 'Sinyal hilang di kantor kecamatan, absen tidak terkirim',
      },
    );
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('pending');

    const outsider = await depokCoordinator.request(
      'POST',
      `/api/attendance/corrections/${asked.body.id}/decision`,
      { approve: true },
    );
    expect(outsider.status).toBe(404);
    const rejectWithoutNote = await coordinator.request<ErrorBody>(
      'POST',
      `/api/attendance/corrections/${asked.body.id}/decision`,
      { approve: false },
    );
    expect(rejectWithoutNote.status).toBe(400);
    expect(rejectWithoutNote.body.fields?.map((f) => f.path)).toContain('note');

    const pending = await coordinator.request<{ items: { id: string; assistantName: string }[] }>(
      'GET',
      '/api/attendance/corrections?status=pending',
    );
    expect(pending.body.items).toEqual([
      expect.objectContaining({ id: asked.body.id, assistantName: 'Rina Marlina' }),
    ]);

    const approved = await coordinator.request<{ status: string; decidedBy: string }>(
      'POST',
      `/api/attendance/corrections/${asked.body.id}/decision`,
      { approve: true, note: 'Sesuai laporan kecamatan' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: '00000000-0000-4000-8000-000000000003',
    });
    const twice = await coordinator.request(
      'POST',
      `/api/attendance/corrections/${asked.body.id}/decision`,
      { approve: true },
    );
    expect(twice.status).toBe(409);

    const record = await coordinator.request<RecordView>(
      'GET',
      `/api/attendance/assistants/${RINA}?month=${yesterday.slice(0, 7)}`,
    );
    expect(record.status).toBe(200);
    const day = record.body.days.find((d) => d.day === yesterday);
    // Jakarta Timur keeps the default calendar: yesterday counts if it was a working day.
    expect(['present', 'late']).toContain(day?.status);
    expect(record.body.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'office', corrected: true })]),
    );
    expect(record.body.corrections).toEqual([
      expect.objectContaining({ id: asked.body.id, status: 'approved' }),
    ]);

    const audit = await stack.db.query<{ action: string; actor_id: string; reason: string }>(
      `SELECT action, actor_id, reason FROM supervision.attendance_audit WHERE assistant_id = $1 ORDER BY id`,
      [RINA],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'correction-requested',
      'correction-approved',
    ]);
    expect(audit.rows[0]).toMatchObject({
      actor_id: RINA,
      reason: 'Sinyal hilang di kantor kecamatan, absen tidak terkirim',
    });
    expect(audit.rows[1]).toMatchObject({
      actor_id: '00000000-0000-4000-8000-000000000003',
      reason: 'Sesuai laporan kecamatan',
    });
  });
});

describe('coordination', () => {
  it('calls a meeting, marks who checked in (late), and puts the missed meeting on the record', async () => {
    const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const endsAt = new Date(Date.now() + 55 * 60_000).toISOString();
    const stranger = await coordinator.request<ErrorBody>('POST', '/api/meetings', {
      title: 'Rapat koordinasi bulanan',
      startsAt,
      endsAt,
      placeName: 'Kantor Sudin Sosial Jakarta Timur',
      inviteeIds: [SITI, '00000000-0000-4000-8000-000000000005'],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields?.map((f) => f.path)).toEqual(['inviteeIds.1']);

    const meeting = await coordinator.request<{
      id: string;
      invitees: { assistantId: string; status: string }[];
    }>('POST', '/api/meetings', {
      title: 'Rapat koordinasi bulanan',
      startsAt,
      endsAt,
      placeName: 'Kantor Sudin Sosial Jakarta Timur',
      place: { lat: -6.2251, lng: 106.9004, radiusM: 200 },
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body.invitees.map((i) => i.assistantId).sort()).toEqual([SITI, RINA].sort());

    const came = await siti.request<Entry>('POST', '/api/attendance/check-in', {
      kind: 'meeting',
      refId: meeting.body.id,
      location: { lat: -6.2252, lng: 106.9005, accuracyM: 10 },
    });
    expect(came.status).toBe(201);
    expect(came.body.flags).not.toContain('far-from-place');
    expect(
      (
        await dewi.request('POST', '/api/attendance/check-in', {
          kind: 'meeting',
          refId: meeting.body.id,
        })
      ).status,
    ).toBe(404);

    const recorded = await coordinator.request<{
      minutes: string;
      invitees: { assistantId: string; status: string }[];
    }>('POST', `/api/meetings/${meeting.body.id}/record`, {
      attendance: [{ assistantId: RINA, status: 'absent' }],
      minutes: 'Pembahasan target graduasi mandiri triwulan IV.',
    });
    expect(recorded.status).toBe(200);
    expect(
      Object.fromEntries(recorded.body.invitees.map((i) => [i.assistantId, i.status])),
    ).toEqual({ [SITI]: 'late', [RINA]: 'absent' }); // five minutes after the start, no grace

    const rinaRecord = await rina.request<RecordView>('GET', '/api/attendance/me');
    expect(rinaRecord.body.meetingsMissed).toEqual([
      { meetingId: meeting.body.id, title: 'Rapat koordinasi bulanan', startsAt },
    ]);
    expect(rinaRecord.body.summary.meetingsMissed).toBe(1);
    const mine = await siti.request<{ items: { id: string; mine: string }[] }>(
      'GET',
      '/api/meetings',
    );
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: meeting.body.id, mine: 'late' }),
    ]);
    expect((await dewi.request<{ items: unknown[] }>('GET', '/api/meetings')).body.items).toEqual(
      [],
    );
  });

  it('broadcasts an announcement to a region and keeps read receipts', async () => {
    const posted = await dinas.request<{ id: string; recipients: number; read: number }>(
      'POST',
      '/api/announcements',
      {
        title: 'Penyaluran bansos tahap IV',
        body: 'Verifikasi komitmen diselesaikan paling lambat Jumat.',
        regionCode: '31.75',
      },
    );
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ recipients: 2, read: 0 });

    const inbox = await siti.request<{ items: { id: string; readAt: string | null }[] }>(
      'GET',
      '/api/announcements',
    );
    expect(inbox.body.items).toEqual([
      expect.objectContaining({ id: posted.body.id, readAt: null }),
    ]);
    expect(
      (await dewi.request<{ items: unknown[] }>('GET', '/api/announcements')).body.items,
    ).toEqual([]);
    expect((await dewi.request('POST', `/api/announcements/${posted.body.id}/read`)).status).toBe(
      404,
    );

    const read = await siti.request<{ readAt: string; read: number }>(
      'POST',
      `/api/announcements/${posted.body.id}/read`,
    );
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(1);

    const receipts = await coordinator.request<{
      recipients: { assistantId: string; readAt: string | null }[];
    }>('GET', `/api/announcements/${posted.body.id}/receipts`);
    expect(receipts.status).toBe(200);
    expect(receipts.body.recipients).toEqual([
      expect.objectContaining({ assistantId: RINA, readAt: null }),
      expect.objectContaining({ assistantId: SITI, readAt: read.body.readAt }),
    ]);
    expect(
      (await depokCoordinator.request('GET', `/api/announcements/${posted.body.id}/receipts`))
        .status,
    ).toBe(404);
  });
});

describe('daily reports', () => {
  it("builds the day's report from the services' events and takes the assistant's notes once", async () => {
    const visit = await siti.request('POST', '/api/attendance/check-in', {
      kind: 'home-visit',
      refId: '6f1c1a52-3f4e-4a55-9a3e-2b7d1c9e0a11',
      location: { lat: -6.2101, lng: 106.8602, accuracyM: 12 },
    });
    expect(visit.status).toBe(201);
    const registered = await siti.request('POST', '/api/kpm', family({ headName: 'Ratna Sari' }));
    expect(registered.status).toBe(201);

    interface Report {
      status: string;
      counts: Record<string, number>;
      notes: string | null;
    }
    const report = await eventually(
      async () => (await siti.request<Report>('GET', '/api/reports/daily')).body,
      (r) => r.counts.registration === 1,
    );
    expect(report).toMatchObject({ status: 'draft', notes: null });
    expect(report.counts).toMatchObject({ 'home-visit': 1, registration: 1 });

    const noNotes = await siti.request<ErrorBody>('POST', '/api/reports/daily', {
      day: today,
      notes: '',
    });
    expect(noNotes.status).toBe(400);
    expect(noNotes.body.fields?.map((f) => f.path)).toContain('notes');
    const notes = 'Kunjungan rumah ke keluarga Ratna, pendaftaran KPM baru di Pisangan Baru.';
    const submitted = await siti.request<Report>('POST', '/api/reports/daily', {
      day: today,
      notes,
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', notes });
    expect((await siti.request('POST', '/api/reports/daily', { day: today, notes })).status).toBe(
      409,
    );

    const read = await coordinator.request<Report>(
      'GET',
      `/api/reports/daily?assistantId=${SITI}&day=${today}`,
    );
    expect(read.body).toMatchObject({ status: 'submitted', notes });
    expect(
      (await depokCoordinator.request('GET', `/api/reports/daily?assistantId=${SITI}`)).status,
    ).toBe(403);
  });
});

describe('alerts and coaching', () => {
  it('raises an alert for three working days without a check-in, once, and lets the region acknowledge it', async () => {
    const admin = await new GatewayClient(stack.gatewayUrl).login('admin');
    // Ratna (daily reports) entered PKH in 2018: her card must be in before the rules run.
    await eventually(
      async () =>
        (
          await dinas.request<{ region: { families: number } }>(
            'GET',
            '/api/regions/stats?regionCode=31.75.01',
          )
        ).body.region.families,
      (n) => n === 1,
    );
    expect((await coordinator.request('POST', '/api/alerts/evaluate')).status).toBe(403);
    const first = await admin.request<{ raised: number }>('POST', '/api/alerts/evaluate');
    expect(first.status).toBe(200);
    expect(first.body.raised).toBeGreaterThanOrEqual(1);
    const again = await admin.request<{ raised: number }>('POST', '/api/alerts/evaluate');
    expect(again.body.raised).toBe(0);

    interface Alert {
      id: string;
      rule: string;
      assistantId: string;
      detail: { days?: string[]; families?: number; years?: number };
    }
    const open = await coordinator.request<{ items: Alert[] }>('GET', '/api/alerts');
    // A family more than five years in PKH and still in her caseload.
    expect(
      open.body.items.find((a) => a.assistantId === SITI && a.rule === 'long-without-graduating')
        ?.detail,
    ).toMatchObject({ families: 1, years: 5 });
    // Matraman works every day (see the calendar above) and Siti never checked in before today.
    const siti = open.body.items.find(
      (a) => a.assistantId === SITI && a.rule === 'absent-three-days',
    );
    expect(siti?.detail.days).toHaveLength(3);
    expect(siti?.detail.days?.every((day) => day < today)).toBe(true);
    expect((await depokCoordinator.request('GET', '/api/alerts?regionCode=31.75')).status).toBe(
      403,
    );
    const depok = await depokCoordinator.request<{ items: Alert[] }>('GET', '/api/alerts');
    expect(depok.body.items.map((a) => a.assistantId)).not.toContain(SITI);

    const noNote = await coordinator.request<ErrorBody>(
      'POST',
      `/api/alerts/${siti!.id}/acknowledge`,
      {},
    );
    expect(noNote.status).toBe(400);
    expect(noNote.body.fields?.map((f) => f.path)).toContain('note');
    expect(
      (
        await depokCoordinator.request('POST', `/api/alerts/${siti!.id}/acknowledge`, {
          note: 'Bukan wilayah saya',
        })
      ).status,
    ).toBe(404);
    const acknowledged = await coordinator.request<{ acknowledgedAt: string; note: string }>(
      'POST',
      `/api/alerts/${siti!.id}/acknowledge`,
      { note: 'Sakit, surat dokter diterima' },
    );
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.note).toBe('Sakit, surat dokter diterima');
    expect(
      (
        await coordinator.request('POST', `/api/alerts/${siti!.id}/acknowledge`, {
          note: 'dua kali',
        })
      ).status,
    ).toBe(409);
    const stillOpen = await coordinator.request<{ items: Alert[] }>('GET', '/api/alerts');
    expect(stillOpen.body.items.map((a) => a.id)).not.toContain(siti!.id);
  });

  it('keeps coaching notes with follow-up dates, seen by the assistant and her coordinators only', async () => {
    const added = await coordinator.request<{
      id: string;
      followUpOn: string;
      doneAt: string | null;
    }>('POST', `/api/attendance/assistants/${SITI}/coaching`, {
      note: 'Latih penyusunan rencana usaha untuk tiga KPM kandidat graduasi.',
      followUpOn: today,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ followUpOn: today, doneAt: null });
    expect(
      (
        await depokCoordinator.request('POST', `/api/attendance/assistants/${SITI}/coaching`, {
          note: 'Catatan dari luar wilayah',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await siti.request('POST', `/api/attendance/assistants/${SITI}/coaching`, {
          note: 'Catatan untuk diri sendiri',
        })
      ).status,
    ).toBe(403);

    const own = await siti.request<{ items: { id: string }[] }>(
      'GET',
      `/api/attendance/assistants/${SITI}/coaching`,
    );
    expect(own.body.items.map((n) => n.id)).toEqual([added.body.id]);
    expect((await dewi.request('GET', `/api/attendance/assistants/${SITI}/coaching`)).status).toBe(
      403,
    );
    const done = await coordinator.request<{ doneAt: string }>(
      'POST',
      `/api/coaching/${added.body.id}/done`,
    );
    expect(done.status).toBe(200);
    expect(done.body.doneAt).toBeTruthy();
  });
});

describe('monthly reports', () => {
  interface Rhk {
    status: string;
    figures: {
      aidDistribution: { families: number };
      compliance: { verified: number; compliant: number };
      dataUpdates: { registrations: number };
      homeVisits: number;
      directedTasks: { assigned: number; done: number };
      attendance: { present: number };
    };
    evidence: { kind: string }[];
    review: { decision: string; byName: string | null; note: string | null } | null;
  }
  interface RegionRow {
    code: string | null;
    assistantId: string | null;
    name: string;
    assistants: number;
    aidDistribution: number;
    complianceVerified: number;
    homeVisits: number;
    rhkApproved: number;
  }
  const download = async (client: GatewayClient, path: string) => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  it("builds the RHK from the month's events and tasks, reviewed by the region, exported as PDF and XLSX", async () => {
    const month = today.slice(0, 7);
    const found = await siti.request<{ items: { id: string }[] }>('GET', '/api/kpm?q=Ratna');
    const ratna = found.body.items[0]!.id;
    const disbursed = await siti.request('POST', `/api/kpm/${ratna}/disbursements`, {
      year: Number(today.slice(0, 4)),
      stage: 4,
      amount: 0,
      disbursedOn: today,
      cardHolder: 'family',
    });
    expect(disbursed.status).toBe(200);
    const verified = await siti.request('POST', `/api/kpm/${ratna}/compliance`, {
      period: month,
      education: { met: true },
    });
    expect(verified.status).toBe(200);

    // A directed task: only for assistants of the coordinator's region, reported with a report.
    const stranger = await coordinator.request<ErrorBody>('POST', '/api/tasks', {
      assistantIds: [SITI, DEWI],
      title: 'Validasi data anak sekolah',
      dueOn: today,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields?.map((f) => f.path)).toEqual(['assistantIds.1']);
    const assigned = await coordinator.request<{ items: { id: string }[] }>('POST', '/api/tasks', {
      assistantIds: [SITI],
      title: 'Validasi data anak sekolah',
      dueOn: today,
    });
    expect(assigned.status).toBe(201);
    const taskId = assigned.body.items[0]!.id;
    expect(
      (
        await rina.request('POST', `/api/tasks/${taskId}/done`, {
          report: 'Sudah saya kerjakan semua.',
        })
      ).status,
    ).toBe(404);
    const short = await siti.request<ErrorBody>('POST', `/api/tasks/${taskId}/done`, {
      report: 'ok',
    });
    expect(short.status).toBe(400);
    expect(short.body.fields?.map((f) => f.path)).toEqual(['report']);
    const done = await siti.request('POST', `/api/tasks/${taskId}/done`, {
      report: 'Data 12 anak sekolah dicocokkan dengan Dapodik.',
    });
    expect(done.status).toBe(200);

    const draft = await eventually(
      async () => (await siti.request<Rhk>('GET', `/api/reports/rhk?month=${month}`)).body,
      (r) => r.figures.aidDistribution.families === 1 && r.figures.compliance.verified === 1,
    );
    expect(draft.status).toBe('draft');
    expect(draft.figures).toMatchObject({
      aidDistribution: { families: 1 },
      compliance: { verified: 1, compliant: 1 },
      directedTasks: { assigned: 1, done: 1 },
    });
    expect(draft.figures.homeVisits).toBeGreaterThanOrEqual(1);
    expect(draft.figures.dataUpdates.registrations).toBeGreaterThanOrEqual(1);
    expect(draft.figures.attendance.present).toBeGreaterThanOrEqual(1);
    expect(new Set(draft.evidence.map((e) => e.kind))).toEqual(
      expect.objectContaining(
        new Set(['aid-distribution', 'compliance-verification', 'directed-task']),
      ),
    );
    expect(
      (await depokCoordinator.request('GET', `/api/reports/rhk?assistantId=${SITI}&month=${month}`))
        .status,
    ).toBe(403);

    const review = (client: GatewayClient, body: Record<string, unknown>) =>
      client.request<Rhk & ErrorBody>('POST', `/api/reports/rhk/${SITI}/review`, {
        month,
        ...body,
      });
    expect((await review(coordinator, { decision: 'approved' })).status).toBe(409); // not submitted
    const noNotes = await siti.request<ErrorBody>('POST', '/api/reports/rhk', { month, notes: '' });
    expect(noNotes.status).toBe(400);
    expect(noNotes.body.fields?.map((f) => f.path)).toEqual(['notes']);
    const notes = 'Pemantauan penyaluran tahap 4 dan verifikasi komitmen pendidikan.';
    const submitted = await siti.request<Rhk>('POST', '/api/reports/rhk', { month, notes });
    expect(submitted.status).toBe(201);
    expect(submitted.body.status).toBe('submitted');
    expect((await siti.request('POST', '/api/reports/rhk', { month, notes })).status).toBe(409);
    expect((await review(depokCoordinator, { decision: 'approved' })).status).toBe(403);
    const noReason = await review(coordinator, { decision: 'returned' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.map((f) => f.path)).toEqual(['note']);
    const approved = await review(coordinator, { decision: 'approved', note: 'Lengkap.' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', review: { decision: 'approved' } });
    expect(approved.body.figures).toEqual(submitted.body.figures);
    const audit = await stack.db.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM supervision.attendance_audit
       WHERE assistant_id = $1 AND action LIKE 'rhk-%' ORDER BY id`,
      [SITI],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['rhk-submitted', 'rhk-approved']);

    const pdf = await download(siti, `/api/reports/rhk/export?month=${month}&format=pdf`);
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await download(
      coordinator,
      `/api/reports/rhk/export?assistantId=${SITI}&month=${month}&format=xlsx`,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK'); // a zip: the XLSX container
    expect(
      (
        await download(
          depokCoordinator,
          `/api/reports/rhk/export?assistantId=${SITI}&month=${month}&format=pdf`,
        )
      ).status,
    ).toBe(403);

    // The region report: Jakarta Timur by kecamatan, then Matraman by assistant.
    const city = await dinas.request<{ region: RegionRow; children: RegionRow[] }>(
      'GET',
      `/api/reports/region?month=${month}&regionCode=31.75`,
    );
    expect(city.status).toBe(200);
    expect(city.body.children.find((c) => c.code === '31.75.01')).toMatchObject({
      name: 'Matraman',
      assistants: 1,
      aidDistribution: 1,
      complianceVerified: 1,
      rhkApproved: 1,
    });
    expect(city.body.region).toMatchObject({ assistants: 2, rhkApproved: 1 });
    const district = await coordinator.request<{ children: RegionRow[] }>(
      'GET',
      `/api/reports/region?month=${month}&regionCode=31.75.01`,
    );
    expect(district.body.children).toEqual([
      expect.objectContaining({ assistantId: SITI, aidDistribution: 1, rhkApproved: 1 }),
    ]);
    expect((await siti.request('GET', `/api/reports/region?month=${month}`)).status).toBe(403);
    expect(
      (await depokCoordinator.request('GET', `/api/reports/region?month=${month}&regionCode=31.75`))
        .status,
    ).toBe(403);
    const regionXlsx = await download(
      dinas,
      `/api/reports/region/export?month=${month}&regionCode=31.75&format=xlsx`,
    );
    expect(regionXlsx.status).toBe(200);
    expect(regionXlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('replaying every event', () => {
  it('leaves the figures as they were', async () => {
    // Families and a P2K2-free caseload figure to compare, besides attendance and the roster.
    const register = await siti.request('POST', '/api/kpm', {
      headName: 'Wulan Sari',
      nik: '3175014507880003',
      villageCode: '31.75.01.1001',
      address: 'Jl. Kebon Kelapa No. 3',
      pkhEntryYear: 2019,
    });
    expect(register.status).toBe(201);
    const figures = async () => ({
      stats: (await dinas.request('GET', '/api/regions/stats?regionCode=31.75')).body,
      counts: (await dinas.request('GET', '/api/regions/kpm-counts?regionCode=31.75')).body,
      today: (await todayIn(dinas, '31.75')).body,
      month: (
        await dinas.request(
          'GET',
          `/api/reports/region?month=${today.slice(0, 7)}&regionCode=31.75`,
        )
      ).body,
    });
    // Ratna (daily reports) and Wulan: two families in Jakarta Timur. The counts (from
    // kpm.registered) and the stats (from the family cards) are separate events: wait for both.
    const families = (f: Awaited<ReturnType<typeof figures>>) => [
      (f.counts as { total: number }).total,
      (f.stats as { region: { families: number } }).region.families,
    ];
    const before = await eventually(figures, (f) => families(f).every((n) => n === 2));
    expect(families(before)).toEqual([2, 2]);

    await stack.kill('supervision', 'SIGTERM');
    const kafka = new kafkajs.Kafka({ brokers: stack.brokers, logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const topics = [TOPICS.events.gateway, TOPICS.events.caseload, TOPICS.events.training];
    // The group must be empty before its offsets can move; a clean leave empties it at once.
    for (const topic of topics)
      await eventually(
        () =>
          admin.resetOffsets({ groupId: 'supervision', topic, earliest: true }).then(
            () => true,
            () => false,
          ),
        (done) => done,
      );
    await stack.start('supervision');
    const caughtUp = async () => {
      let lag = 0;
      for (const topic of topics) {
        const [committed] = await admin.fetchOffsets({ groupId: 'supervision', topics: [topic] });
        const ends = await admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const at =
            committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          lag += Number(end.offset) - Math.max(0, Number(at));
        }
      }
      return lag;
    };
    expect(await eventually(caughtUp, (lag) => lag === 0, 60_000)).toBe(0);
    await admin.disconnect();
    expect(await figures()).toEqual(before);
  });
});
