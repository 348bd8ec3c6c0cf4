import { readFile } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '@jembatan/infra/browser';
import { startStack, type Stack } from '@jembatan/infra/stack';
import { chromium, type Browser, type Page } from 'playwright-core';

type Node = { textContent: string | null };
import {
  GatewayClient,
  authenticatorCode,
  MATRAMAN_OFFICE,
  eventually,
  family,
  officeOpenSinceMidnight,
  recentEvening,
  socioEconomic,
  uniqueNik,
} from './api.js';
import { seriousViolations } from './accessibility.js';
import { foodStall, registerPartner } from './partners-fixtures.js';

// The portal in real Chromium against the real stack: an assistant records an assessment and
// sees readiness change; holds a P2K2 session on a phone; a partner accepts a nomination; an
// assistant checks in late and the Dinas dashboard shows it, down to that assistant; a new
// lender registers and posts a loan, the Dinas verifies it and an assistant refers a family.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORTAL_PORT = 4450;
const ARTIFACTS = join(REPO, 'test-artifacts', 'portal');

let stack: Stack;
let preview: ChildProcess;
let browser: Browser;
const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;

beforeAll(async () => {
  const executablePath = chromiumPath();
  stack = await startStack('portal', 4400);
  // The built portal, served by Vite's preview server, which forwards /api to this stack's gateway.
  preview = spawn(
    join(REPO, 'node_modules', '.bin', 'vite'),
    ['preview', '--port', String(PORTAL_PORT), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: join(REPO, 'apps', 'portal'),
      env: { ...process.env, GATEWAY_URL: stack.gatewayUrl },
      stdio: 'ignore',
    },
  );
  await eventually(
    () =>
      fetch(portalUrl).then(
        (r) => r.status,
        () => 0,
      ),
    (status) => status === 200,
    30_000,
  );
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  preview?.kill();
  await stack?.stop();
});

/**
 * A P2K2 group of two new families in the assistant's village, with a session planned for a
 * recent evening (so it can be held now).
 */
async function plannedSession(
  assistant: GatewayClient,
  {
    name,
    villageCode,
    place,
    startsAt = recentEvening().startsAt,
  }: { name: string; villageCode: string; place: string; startsAt?: string },
) {
  const suffix = Date.now().toString(36);
  const group = await assistant.request<{ id: string; name: string }>('POST', '/api/groups', {
    name: `${name} ${suffix}`,
    villageCode,
  });
  expect(group.status).toBe(201);
  const names = [`Sari ${suffix}`, `Tuti ${suffix}`];
  for (const headName of names) {
    const created = await assistant.request(
      'POST',
      '/api/kpm',
      family({
        headName,
        groupId: group.body.id,
        nik: uniqueNik(villageCode.slice(0, 8)),
        villageCode,
      }),
    );
    expect(created.status).toBe(201);
  }
  await eventually(
    () =>
      assistant.request<{ items: { groupId: string; families: number }[] }>(
        'GET',
        '/api/p2k2/groups',
      ),
    (r) => r.body.items.some((g) => g.groupId === group.body.id && g.families === 2),
  );
  const planned = await assistant.request<{ id: string }>('POST', '/api/p2k2/sessions', {
    groupId: group.body.id,
    startsAt,
    place,
  });
  expect(planned.status).toBe(201);
  return { group: group.body, names, sessionId: planned.body.id };
}

/** From the P2K2 calendar, the group's first session (Ekonomi 1) sheet. */
async function openFirstSessionSheet(page: Page, groupName: string) {
  await page.getByRole('button', { name: 'P2K2' }).click();
  await page
    .getByRole('table', { name: 'Jadwal P2K2' })
    .getByRole('row', { name: new RegExp(groupName) })
    .getByRole('button', { name: /Ekonomi 1/ })
    .click();
  await page.getByRole('heading', { name: 'Ekonomi 1: Mengelola Keuangan Keluarga' }).waitFor();
}

/**
 * A mid-range Android phone (360 px unless said) whose location is `at`: the assistant's
 * device in the field.
 */
function phoneAt(at: { latitude: number; longitude: number; accuracy: number }, width = 360) {
  return browser.newContext({
    viewport: { width, height: width === 360 ? 740 : 844 },
    isMobile: true,
    hasTouch: true,
    geolocation: at,
    permissions: ['geolocation'],
  });
}

async function signIn(page: Page, username: string, password = 'jembatan123') {
  await page.goto(portalUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

it('lets an assistant open a family, record an assessment and see readiness change', async () => {
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const headName = `Sumarni ${Date.now().toString(36)}`;
  const created = await assistant.request<{ id: string }>('POST', '/api/kpm', family({ headName }));
  expect(created.status).toBe(201);

  const page = await browser.newPage();
  try {
    await page.goto(portalUrl);
    await page.fill('input[name=username]', 'pendamping.matraman');
    await page.fill('input[name=password]', 'jembatan123');
    await page.click('button[type=submit]');

    // Bahasa Indonesia by default: find the family in the caseload and open it.
    await page.getByRole('button', { name: 'Daftar KPM' }).click();
    await page.fill('input[name=q]', headName);
    await page.getByRole('button', { name: headName }).click();
    await page.getByRole('heading', { name: headName }).waitFor();
    const score = page.getByTestId('readiness-score');
    const before = Number(await score.textContent());

    const form = page.getByRole('form', { name: 'Catat asesmen' });
    await form.locator('input[name=monthlyIncome]').fill('4500000');
    await form.locator('input[name=incomeSources]').fill('2');
    await form.locator('input[name=monthlySpending]').fill('3000000');
    await form.locator('input[name=mealsPerDay]').fill('3');
    await form.locator('input[name=savings]').fill('500000');
    await form.locator('select[name="housing.floor"]').selectOption('cement');
    await form.locator('input[name="housing.cleanWater"]').check();
    await form.locator('input[name="housing.sanitation"]').check();
    await form.locator('input[name="housing.electricity"]').check();
    await form.locator('input[name=verified]').check();
    await form.getByRole('button', { name: 'Simpan asesmen' }).click();

    await form.getByRole('status').filter({ hasText: 'Skor kesiapan sekarang' }).waitFor();
    await page.waitForFunction(
      (previous) =>
        // Runs in the page: the browser's document, which this file's Node types do not know.
        Number(
          (
            globalThis as unknown as { document: { querySelector(s: string): Node | null } }
          ).document.querySelector('[data-testid=readiness-score]')?.textContent,
        ) > previous,
      before,
    );
    const after = Number(await score.textContent());
    expect(after).toBeGreaterThan(before);
    // The factors explain it: income per person is now met, from the verified assessment.
    await page
      .getByRole('row', { name: /Pendapatan per kapita/ })
      .filter({ hasText: '✓' })
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'family-after-assessment.png'), fullPage: true });

    // The family's copy of its data, from every service, to hand over (UU PDP).
    const [copy] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh salinan data keluarga' }).click(),
    ]);
    expect(copy.suggestedFilename()).toBe(`data-keluarga-${created.body.id}.json`);
    const document = JSON.parse(await readFile((await copy.path())!, 'utf8')) as {
      sections: { service: string; tables: Record<string, { head_name?: string }[]> }[];
    };
    expect(document.sections.map((s) => s.service)).toHaveLength(5);
    expect(document.sections[0]!.tables.kpm![0]!.head_name).toBe(headName);
    await page.getByRole('status').filter({ hasText: 'Salinan diunduh' }).waitFor();

    const profile = await assistant.request<{ readinessScore: number }>(
      'GET',
      `/api/kpm/${created.body.id}`,
    );
    expect(profile.body.readinessScore).toBe(after);
  } finally {
    await page.close();
  }
});

/** Today's date where Dewi works (Depok, WIB), as her phone shows it. */
const todayInWib = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Dewi's caseload (Depok; no other browser test touches it) given one of everything her home
 * lists: a session today, a follow-up visit gone late, a directed task, a tutoring referral the
 * tutor left unanswered for ten days, and a family that meets its region's ready criteria.
 */
async function dewisDay() {
  const anonymous = new GatewayClient(stack.gatewayUrl);
  const dewi = await anonymous.login('pendamping.cimanggis');
  const coordinator = await anonymous.login('koordinator.depok');
  const admin = await anonymous.login('admin');
  const tag = Date.now().toString(36);
  const village = '32.76.02.1007';
  const register = async (headName: string, extra: Record<string, unknown> = {}) => {
    const created = await dewi.request<{ id: string }>(
      'POST',
      '/api/kpm',
      family({ headName, nik: uniqueNik('32.76.02'), villageCode: village, ...extra }),
    );
    expect(created.status).toBe(201);
    return created.body.id;
  };

  // A P2K2 session at 19:00 today.
  const group = await dewi.request<{ id: string; name: string }>('POST', '/api/groups', {
    name: `Kelompok Mawar ${tag}`,
    villageCode: village,
  });
  expect(group.status).toBe(201);
  await register(`Ani ${tag}`, { groupId: group.body.id });
  const session = await eventually(
    () =>
      dewi.request<{ id: string }>('POST', '/api/p2k2/sessions', {
        groupId: group.body.id,
        startsAt: `${todayInWib()}T19:00:00+07:00`,
        place: 'Balai RW 05',
      }),
    (r) => r.status === 201,
  );
  expect(session.status).toBe(201);

  // A graduated family whose 3-month visit is three days late.
  const graduated = `Bu Yati ${tag}`;
  const graduatedId = await register(graduated);
  const moved = await dewi.request('POST', `/api/kpm/${graduatedId}/stage`, {
    to: 'graduated-natural',
    reason: 'Penghasilan di atas garis kemiskinan, keluar alami',
  });
  expect(moved.status).toBe(200);
  await stack.db.query(
    `UPDATE caseload.follow_up SET due_on = current_date - 3 WHERE kpm_id = $1 AND months_after = 3`,
    [graduatedId],
  );

  // A directed task from her coordinator, due today.
  const task = `Verifikasi data KPM Pancoran Mas ${tag}`;
  const assigned = await coordinator.request('POST', '/api/tasks', {
    assistantIds: ['00000000-0000-4000-8000-000000000005'],
    title: task,
    dueOn: todayInWib(),
  });
  expect(assigned.status).toBe(201);

  // A tutoring referral the tutor has not answered in ten days.
  const tutor = await registerPartner(anonymous, admin, 'tutor.depok', {
    name: `Tutor Usaha Depok ${tag}`,
    kind: 'business-tutor',
    subtype: undefined,
    serviceArea: ['32.76.02'],
    location: { address: 'Jl. Margonda Raya 100', villageCode: village, lat: -6.37, lng: 106.83 },
  });
  const offer = await tutor.client.request<{ id: string }>('POST', '/api/offers', {
    kind: 'tutoring',
    title: `Pendampingan usaha kue ${tag}`,
    capacity: 3,
    validFrom: new Date().toISOString().slice(0, 10),
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    eligibility: { regions: ['32.76.02'] },
    details: { sessions: 6, mode: 'in-person' },
  });
  expect(offer.status).toBe(201);
  const waiting = `Bu Wati ${tag}`;
  const waitingId = await register(waiting);
  expect(
    (
      await dewi.request('POST', `/api/kpm/${waitingId}/assessments`, {
        instrument: 'business',
        version: 1,
        assessedOn: new Date().toISOString().slice(0, 10),
        verified: true,
        answers: foodStall(24),
      })
    ).status,
  ).toBe(201);
  const referral = await eventually(
    () =>
      dewi.request<{ id: string }>('POST', '/api/referrals', {
        offerId: offer.body.id,
        kpmId: waitingId,
        consent: true,
        consentGivenBy: waiting,
      }),
    (r) => r.status === 201,
  );
  expect(referral.status).toBe(201);
  await stack.db.query(
    `UPDATE partners.referral SET created_at = now() - interval '10 days' WHERE id = $1`,
    [referral.body.id],
  );

  // A family that meets the village's criteria (savings essential, score at least 50).
  expect(
    (
      await coordinator.request('PUT', `/api/graduation/criteria/${village}`, {
        readyScore: 50,
        criteria: [
          { key: 'savings', kind: 'essential', weight: 1, evidence: 'self-reported' },
          { key: 'training-completed', kind: 'conditional', weight: 1, evidence: 'verified' },
        ],
      })
    ).status,
  ).toBe(200);
  const ready = `Bu Rukmini ${tag}`;
  const readyId = await register(ready);
  const assessed = await dewi.request(
    'POST',
    `/api/kpm/${readyId}/assessments`,
    socioEconomic({ verified: false, assessedOn: new Date().toISOString().slice(0, 10) }),
  );
  expect(assessed.status).toBe(201);
  return { groupName: group.body.name, graduated, task, waiting, ready, readyId };
}

it("opens an assistant's phone on her day: attendance, today's session, late visits and referrals, families ready", async () => {
  const day = await dewisDay();
  const phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    timezoneId: 'Asia/Jakarta',
  });
  const page = await phone.newPage();
  try {
    // One card fails to load at first: it says what to do, and trying again loads it.
    let blocked = true;
    await page.route('**/api/graduation/follow-ups*', (route) =>
      blocked ? route.abort('internetdisconnected') : route.continue(),
    );
    await signIn(page, 'pendamping.cimanggis');
    await page.getByRole('heading', { name: /^Hari ini, \d{1,2} \w{3,4} \d{4}$/ }).waitFor();
    const card = (name: string) => page.getByRole('region', { name });
    const visits = card('Kunjungan pemantauan');
    await visits.getByRole('alert').filter({ hasText: 'Periksa koneksi internet' }).waitFor();
    blocked = false;
    await visits.getByRole('button', { name: 'Coba lagi' }).click();
    await visits.getByText(day.graduated).waitFor();
    await expect(
      visits.getByRole('listitem').filter({ hasText: day.graduated }).textContent(),
    ).resolves.toMatch(/pemantauan 3 bulan · terlambat sejak \d{1,2} \w{3,4} \d{4}/);

    await card('Absen hari ini').getByText('Anda belum absen hari ini.').waitFor();
    await card('Sesi P2K2 hari ini').getByText(day.groupName).waitFor();
    await card('Tugas arahan').getByText(day.task).waitFor();
    const late = card('Rujukan terlambat');
    await late.getByText(day.waiting).waitFor();
    await late.getByText(/belum dijawab mitra, batas/).waitFor();
    const ready = card('Keluarga siap dijembatani');
    await ready.getByText(day.ready).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'assistant-today-360.png'), fullPage: true });

    // Each card leads on: the ready family's page, back home, then today's session sheet.
    await ready.getByRole('button', { name: day.ready }).click();
    await page.getByRole('heading', { name: day.ready }).waitFor();
    expect(page.url()).toContain(`#/kpm/${day.readyId}`);
    await page.getByRole('button', { name: 'Hari ini' }).click();
    await card('Sesi P2K2 hari ini')
      .getByRole('button', { name: /Ekonomi 1/ })
      .click();
    await page.getByRole('heading', { name: 'Ekonomi 1: Mengelola Keuangan Keluarga' }).waitFor();
    await page.getByRole('button', { name: 'Hari ini' }).click();
    await card('Absen hari ini').getByRole('button', { name: 'Absen sekarang' }).click();
    await page.getByRole('button', { name: 'Absen masuk kantor' }).waitFor();

    // In English, dates follow: "Today, 5 Dec 2026".
    await page.getByRole('button', { name: 'Hari ini' }).click();
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByRole('heading', { name: /^Today, \d{1,2} [A-Z][a-z]{2,3} \d{4}$/ }).waitFor();
    await page
      .getByRole('region', { name: 'Follow-up visits' })
      .getByText(/3-month follow-up · late since/)
      .waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'assistant-today-1280-en.png'), fullPage: true });
  } finally {
    await phone.close();
  }
});

it('lets an assistant hold a P2K2 session on a phone: tick who came, check in with the location', async () => {
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const { group, names, sessionId } = await plannedSession(assistant, {
    name: 'Kelompok Anggrek',
    villageCode: '31.75.01.1002',
    place: 'Pos RW 07',
  });

  const phone = await phoneAt({ latitude: -6.2001, longitude: 106.8602, accuracy: 15 }, 390);
  const page = await phone.newPage();
  try {
    await signIn(page, 'pendamping.matraman');
    await openFirstSessionSheet(page, group.name);
    await page.getByLabel(names[0]!).check();
    await page.getByText('1 dari 2 hadir').waitFor();
    await page.getByLabel('Foto kegiatan (opsional)').setInputFiles({
      name: 'p2k2.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1024, 9)]),
    });
    await page.getByRole('button', { name: 'Check-in dan simpan kehadiran' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Kehadiran tersimpan: 1 dari 2 hadir' })
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'p2k2-session-sheet.png'), fullPage: true });
  } finally {
    await phone.close();
  }
  const held = await assistant.request<{
    status: string;
    checkIn: { latitude: number; hasPhoto: boolean };
    roster: { headName: string; present: boolean }[];
  }>('GET', `/api/p2k2/sessions/${sessionId}`);
  expect(held.body.status).toBe('held');
  expect(held.body.checkIn.latitude).toBeCloseTo(-6.2001, 4);
  expect(held.body.checkIn.hasPhoto).toBe(true);
  expect(held.body.roster.map((r) => [r.headName, r.present])).toEqual([
    [names[0], true],
    [names[1], false],
  ]);
});

it('shows a training provider the nominations and lets them accept one', async () => {
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const provider = await new GatewayClient(stack.gatewayUrl).login('mitra.pelatihan');
  const headName = `Zahra ${Date.now().toString(36)}`;
  const created = await assistant.request<{ id: string }>('POST', '/api/kpm', family({ headName }));
  const title = `Pemasaran Digital ${Date.now().toString(36)}`;
  const today = new Date().toISOString().slice(0, 10);
  const offer = await provider.request<{ offerId: string }>('POST', '/api/trainings', {
    title,
    regionCode: '31.75',
    place: 'BLK Jakarta Timur',
    startsOn: today,
    endsOn: today,
    meetings: 2,
    capacity: 10,
  });
  expect(offer.status).toBe(201);
  const nominated = await eventually(
    () =>
      assistant.request<{ id: string; status: string }>(
        'POST',
        `/api/trainings/${offer.body.offerId}/nominations`,
        {
          kpmId: created.body.id,
          consent: true,
        },
      ),
    (r) => r.status === 201,
  );
  expect(nominated.body.status).toBe('nominated');

  const page = await browser.newPage();
  try {
    await signIn(page, 'mitra.pelatihan');
    // A partner lands on its home, what waits for its answer first: the nomination is there.
    const waiting = page.getByRole('region', { name: 'Nominasi menunggu jawaban' });
    await waiting
      .getByRole('listitem')
      .filter({ hasText: title })
      .getByText('1 menunggu')
      .waitFor();
    await page.screenshot({
      path: join(ARTIFACTS, 'partner-home-training-provider.png'),
      fullPage: true,
    });
    await waiting.getByRole('button', { name: 'Ke pelatihan mitra' }).click();
    const card = page.getByRole('article', { name: title });
    await card.getByRole('button', { name: 'Lihat' }).click();
    const row = card.getByRole('row', { name: new RegExp(headName) });
    await row.getByText('Dinominasikan').waitFor();
    await row.getByRole('button', { name: 'Terima' }).click();
    await row.getByText('Diterima').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'partner-nominations.png'), fullPage: true });
  } finally {
    await page.close();
  }
  const seen = await provider.request<{ nominations: { id: string; status: string }[] }>(
    'GET',
    `/api/trainings/${offer.body.offerId}`,
  );
  expect(seen.body.nominations.find((n) => n.id === nominated.body.id)?.status).toBe('accepted');
});

it('shows the Dinas an assistant who checked in late, from the city down to the assistant', async () => {
  const dinas = await new GatewayClient(stack.gatewayUrl).login('dinas.jaktim');
  await officeOpenSinceMidnight(dinas, '31.75.01');
  // The roster reaches supervision from the gateway's account events.
  await eventually(
    () => dinas.request<{ region: { expected: number } }>('GET', '/api/attendance/today'),
    (r) => r.body.region?.expected === 2,
  );

  const phone = await phoneAt(
    { latitude: MATRAMAN_OFFICE.lat, longitude: MATRAMAN_OFFICE.lng, accuracy: 20 },
    390,
  );
  const page = await phone.newPage();
  try {
    await signIn(page, 'pendamping.matraman');
    await page.getByRole('button', { name: 'Kehadiran saya' }).click();
    await page.getByRole('button', { name: 'Absen masuk kantor' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Absen tercatat.' });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/terlambat \d+ menit/);
    expect(await status.textContent()).not.toMatch(/jauh dari lokasi/);
    await page.screenshot({ path: join(ARTIFACTS, 'attendance-check-in.png'), fullPage: true });
  } finally {
    await phone.close();
  }

  const desk = await browser.newPage();
  try {
    await signIn(desk, 'dinas.jaktim');
    // The dashboard is the Dinas's first screen: Jakarta Timur and its kecamatan today.
    const matraman = desk.getByTestId('attendance-31.75.01');
    await matraman.waitFor();
    // The graduation funnel, and the year's target set from it.
    const funnel = desk.getByRole('region', { name: 'Corong graduasi' });
    await funnel.getByRole('img', { name: /Keluarga per tahap di/ }).waitFor();
    const year = new Date().getFullYear();
    const targetForm = funnel.getByRole('form', { name: `Tetapkan target ${year}` });
    await targetForm.getByLabel('Target graduasi sejahtera mandiri').fill('40');
    await targetForm.getByLabel('Target graduasi seluruhnya').fill('100');
    await targetForm.getByRole('button', { name: `Tetapkan target ${year}` }).click();
    await funnel.getByText(/dari target 40 \(\d+%\)/).waitFor();
    expect(await matraman.locator('td').nth(3).textContent()).toBe('1');
    await matraman.getByRole('button', { name: 'Matraman' }).click();
    const row = desk
      .getByRole('table', { name: 'Pendamping di kecamatan ini' })
      .getByRole('row', { name: /Siti Rahayu/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/terlambat \(\+\d+ menit\)/);
    await row.getByRole('button', { name: 'Siti Rahayu' }).click();
    await desk.getByRole('heading', { name: /Rekap kehadiran Siti Rahayu/ }).waitFor();
    expect(await desk.getByTestId('attendance-summary').textContent()).toMatch(/terlambat 1 /);
    await desk.screenshot({ path: join(ARTIFACTS, 'dinas-dashboard.png'), fullPage: true });
  } finally {
    await desk.close();
  }
});

it('lets an assistant submit her monthly RHK and her coordinator approve it and download the PDF', async () => {
  const page = await browser.newPage();
  try {
    await signIn(page, 'pendamping.matraman');
    await page.getByRole('button', { name: 'Laporan bulanan' }).click();
    await page
      .getByRole('heading', { name: /RHK \(laporan kinerja bulanan\) · Siti Rahayu/ })
      .waitFor();
    // Her late check-in of the previous test is in the month's attendance.
    expect(await page.getByTestId('rhk-present').textContent()).toBe('1');
    await page
      .getByLabel('Ringkasan bulan ini')
      .fill('Absen kantor, kunjungan rumah dan persiapan P2K2 bulan ini.');
    await page.getByRole('button', { name: 'Kirim RHK' }).click();
    await page.getByRole('status').filter({ hasText: 'RHK terkirim ke koordinator.' }).waitFor();
    // The report reloads as submitted.
    await page.getByRole('heading', { name: /RHK .*menunggu pemeriksaan/ }).waitFor();
  } finally {
    await page.close();
  }

  const desk = await browser.newPage();
  try {
    await signIn(desk, 'koordinator.jaktim');
    await desk.getByRole('button', { name: 'Laporan bulanan' }).click();
    // The region report with its charts, and Siti's RHK waiting in the queue.
    await desk.getByRole('img', { name: 'Kehadiran pendamping (%)' }).waitFor();
    const queued = desk
      .getByRole('table', { name: 'RHK pendamping bulan ini' })
      .getByRole('row', { name: /Siti Rahayu/ });
    expect(await queued.textContent()).toMatch(/menunggu pemeriksaan/);
    await queued.getByRole('button', { name: 'Siti Rahayu' }).click();
    await desk.getByRole('button', { name: 'Setujui' }).click();
    await desk.getByRole('status').filter({ hasText: 'RHK disetujui.' }).waitFor();
    const [pdf] = await Promise.all([
      desk.waitForEvent('download'),
      desk
        .getByRole('region', { name: 'RHK (laporan kinerja bulanan)' })
        .getByRole('button', { name: 'Unduh PDF' })
        .click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^RHK-\d{4}-\d{2}-Siti Rahayu\.pdf$/);
    await desk.screenshot({ path: join(ARTIFACTS, 'monthly-reports.png'), fullPage: true });
  } finally {
    await desk.close();
  }
});

it('lets a new lender register and post a loan, the Dinas verify it, and an assistant refer a family to it', async () => {
  // A family of Siti's with a food business of a year and an assessed need for capital.
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const headName = `Warsini ${Date.now().toString(36)}`;
  const created = await assistant.request<{ id: string }>('POST', '/api/kpm', family({ headName }));
  const kpmId = created.body.id;
  const started = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  for (const [instrument, answers] of [
    [
      'business',
      {
        kind: 'food',
        description: 'Kue basah',
        startedOn: started,
        monthlyRevenue: 2_500_000,
        monthlyCosts: 1_500_000,
        keepsBooks: false,
        workers: 0,
      },
    ],
    [
      'needs',
      {
        capital: { needed: true, amount: 4_000_000 },
        training: { needed: false, topics: [] },
        market: { needed: false, channels: [] },
        tutor: { needed: false },
      },
    ],
  ] as const)
    expect(
      (
        await assistant.request('POST', `/api/kpm/${kpmId}/assessments`, {
          instrument,
          version: 1,
          assessedOn: today,
          verified: true,
          answers,
        })
      ).status,
    ).toBe(201);

  // The lender registers itself on the portal and posts a loan while it waits for verification.
  const username = `kspmaju${Date.now().toString(36)}`;
  const lenderName = `KSP Maju Sejahtera ${Date.now().toString(36)}`;
  const page = await browser.newPage();
  try {
    await page.goto(portalUrl);
    await page.getByRole('button', { name: 'Daftar sebagai mitra' }).click();
    const form = page.getByRole('form', { name: 'Pendaftaran mitra' });
    await form.locator('input[name=username]').fill(username);
    await form.locator('input[name=password]').fill('rahasia-koperasi');
    await form.locator('input[name=name]').fill(lenderName);
    await form.locator('select[name=kind]').selectOption('lender');
    await form.locator('select[name=subtype]').selectOption('cooperative');
    await form.locator('input[name=contactName]').fill('Bambang Sutrisno');
    await form.locator('input[name=contactPhone]').fill('081377778888');
    await form.locator('input[name=serviceArea]').fill('31.75');
    await form.locator('input[name=address]').fill('Jl. Pramuka No. 8');
    await form.locator('input[name=villageCode]').fill('31.75.01.1004');
    await form.getByRole('button', { name: 'Daftar', exact: true }).click();
    await form.getByRole('status').filter({ hasText: 'Pendaftaran diterima' }).waitFor();
    await form.getByRole('button', { name: 'Kembali ke halaman masuk' }).click();

    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', 'rahasia-koperasi');
    await page.click('button[type=submit]');
    await page.getByRole('status').filter({ hasText: 'menunggu verifikasi' }).waitFor();
    const offer = page.getByRole('form', { name: 'Pasang penawaran' });
    await offer.locator('input[name=title]').fill('Pinjaman Usaha Kue Basah');
    await offer.locator('input[name=capacity]').fill('15');
    await offer
      .locator('input[name=validUntil]')
      .fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await offer.locator('input[name=regions]').fill('31.75');
    await offer.locator('input[name=minBusinessMonths]').fill('6');
    await offer.locator('input[name=amountMin]').fill('1000000');
    await offer.locator('input[name=amountMax]').fill('5000000');
    await offer.locator('input[name=interestRatePct]').fill('6');
    await offer.locator('input[name=tenorMonthsMin]').fill('6');
    await offer.locator('input[name=tenorMonthsMax]').fill('18');
    await offer.locator('input[name=documents]').fill('KTP, KK, surat keterangan usaha');
    await offer.getByRole('button', { name: 'Pasang' }).click();
    await offer.getByRole('status').filter({ hasText: 'Penawaran dipasang' }).waitFor();
    await page.getByRole('row', { name: /Pinjaman Usaha Kue Basah.*belum tayang/ }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'partner-home.png'), fullPage: true });
  } finally {
    await page.close();
  }

  // The Dinas finds it among the partners awaiting verification and verifies it.
  const desk = await browser.newPage();
  try {
    await signIn(desk, 'dinas.jaktim');
    await desk.getByRole('button', { name: 'Mitra & penawaran' }).click();
    const card = desk.getByRole('listitem', { name: lenderName });
    await card.getByRole('button', { name: 'Verifikasi' }).click();
    await desk
      .getByRole('status')
      .filter({ hasText: `${lenderName} terverifikasi` })
      .waitFor();
  } finally {
    await desk.close();
  }

  // Siti opens the family: the loan ranks first, with its reasons, and she refers the family.
  const field = await browser.newPage();
  try {
    await signIn(field, 'pendamping.matraman');
    await field.getByRole('button', { name: 'Daftar KPM' }).waitFor();
    await field.goto(`${portalUrl}/#/kpm/${kpmId}`);
    await field.getByRole('heading', { name: headName }).waitFor();
    await field.getByRole('button', { name: 'Cari penawaran' }).click();
    const ranked = field.getByRole('listitem', { name: 'Pinjaman Usaha Kue Basah' });
    await ranked.waitFor();
    expect(await ranked.textContent()).toMatch(/memenuhi syarat/);
    await ranked.getByText('Sesuai kebutuhan hasil asesmen: modal').waitFor();
    await ranked.getByText(/Usaha berjalan 1[12] bulan \(minimal 6\)/).waitFor();
    await ranked.getByText('Kebutuhan modal Rp 4.000.000 dalam plafon').waitFor();
    await ranked.getByRole('button', { name: 'Rujuk' }).click();
    const refer = ranked.getByRole('form', { name: 'Rujuk' });
    await refer.getByLabel(/Keluarga setuju/).check();
    await refer.getByRole('button', { name: 'Kirim rujukan' }).click();
    await field
      .getByRole('row', { name: new RegExp(`${headName}.*Pinjaman Usaha Kue Basah.*dirujuk`) })
      .waitFor();
    await field.screenshot({ path: join(ARTIFACTS, 'broker.png'), fullPage: true });
  } finally {
    await field.close();
  }
});

it('walks one loan from draft to first repayment: the assistant refers, the lender works it', async () => {
  const siti = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const bank = await new GatewayClient(stack.gatewayUrl).login('mitra.bank');
  const headName = `Wartini ${Date.now().toString(36)}`;
  const created = await siti.request<{ id: string }>('POST', '/api/kpm', family({ headName }));
  const kpmId = created.body.id;
  const started = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
  const assessed = await siti.request('POST', `/api/kpm/${kpmId}/assessments`, {
    instrument: 'business',
    version: 1,
    assessedOn: new Date().toISOString().slice(0, 10),
    verified: true,
    answers: {
      kind: 'food',
      description: 'Kue basah',
      startedOn: started,
      monthlyRevenue: 2_500_000,
      monthlyCosts: 1_500_000,
      keepsBooks: true,
      workers: 1,
    },
  });
  expect(assessed.status).toBe(201);
  const title = `KUR Mikro Kue ${Date.now().toString(36)}`;
  const posted = await bank.request<{ id: string }>('POST', '/api/offers', {
    kind: 'loan',
    title,
    description: 'Modal kerja',
    capacity: 10,
    validFrom: new Date().toISOString().slice(0, 10),
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    eligibility: { regions: ['31.75'], minBusinessMonths: 6 },
    details: {
      amountMin: 1_000_000,
      amountMax: 5_000_000,
      interestRatePct: 6,
      interestMethod: 'flat',
      tenorMonthsMin: 6,
      tenorMonthsMax: 12,
      repaymentFrequency: 'monthly',
      collateral: false,
      documents: ['KTP', 'KK'],
    },
  });
  expect(posted.status).toBe(201);
  // Microcredit holds the product and the family with its business.
  await eventually(
    () =>
      siti.request<{ items: { id: string; eligibility: { eligible: boolean } }[] }>(
        'GET',
        `/api/capital/products?kpmId=${kpmId}`,
      ),
    (r) =>
      r.status === 200 &&
      r.body.items.some((p) => p.id === posted.body.id && p.eligibility.eligible),
  );

  // Siti: the wizard on the family's page, then submits the draft from the tracker.
  const field = await browser.newPage();
  try {
    await signIn(field, 'pendamping.matraman');
    await field.getByRole('button', { name: 'Daftar KPM' }).waitFor();
    await field.goto(`${portalUrl}/#/kpm/${kpmId}`);
    await field.getByRole('heading', { name: headName }).waitFor();
    await field.getByText('Rujuk ke pinjaman atau hibah').click();
    const wizard = field.getByRole('form', { name: 'Rujuk ke pinjaman atau hibah' });
    // Other suites' loan products may be listed too: read this product's reasons only.
    const choice = wizard.locator('label', { hasText: title });
    await choice.getByRole('radio').check();
    await choice.getByText(/Usaha berjalan 1[23] bulan \(minimal 6\)/).waitFor();
    await wizard.getByLabel('Jumlah (Rp)').fill('3000000');
    await wizard.getByLabel(/Jangka waktu/).fill('6');
    await wizard.getByLabel('Untuk apa dana ini').fill('Oven dan loyang baru');
    await wizard
      .getByLabel('Rencana usaha singkat')
      .fill('Menambah produksi kue basah untuk pesanan arisan; cicilan dari laba mingguan.');
    await wizard.getByLabel(/Keluarga setuju/).check();
    await wizard.getByRole('button', { name: 'Simpan draf' }).click();
    await wizard.getByRole('status').filter({ hasText: 'Draf rujukan modal tersimpan' }).waitFor();
    const card = field.getByRole('article', { name: `${title} · ${headName}` });
    await card.getByText('Draf', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Ajukan' }).click();
    await card.getByRole('status').filter({ hasText: 'Status sekarang: Diajukan' }).waitFor();
  } finally {
    await field.close();
  }

  // The bank: its inbox, each step in turn, then the first instalment (Rp 515.000).
  const lender = await browser.newPage();
  try {
    await signIn(lender, 'mitra.bank');
    await lender.getByRole('button', { name: 'Modal usaha' }).click();
    const card = lender.getByRole('article', { name: `${title} · ${headName}` });
    await card.waitFor();
    const step = async (button: string, status: string) => {
      await card.getByRole('button', { name: button }).click();
      await card.getByText(status, { exact: true }).waitFor();
    };
    await step('Terima rujukan', 'Diterima lembaga');
    await step('Jadwalkan survei', 'Survei dijadwalkan');
    await card.getByLabel('Hasil survei').fill('Dapur bersih, pesanan rutin tiap minggu.');
    await step('Catat hasil survei', 'Sudah disurvei');
    await step('Setujui', 'Disetujui');
    await step('Cairkan', 'Dicairkan');
    await card.getByRole('button', { name: 'Lihat jadwal angsuran' }).click();
    await card
      .getByRole('table', { name: 'Jadwal angsuran' })
      .getByText('Rp 515.000')
      .first()
      .waitFor();
    await card.getByLabel('Jumlah dibayar (Rp)').fill('515000');
    await card.getByRole('button', { name: 'Catat pembayaran' }).click();
    await card.getByText('Mengangsur', { exact: true }).waitFor();
    expect(await card.textContent()).toMatch(/Terbayar Rp 515\.000 dari Rp 3\.090\.000/);
    // The referral's timeline: every step, in order, with who took it.
    await card.getByRole('button', { name: 'Lihat riwayat' }).click();
    const timeline = card.getByRole('list', { name: 'Riwayat rujukan' });
    await timeline.getByText('Mengangsur').waitFor();
    const steps = await timeline.getByRole('listitem').allTextContents();
    expect(steps.map((line) => line.split(' · ')[1])).toEqual([
      'Draf',
      'Diajukan',
      'Diterima lembaga',
      'Survei dijadwalkan',
      'Sudah disurvei',
      'Disetujui',
      'Dicairkan',
      'Mengangsur',
    ]);
    expect(steps[1]).toContain('Pendamping');
    expect(steps[2]).toContain('Mitra');
    await lender.screenshot({ path: join(ARTIFACTS, 'capital-lender.png'), fullPage: true });
  } finally {
    await lender.close();
  }
});

it("lets an assistant register the group's treasurer, who alone writes its savings ledger", async () => {
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const suffix = Date.now().toString(36);
  const groupName = `Kelompok Melati ${suffix}`;
  const group = await assistant.request<{ id: string }>('POST', '/api/groups', {
    name: groupName,
    villageCode: '31.75.01.1001',
  });
  const [keeper, saver] = [`Rina ${suffix}`, `Sri ${suffix}`];
  for (const headName of [keeper, saver])
    await assistant.request('POST', '/api/kpm', family({ headName, groupId: group.body.id }));
  await eventually(
    () => assistant.request<{ members: unknown[] }>('GET', `/api/savings/groups/${group.body.id}`),
    (r) => r.status === 200 && r.body.members.length === 2,
  );
  const username = `bendahara.${suffix}`;

  // Siti registers the member the group chose; she can read the ledger but has nothing to write with.
  const field = await browser.newPage();
  try {
    await signIn(field, 'pendamping.matraman');
    await field.getByRole('button', { name: 'Tabungan kelompok' }).click();
    await field.getByRole('button', { name: `Buka ${groupName}` }).click();
    const ledger = field.getByRole('region', { name: `Buku tabungan ${groupName}` });
    await ledger.getByText('Daftarkan bendahara').first().click();
    const form = ledger.getByRole('form', { name: 'Daftarkan bendahara' });
    await form.getByLabel('Anggota yang dipilih kelompok').selectOption({ label: keeper });
    await form.getByLabel('Nama pengguna').fill(username);
    await form.getByLabel(/Kata sandi/).fill('tabungan-melati-1');
    await form.getByRole('button', { name: 'Daftarkan bendahara' }).click();
    await form.getByRole('status').filter({ hasText: 'Bendahara terdaftar' }).waitFor();
    await ledger.getByText(`Bendahara: ${keeper}`).waitFor();
    expect(await ledger.getByRole('form', { name: 'Catat', exact: true }).count()).toBe(0);
  } finally {
    await field.close();
  }

  // Rina signs in as treasurer: the ledger is all she sees; she records Sri's deposit.
  const treasurer = await browser.newPage();
  try {
    await signIn(treasurer, username, 'tabungan-melati-1');
    await treasurer.getByRole('heading', { name: 'Tabungan kelompok', exact: true }).waitFor();
    expect(await treasurer.locator('nav button').allTextContents()).toEqual([
      'Tabungan kelompok',
      'Keamanan akun',
      'Keluar',
    ]);
    const form = treasurer.getByRole('form', { name: 'Catat', exact: true });
    await form.getByLabel('Anggota').selectOption({ label: saver });
    await form.getByLabel('Jumlah (Rp)').fill('25000');
    await form.getByLabel('Keterangan').fill('Setoran pertemuan Senin');
    await form.getByRole('button', { name: 'Catat', exact: true }).click();
    await form.getByRole('status').filter({ hasText: 'Tercatat' }).waitFor();
    const members = treasurer.getByRole('table', { name: 'Tabungan anggota' });
    await members.getByRole('row', { name: `${saver} Rp 25.000` }).waitFor();
    const lines = treasurer.getByRole('table', { name: 'Catatan tabungan' });
    await lines
      .getByRole('row')
      .filter({ hasText: 'Setoran pertemuan Senin' })
      .getByText(keeper)
      .waitFor();
    await treasurer.screenshot({ path: join(ARTIFACTS, 'savings-treasurer.png'), fullPage: true });
    // A treasurer keeps the book on a phone: no serious accessibility fault there either.
    await treasurer.setViewportSize({ width: 360, height: 800 });
    expect((await seriousViolations(treasurer)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await treasurer.screenshot({
      path: join(ARTIFACTS, 'savings-treasurer-360.png'),
      fullPage: true,
    });
  } finally {
    await treasurer.close();
  }
});

it('shows the Dinas who read a family, from where, on the audit trail', async () => {
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const created = await assistant.request<{ id: string }>(
    'POST',
    '/api/kpm',
    family({ headName: `Ibu Jejak ${Date.now().toString(36)}` }),
  );
  expect((await assistant.request('GET', `/api/kpm/${created.body.id}`)).status).toBe(200);

  const desk = await browser.newPage();
  try {
    await signIn(desk, 'dinas.jaktim');
    await desk.getByRole('button', { name: 'Jejak audit' }).click();
    const search = desk.getByRole('form', { name: 'Cari jejak' });
    await search.getByLabel('ID data (keluarga, rujukan, ...)').fill(created.body.id);
    await search.getByRole('button', { name: 'Cari jejak' }).click();
    const trail = desk.getByRole('table', { name: 'Jejak audit' });
    // Only lines about this family: the sign-ins listed at first are gone.
    const signIns = trail.getByRole('row').filter({ hasText: 'POST /api/auth/login' });
    await eventually(
      () => signIns.count(),
      (n) => n === 0,
    );
    const read = trail.getByRole('row').filter({ hasText: 'GET /api/kpm/:id' });
    await read.filter({ hasText: 'Siti Rahayu · Pendamping' }).first().waitFor();
    expect(await read.first().textContent()).toContain('Membaca');
    await desk.screenshot({ path: join(ARTIFACTS, 'audit-trail.png'), fullPage: true });

    await search.getByLabel('ID data (keluarga, rujukan, ...)').fill('');
    await search.getByLabel('Tindakan').selectOption({ label: 'Masuk' });
    await search.getByRole('button', { name: 'Cari jejak' }).click();
    await signIns.first().waitFor();
    await eventually(
      () => trail.getByRole('row').filter({ hasText: 'Membaca' }).count(),
      (n) => n === 0,
    );
    expect(await trail.getByRole('row').filter({ hasText: 'Membaca' }).count()).toBe(0);
  } finally {
    await desk.close();
  }
});

it('lets an admin give a new assistant her account, and the assistant make the password hers', async () => {
  const username = `pendamping.${Date.now().toString(36)}`;
  const desk = await browser.newPage();
  try {
    // Before the admin's second factor is turned on (the next test): no code asked yet.
    await signIn(desk, 'admin');
    // An admin's first screen: the accounts.
    await desk.getByRole('heading', { name: 'Akun pengguna' }).waitFor();
    const form = desk.getByRole('form', { name: 'Buat akun' });
    await form.getByLabel('Nama lengkap').fill('Yuliani Putri');
    await form.getByLabel('Nama pengguna').fill(username);
    await form.getByLabel('Peran').selectOption({ label: 'Pendamping' });
    await form.getByLabel('Kode wilayah (idn-area-data)').fill('31.75'); // a city, not a kecamatan
    await form.getByLabel(/Kata sandi pertama/).fill('sandi-pertama-123');
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await form.getByRole('status').filter({ hasText: 'Periksa isian' }).waitFor();
    expect(await form.getByRole('status').textContent()).toMatch(
      /regionCode: must be a real district code/,
    );
    await form.getByLabel('Kode wilayah (idn-area-data)').fill('31.75.02');
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await form.getByRole('status').filter({ hasText: 'Akun dibuat' }).waitFor();
    const card = desk.getByRole('article', { name: `Yuliani Putri (${username})` });
    await card.getByText('Dibuat', { exact: false }).waitFor();
    await desk.screenshot({ path: join(ARTIFACTS, 'admin-accounts.png'), fullPage: true });
  } finally {
    await desk.close();
  }

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  try {
    await signIn(page, username, 'sandi-pertama-123');
    await page.getByRole('heading', { name: /^Hari ini, / }).waitFor();
    await page.getByRole('button', { name: 'Keamanan akun' }).click();
    const change = page.getByRole('form', { name: 'Ganti kata sandi' });
    await change.getByLabel('Kata sandi sekarang').fill('sandi-pertama-123');
    await change.getByLabel(/Kata sandi baru/).fill('sandi-milik-yuli-9');
    await change.getByRole('button', { name: 'Ganti kata sandi' }).click();
    // Every session ended: the sign-in shows again, saying why.
    await page.getByText('Kata sandi diganti. Masuk lagi dengan kata sandi baru.').waitFor();
    await signIn(page, username, 'sandi-milik-yuli-9');
    await page.getByRole('heading', { name: /^Hari ini, / }).waitFor();
  } finally {
    await phone.close();
  }
});

it('lets an admin turn on a second factor, then asks for the code at sign-in', async () => {
  const desk = await browser.newPage();
  try {
    await signIn(desk, 'admin');
    await desk.getByRole('button', { name: 'Keamanan akun' }).click();
    await desk.getByRole('button', { name: 'Siapkan faktor kedua' }).click();
    const secret = (await desk.getByLabel('Kunci rahasia').textContent())!.replaceAll(' ', '');
    const form = desk.getByRole('form', { name: 'Kode autentikator' });
    await form
      .getByLabel('Kode 6 angka dari aplikasi autentikator')
      .fill(authenticatorCode(secret));
    await form.getByRole('button', { name: 'Aktifkan' }).click();
    await desk.getByText('Faktor kedua aktif', { exact: true }).waitFor();
    await desk.screenshot({ path: join(ARTIFACTS, 'second-factor.png'), fullPage: true });
    await desk.getByRole('button', { name: 'Keluar' }).click();

    // The password alone now brings the code field; the app's next code signs in.
    await signIn(desk, 'admin');
    const code = desk.getByLabel('Kode 6 angka dari aplikasi autentikator');
    await code.waitFor();
    await code.fill(authenticatorCode(secret, Date.now() + 30_000));
    await desk.getByRole('button', { name: 'Masuk', exact: true }).click();
    await desk.getByRole('button', { name: 'Keamanan akun' }).waitFor();
  } finally {
    await desk.close();
  }
});

it('keeps P2K2 attendance and a home visit made without a connection, and sends each once when it returns', async () => {
  const rina = await new GatewayClient(stack.gatewayUrl).login('pendamping.jatinegara');
  const { group, names, sessionId } = await plannedSession(rina, {
    name: 'Kelompok Melati',
    villageCode: '31.75.03.1001',
    place: 'Balai RW 03',
  });
  const visits = async () =>
    (
      await rina.request<{
        entries: { kind: string; recordedOffline: boolean; checkInAt: string }[];
      }>('GET', '/api/attendance/me')
    ).body.entries.filter((e) => e.kind === 'home-visit');
  const visitsBefore = (await visits()).length;
  const session = () =>
    rina.request<{ status: string; roster: { headName: string; present: boolean }[] }>(
      'GET',
      `/api/p2k2/sessions/${sessionId}`,
    );

  const phone = await phoneAt({ latitude: -6.2151, longitude: 106.8705, accuracy: 15 }, 360);
  const page = await phone.newPage();
  try {
    await signIn(page, 'pendamping.jatinegara');
    await page.getByRole('button', { name: 'Kehadiran saya' }).click();
    await page.getByText('Semua data terkirim').waitFor();
    // She opens the session sheet while she still has signal...
    await openFirstSessionSheet(page, group.name);

    // ...and holds the session in a hall with none: the attendance waits on the phone.
    await phone.setOffline(true);
    await page.getByLabel(names[0]!).check();
    await page.getByRole('button', { name: 'Check-in dan simpan kehadiran' }).click();
    await page.getByRole('status').filter({ hasText: 'Tidak ada sinyal' }).waitFor();
    // Then a home visit on the way back, still without signal, with its own time.
    await page.getByRole('button', { name: 'Kehadiran saya' }).click();
    const visitedAt = Date.now();
    await page.getByRole('button', { name: 'Mulai kunjungan rumah' }).click();
    await page.getByRole('status').filter({ hasText: 'Tidak ada sinyal' }).waitFor();
    await page.getByText('2 catatan menunggu dikirim').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'offline-queued-phone.png'), fullPage: true });
    expect((await session()).body.status).toBe('planned'); // nothing reached the gateway
    expect(await visits()).toHaveLength(visitsBefore);

    // Back in range: both go by themselves, in order, once.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const backOnlineAt = Date.now();
    await phone.setOffline(false);
    await page.getByText('Semua data terkirim').waitFor({ timeout: 20_000 });
    const held = (await session()).body;
    expect(held.status).toBe('held');
    expect(held.roster.map((r) => [r.headName, r.present])).toEqual([
      [names[0], true],
      [names[1], false],
    ]);
    const after = await visits();
    expect(after).toHaveLength(visitsBefore + 1);
    const sent = after.find((e) => e.recordedOffline)!;
    // The visit counts when it was made on the phone, not when the connection returned.
    expect(Date.parse(sent.checkInAt)).toBeGreaterThanOrEqual(visitedAt - 1_000); // clock rounding
    expect(Date.parse(sent.checkInAt)).toBeLessThan(backOnlineAt - 2_000);
    await page.screenshot({ path: join(ARTIFACTS, 'offline-synced-phone.png'), fullPage: true });

    // English is fetched when chosen, and the whole screen follows.
    await page.getByLabel('Bahasa').selectOption('en');
    await page.getByText('Everything is sent').waitFor();
    await page.getByRole('button', { name: 'My attendance' }).waitFor();
    await page.getByLabel('Language').selectOption('id');
    await page.getByText('Semua data terkirim').waitFor();
  } finally {
    await phone.close();
  }
});

it('works from the keyboard alone: sign in, move between screens, open a family', async () => {
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const headName = `Kartini ${Date.now().toString(36)}`;
  expect((await assistant.request('POST', '/api/kpm', family({ headName }))).status).toBe(201);
  const page = await browser.newPage();
  /** The focused element, as the page sees it: its tag, name and visible focus ring. */
  const focused = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { activeElement: unknown } }).document;
      const el = doc.activeElement as {
        tagName: string;
        name?: string;
        textContent: string | null;
      } | null;
      const style = (
        globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }
      ).getComputedStyle(el);
      return {
        tag: el?.tagName ?? '',
        name: el?.name ?? '',
        text: el?.textContent?.trim() ?? '',
        ring: style.outlineStyle,
      };
    });
  const tabTo = async (matches: (f: Awaited<ReturnType<typeof focused>>) => boolean) => {
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      if (matches(now)) return now;
    }
    throw new Error('the keyboard never reached it');
  };
  try {
    await page.goto(portalUrl);
    await tabTo((f) => f.name === 'username');
    await page.keyboard.type('pendamping.matraman');
    await tabTo((f) => f.name === 'password');
    await page.keyboard.type('jembatan123');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Hari ini, / }).waitFor();
    // Tab reaches the screens' buttons, shows where it is, and Enter opens one.
    const caseload = await tabTo((f) => f.tag === 'BUTTON' && f.text === 'Daftar KPM');
    expect(caseload.ring).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Daftar KPM' }).waitFor();
    await tabTo((f) => f.name === 'q');
    await page.keyboard.type(headName);
    await page.getByRole('button', { name: headName }).waitFor();
    // The family found opens with Enter.
    await tabTo((f) => f.tag === 'BUTTON' && f.text === headName);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: headName }).waitFor();
    expect(page.url()).toMatch(/#\/kpm\//);
  } finally {
    await page.close();
  }
});

it('installs as an app that opens without a connection', async () => {
  const manifest = (await fetch(`${portalUrl}/manifest.webmanifest`).then((r) => r.json())) as {
    icons: { sizes: string }[];
  };
  expect(manifest).toMatchObject({
    name: 'Jembatan',
    lang: 'id',
    display: 'standalone',
    start_url: '/',
  });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512']);
  const icon = await fetch(`${portalUrl}/icon-512.png`);
  expect(icon.headers.get('content-type')).toBe('image/png');

  const phone = await phoneAt({ latitude: -6.2151, longitude: 106.8705, accuracy: 15 }, 360);
  const page = await phone.newPage();
  try {
    await signIn(page, 'pendamping.jatinegara');
    await page.getByRole('button', { name: 'Kehadiran saya' }).waitFor();
    // The service worker has kept this build's files on the phone and controls the page.
    await page.waitForFunction(() => {
      const worker = (
        globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }
      ).navigator.serviceWorker;
      return worker.controller !== null;
    });

    await phone.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    // Still signed in as who she was, on a screen whose code she had not opened yet.
    await page.getByText('Rina Marlina').waitFor();
    await page.getByRole('button', { name: 'P2K2' }).click();
    await page.getByRole('heading', { name: 'P2K2', exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'offline-app-phone.png'), fullPage: true });
  } finally {
    await phone.close();
  }

  // The control: without the service worker, the same page does not open offline.
  const bare = await browser.newContext({ serviceWorkers: 'block' });
  const control = await bare.newPage();
  try {
    await control.goto(portalUrl);
    await bare.setOffline(true);
    await expect(control.reload()).rejects.toThrow();
  } finally {
    await bare.close();
  }
});

it('passes the axe accessibility check on every main page, at the width each role works at', async () => {
  const assistant = await new GatewayClient(stack.gatewayUrl).login('pendamping.matraman');
  const created = await assistant.request<{ id: string }>('POST', '/api/kpm', family());
  expect(created.status).toBe(201);
  const { sessionId } = await plannedSession(assistant, {
    name: 'Kelompok Aksesibel',
    villageCode: '31.75.01.1001',
    place: 'Balai RW 02',
    // A morning no other test plans in, so it does not meet another of Siti's sessions.
    startsAt: `${new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)}T08:00:00+07:00`,
  });
  // Assistants and partners in the field on phones; coordinators and the Dinas at a desk.
  type Screen = string | { hash: string; name: string };
  const roles: { who: string; width: number; screens: Screen[] }[] = [
    {
      who: 'pendamping.matraman',
      width: 360,
      screens: [
        'Hari ini',
        'Daftar KPM',
        { hash: `#/kpm/${created.body.id}`, name: 'profil keluarga' },
        { hash: `#/p2k2/${sessionId}`, name: 'lembar sesi P2K2' },
        'Kehadiran saya',
        'P2K2',
        'Laporan bulanan',
        'Mitra & penawaran',
        'Modal usaha',
        'Tabungan kelompok',
        'Papan graduasi',
        'Daftarkan KPM',
        'Impor CSV',
        'Kursus pendamping',
        'Peta sumber daya',
      ],
    },
    {
      who: 'mitra.bank',
      width: 360,
      screens: ['Beranda mitra', 'Modal usaha', 'Pelatihan mitra', 'Ruang tutor'],
    },
    { who: 'mitra.pelatihan', width: 360, screens: ['Beranda mitra'] },
    {
      who: 'koordinator.jaktim',
      width: 1280,
      screens: [
        'Dasbor pengawasan',
        'Laporan bulanan',
        'Rapat & pengumuman',
        'KPM per wilayah',
        'Papan graduasi',
      ],
    },
    {
      who: 'dinas.jaktim',
      width: 1280,
      screens: [
        'Dasbor pengawasan',
        'Mitra & penawaran',
        'Modal usaha',
        'Tabungan kelompok',
        'Peta sumber daya',
        'Akun pengguna',
        'Jejak audit',
        'Keamanan akun',
      ],
    },
  ];
  const found: string[] = [];
  const check = async (page: Page, label: string) => {
    for (const v of await seriousViolations(page))
      found.push(`${label}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`);
  };
  let checked = 0;
  for (const { who, width, screens } of roles) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    try {
      await signIn(page, who);
      await page.getByRole('button', { name: 'Keluar' }).waitFor();
      for (const screen of screens) {
        if (typeof screen === 'string')
          await page.getByRole('button', { name: screen, exact: true }).click();
        else await page.goto(`${portalUrl}/${screen.hash}`);
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        await page.waitForTimeout(300); // the screen's first data
        const name = typeof screen === 'string' ? screen : screen.name;
        await check(page, `${who} ${name} (${width} px)`);
        checked++;
        // Each screen at both widths: a phone's and a desk's.
        for (const shot of [width, width === 360 ? 1280 : 360]) {
          await page.setViewportSize({ width: shot, height: 800 });
          await page.screenshot({
            path: join(ARTIFACTS, `screen-${who}-${name.replace(/\W+/g, '-')}-${shot}.png`),
            fullPage: true,
          });
        }
        await page.setViewportSize({ width, height: 800 });
      }
      // The control: the check does catch a field without a label.
      await page.evaluate(() => {
        const doc = (
          globalThis as unknown as {
            document: { body: { insertAdjacentHTML(p: string, h: string): void } };
          }
        ).document;
        doc.body.insertAdjacentHTML('beforeend', '<input id="unlabelled" type="text">');
      });
      expect((await seriousViolations(page)).map((v) => v.id)).toContain('label');
    } finally {
      await context.close();
    }
  }
  console.log(
    `axe: ${checked} screens checked; ${found.length} serious or critical violations\n  ${found.join('\n  ')}`,
  );
  expect(found).toEqual([]);
});
