import { randomUUID } from 'node:crypto';
import { TOPICS } from '@jembatan/contracts';
import kafkajs from 'kafkajs';
import { GatewayClient, authenticatorCode, eventually, family } from './api.js';
import { startStack, type Stack } from '@jembatan/infra/stack';

interface Counts {
  total: number;
  children: { code: string; kpmCount: number }[];
}

let stack: Stack;
let anonymous: GatewayClient;
let assistant: GatewayClient;
let otherAssistant: GatewayClient;
let dinas: GatewayClient;

const matramanCount = async () =>
  (await dinas.request<Counts>('GET', '/api/regions/kpm-counts?regionCode=31.75.01')).body.total;
const kpmRows = async () =>
  Number((await stack.db.query('SELECT count(*) FROM caseload.kpm')).rows[0].count);

beforeAll(async () => {
  stack = await startStack('skeleton', 4000);
  anonymous = new GatewayClient(stack.gatewayUrl);
  assistant = await anonymous.login('pendamping.matraman');
  otherAssistant = await anonymous.login('pendamping.cimanggis');
  dinas = await anonymous.login('dinas.jaktim');
});

afterAll(async () => {
  await stack?.stop();
});

describe('walking skeleton: register a family, see it counted per region', () => {
  it('flows from the gateway through caseload and Kafka into supervision', async () => {
    const before = await matramanCount();
    const created = await assistant.request<{ id: string; nik: string }>(
      'POST',
      '/api/kpm',
      family(),
    );
    expect(created.status).toBe(201);
    expect(created.body.nik).toMatch(/^\d{16}$/); // the family's own assistant sees the NIK
    expect(await eventually(matramanCount, (n) => n === before + 1)).toBe(before + 1);

    const seenByDinas = await dinas.request<{ nik: string }>('GET', `/api/kpm/${created.body.id}`);
    expect(seenByDinas.status).toBe(200);
    expect(seenByDinas.body.nik).toMatch(/^317501\*{8}\d{2}$/);
  });

  it('applies a command retried with the same Idempotency-Key once', async () => {
    const before = await kpmRows();
    const body = family();
    const key = randomUUID();
    const first = await assistant.request<{ id: string }>('POST', '/api/kpm', body, {
      'idempotency-key': key,
    });
    const retry = await assistant.request<{ id: string }>('POST', '/api/kpm', body, {
      'idempotency-key': key,
    });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(await kpmRows()).toBe(before + 1);

    const reused = await assistant.request('POST', '/api/kpm', family(), {
      'idempotency-key': key,
    });
    expect(reused.status).toBe(422);
  });

  it('answers bad input with 400 naming every offending field, and writes nothing', async () => {
    const before = await kpmRows();
    const response = await assistant.request<{ fields: { path: string }[] }>('POST', '/api/kpm', {
      ...family(),
      nik: '3175013201900001',
      villageCode: '31.75',
      pkhEntryYear: 1990,
    });
    expect(response.status).toBe(400);
    expect(response.body.fields.map((field) => field.path).sort()).toEqual([
      'nik',
      'pkhEntryYear',
      'villageCode',
    ]);
    const malformed = await assistant.request<{ correlationId?: string }>(
      'POST',
      '/api/kpm',
      '{"headName":',
      { 'x-correlation-id': 'e2e-malformed-json' },
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.correlationId).toBe('e2e-malformed-json');
    expect((await assistant.request('GET', '/api/kpm/not-a-uuid')).status).toBe(400);
    expect(await kpmRows()).toBe(before);
  });

  it('refuses a village or NIK district that idn-area-data does not know', async () => {
    const response = await assistant.request<{ fields: { path: string }[] }>(
      'POST',
      '/api/kpm',
      family({ villageCode: '31.75.01.9999' }),
    );
    expect(response.status).toBe(400);
    expect(response.body.fields.map((field) => field.path)).toEqual(['villageCode']);
  });

  it('refuses a duplicate NIK with 409', async () => {
    const body = family();
    expect((await assistant.request('POST', '/api/kpm', body)).status).toBe(201);
    const duplicate = await assistant.request<{ fields: { path: string }[] }>('POST', '/api/kpm', {
      ...body,
      headName: 'Orang Lain',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.fields[0]?.path).toBe('nik');
  });

  it('keeps families to their assistant and region', async () => {
    const created = await assistant.request<{ id: string }>('POST', '/api/kpm', family());
    expect((await otherAssistant.request('GET', `/api/kpm/${created.body.id}`)).status).toBe(403);
    expect((await anonymous.request('GET', `/api/kpm/${created.body.id}`)).status).toBe(401);
    expect((await dinas.request('GET', '/api/regions/kpm-counts?regionCode=32.76')).status).toBe(
      403,
    );
    expect((await dinas.request('POST', '/api/kpm', family())).status).toBe(403);
    expect((await assistant.request('GET', `/api/kpm/${randomUUID()}`)).status).toBe(404);
  });
});

describe('event backbone', () => {
  it('changes nothing when an event is delivered again, and parks poison messages', async () => {
    const created = await assistant.request<{ id: string }>('POST', '/api/kpm', family());
    expect(created.status).toBe(201);
    const settled = await eventually(matramanCount, (n) => n > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const counted = await matramanCount();
    expect(counted).toBeGreaterThanOrEqual(settled);

    // Re-send the exact event the outbox published, plus a poison message on the same topic.
    const { rows } = await stack.db.query(
      `SELECT envelope FROM caseload.outbox_event
       WHERE key = $1 AND published_at IS NOT NULL AND envelope->>'type' = 'kpm.registered'`,
      [created.body.id],
    );
    expect(rows).toHaveLength(1);
    const kafka = new kafkajs.Kafka({
      clientId: 'e2e',
      brokers: stack.brokers,
      logLevel: kafkajs.logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: TOPICS.events.caseload,
      messages: [
        { key: created.body.id, value: JSON.stringify(rows[0].envelope) },
        { key: created.body.id, value: '{"type":"kpm.registered","version":1,"payload":{}}' },
      ],
    });
    await producer.disconnect();

    // A later event on the same partition still gets through: the poison did not block it.
    const next = await assistant.request('POST', '/api/kpm', family());
    expect(next.status).toBe(201);
    expect(await eventually(matramanCount, (n) => n === counted + 1)).toBe(counted + 1);

    const consumer = kafka.consumer({ groupId: `e2e-dlq-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.deadLetter, fromBeginning: true });
    const reasons: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) =>
        void reasons.push(String(message.headers?.['x-dlq-reason'])),
    });
    await eventually(
      async () => reasons.length,
      (n) => n > 0,
      20_000,
    );
    await consumer.disconnect();
    expect(reasons).toContain('malformed-envelope');
  });
});

describe('sessions', () => {
  interface Tokens {
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
  }
  const signIn = async () =>
    (
      await anonymous.request<Tokens>('POST', '/api/auth/login', {
        username: 'pendamping.matraman',
        password: 'jembatan123',
      })
    ).body;
  const refresh = (refreshToken: string) =>
    anonymous.request<Tokens & { error?: string }>('POST', '/api/auth/refresh', { refreshToken });
  const me = (accessToken: string) =>
    new GatewayClient(stack.gatewayUrl, accessToken).request('GET', '/api/auth/me');

  it('renews a session with a refresh token that works once', async () => {
    const first = await signIn();
    expect(first.expiresIn).toBeGreaterThan(0);
    const renewed = await refresh(first.refreshToken);
    expect(renewed.status).toBe(200);
    expect(renewed.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(renewed.body.accessToken)).status).toBe(200);

    // The old refresh token coming back means it was copied: the whole session ends.
    const replayed = await refresh(first.refreshToken);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error).toBe('session-ended');
    expect((await me(renewed.body.accessToken)).status).toBe(401);
    expect((await refresh(renewed.body.refreshToken)).status).toBe(401);
    // Other sessions of the same account are untouched.
    const other = await signIn();
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('ends a session at sign-out: its access and refresh tokens stop at once', async () => {
    const tokens = await signIn();
    const client = new GatewayClient(stack.gatewayUrl, tokens.accessToken);
    expect((await client.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    expect((await refresh('not-a-session.at-all')).status).toBe(401);
    const malformed = await anonymous.request<{ fields: { path: string }[] }>(
      'POST',
      '/api/auth/refresh',
      {},
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields.map((f) => f.path)).toEqual(['refreshToken']);
  });
});

describe('staff accounts', () => {
  type Account = {
    id: string;
    role: string;
    regionCode: string | null;
    disabled: boolean;
    lastChange: { change: string; reason: string | null; actorRole: string } | null;
  };
  type Refusal = { error: string; fields?: { path: string }[] };
  const newAccount = (overrides: Record<string, unknown> = {}) => ({
    username: `pendamping.${randomUUID().slice(0, 8)}`,
    displayName: 'Yanti Kusuma',
    role: 'assistant',
    regionCode: '31.75.02',
    password: 'sandi-pertama-123',
    ...overrides,
  });
  const expectedIn = async (region: string) =>
    (
      await dinas.request<{ region: { expected: number } }>(
        'GET',
        `/api/attendance/today?regionCode=${region}`,
      )
    ).body.region.expected;

  it('lets the Dinas create its region’s assistants, who sign in and join the roster', async () => {
    const before = await expectedIn('31.75.02');
    const body = newAccount();
    const created = await dinas.request<Account>('POST', '/api/accounts', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: 'assistant',
      regionCode: '31.75.02',
      disabled: false,
      lastChange: { change: 'created', actorRole: 'dinas' },
    });
    expect(JSON.stringify(created.body)).not.toContain(body.password);
    const yanti = await anonymous.login(body.username, body.password);
    expect((await yanti.request('GET', '/api/kpm')).status).toBe(200);
    // Supervision hears of her through account.changed: one more assistant expected today.
    const counted = await eventually(
      () => expectedIn('31.75.02'),
      (n) => n === before + 1,
    );
    expect(counted).toBe(before + 1);
    expect(
      (
        await dinas.request<{ items: Account[] }>('GET', '/api/accounts?role=assistant')
      ).body.items.map((a) => a.id),
    ).toContain(created.body.id);
    expect((await dinas.request('POST', '/api/accounts', body)).status).toBe(409); // name taken
  });

  it('refuses what a Dinas may not create, and regions of the wrong level or unknown', async () => {
    const outside = await dinas.request<Refusal>(
      'POST',
      '/api/accounts',
      newAccount({ regionCode: '32.76.02' }),
    );
    expect(outside.status).toBe(403);
    const aDinas = await dinas.request<Refusal>(
      'POST',
      '/api/accounts',
      newAccount({ role: 'dinas', regionCode: '31.75' }),
    );
    expect(aDinas.status).toBe(403);
    const admin = await anonymous.login('admin');
    const regency = await admin.request<Refusal>(
      'POST',
      '/api/accounts',
      newAccount({ regionCode: '31.75' }),
    );
    expect(regency.status).toBe(400);
    expect(regency.body.fields?.map((f) => f.path)).toEqual(['regionCode']);
    const invented = await admin.request<Refusal>(
      'POST',
      '/api/accounts',
      newAccount({ regionCode: '31.75.99' }),
    );
    expect(invented.status).toBe(400);
    const bad = await admin.request<Refusal>('POST', '/api/accounts', {
      ...newAccount(),
      username: 'X',
      password: 'short',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((f) => f.path).sort()).toEqual(['password', 'username']);
    expect((await assistant.request('POST', '/api/accounts', newAccount())).status).toBe(403);
  });

  it('disables with a reason (sessions end at once), enables, and resets a forgotten password', async () => {
    const body = newAccount();
    const { id } = (await dinas.request<Account>('POST', '/api/accounts', body)).body;
    const session = await anonymous.login(body.username, body.password);
    const noReason = await dinas.request<Refusal>('POST', `/api/accounts/${id}/status`, {
      disabled: true,
    });
    expect(noReason.status).toBe(400);
    const disabled = await dinas.request<Account>('POST', `/api/accounts/${id}/status`, {
      disabled: true,
      reason: 'Mengundurkan diri per 1 Desember',
    });
    expect(disabled.body).toMatchObject({
      disabled: true,
      lastChange: { change: 'disabled', reason: 'Mengundurkan diri per 1 Desember' },
    });
    expect((await session.request('GET', '/api/auth/me')).status).toBe(401);
    const refused = await anonymous.request('POST', '/api/auth/login', {
      username: body.username,
      password: body.password,
    });
    expect(refused.status).toBe(401);

    await dinas.request('POST', `/api/accounts/${id}/status`, {
      disabled: false,
      reason: 'Kembali bertugas setelah cuti',
    });
    const reset = await dinas.request<Account>('POST', `/api/accounts/${id}/password`, {
      password: 'sandi-baru-456789',
      reason: 'Lupa kata sandi, diminta langsung di kantor',
    });
    expect(reset.body.lastChange).toMatchObject({ change: 'password-reset' });
    await expect(anonymous.login(body.username, body.password)).rejects.toThrow(/401/);
    const again = await anonymous.login(body.username, 'sandi-baru-456789');

    // She changes it herself: the current one proves it is her; every session ends.
    const wrong = await again.request<Refusal>('POST', '/api/accounts/me/password', {
      current: 'not-my-password',
      password: 'sandi-milik-saya-1',
    });
    expect(wrong.body.fields?.map((f) => f.path)).toEqual(['current']);
    const changed = await again.request('POST', '/api/accounts/me/password', {
      current: 'sandi-baru-456789',
      password: 'sandi-milik-saya-1',
    });
    expect(changed.status).toBe(200);
    expect((await again.request('GET', '/api/auth/me')).status).toBe(401);
    await anonymous.login(body.username, 'sandi-milik-saya-1');

    // Nobody disables their own account (another region's are 404: the access matrix).
    const admin = await anonymous.login('admin');
    const self = await admin.request<Account & Refusal>('GET', '/api/auth/me');
    const own = await admin.request<Refusal>(
      'POST',
      `/api/accounts/${(self.body as unknown as { userId: string }).userId}/status`,
      { disabled: true, reason: 'Mencoba menonaktifkan diri' },
    );
    expect(own.status).toBe(409);
  });
});

describe('second factor for the Dinas', () => {
  it('asks for the authenticator code once it is set up, and takes each code once', async () => {
    const login = (totpCode?: string) =>
      anonymous.request<{ accessToken: string; error?: string }>('POST', '/api/auth/login', {
        username: 'dinas.jaktim',
        password: 'jembatan123',
        ...(totpCode ? { totpCode } : {}),
      });
    const desk = new GatewayClient(stack.gatewayUrl, (await login()).body.accessToken);
    expect((await desk.request('GET', '/api/auth/totp')).body).toEqual({ enabled: false });
    expect((await assistant.request('POST', '/api/auth/totp/setup')).status).toBe(403);

    const setup = await desk.request<{ secret: string; otpauthUri: string }>(
      'POST',
      '/api/auth/totp/setup',
    );
    expect(setup.body.otpauthUri).toContain(`secret=${setup.body.secret}`);
    // Nothing changes until a code from the app confirms the setup.
    expect((await login()).status).toBe(200);
    const wrong = await desk.request<{ fields: { path: string }[] }>(
      'POST',
      '/api/auth/totp/confirm',
      { code: '000000' === authenticatorCode(setup.body.secret) ? '111111' : '000000' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.map((f) => f.path)).toEqual(['code']);
    const confirmed = await desk.request('POST', '/api/auth/totp/confirm', {
      code: authenticatorCode(setup.body.secret),
    });
    expect(confirmed.body).toEqual({ enabled: true });

    const passwordOnly = await login();
    expect(passwordOnly.status).toBe(401);
    expect(passwordOnly.body.error).toBe('totp-required');
    // The confirming code was spent; the next 30-second step's code signs in, once.
    const next = authenticatorCode(setup.body.secret, Date.now() + 30_000);
    expect((await login(next)).status).toBe(200);
    expect((await login(next)).body.error).toBe('invalid-credentials');

    const off = await desk.request('POST', '/api/auth/totp/disable', {
      code: authenticatorCode(setup.body.secret, Date.now() - 30_000),
    });
    expect(off.status).toBe(400); // an older step than one already used
    expect(
      (
        await desk.request('POST', '/api/auth/totp/disable', {
          code: authenticatorCode(setup.body.secret, Date.now() + 60_000),
        })
      ).status,
    ).toBe(400); // two steps ahead: not accepted
    // Wait for a fresh step rather than reuse one: then turning it off works.
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
    const later = authenticatorCode(setup.body.secret, Date.now() + 30_000);
    expect((await desk.request('POST', '/api/auth/totp/disable', { code: later })).body).toEqual({
      enabled: false,
    });
    expect((await login()).status).toBe(200);
  }, 60_000);
});

describe('observability', () => {
  /** The value of the first sample of `name` whose labels include every one of `labels`. */
  const sample = (text: string, name: string, labels: Record<string, string>) => {
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith(`${name}{`) &&
          Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
      );
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  const scrape = async (service: string) =>
    (await fetch(`http://127.0.0.1:${stack.portOf(service)}/metrics`)).text();

  it('counts requests, events, duplicates, dead letters, lag and backlog for Prometheus', async () => {
    // The event backbone test above redelivered an event and sent a poison message.
    const supervision = await scrape('supervision');
    const caseloadTopic = TOPICS.events.caseload;
    expect(
      sample(supervision, 'jembatan_dead_letters_total', {
        topic: caseloadTopic,
        reason: 'malformed-envelope',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(supervision, 'jembatan_events_consumed_total', {
        topic: caseloadTopic,
        outcome: 'duplicate',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(supervision, 'jembatan_events_consumed_total', {
        topic: caseloadTopic,
        outcome: 'applied',
      }),
    ).toBeGreaterThanOrEqual(1);
    const lag = await eventually(
      async () =>
        sample(await scrape('supervision'), 'jembatan_consumer_lag', { topic: caseloadTopic }),
      (n) => n === 0,
    );
    expect(lag).toBe(0);

    const caseload = await scrape('caseload');
    expect(
      sample(caseload, 'jembatan_command_duration_seconds_count', {
        command: 'caseload.kpm.register',
        outcome: 'ok',
        service: 'caseload',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(caseload).toMatch(/^jembatan_outbox_backlog\{service="caseload"\} \d+$/m);
    expect(caseload).toMatch(/^jembatan_outbox_published_total\{service="caseload"\} [1-9]\d*$/m);

    const gateway = await scrape('gateway');
    expect(
      sample(gateway, 'jembatan_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/kpm',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
    // Routes are labelled as declared, never with a family's id.
    expect(gateway).not.toMatch(/route="\/api\/kpm\/[0-9a-f-]{36}/);
  });
});

describe('supervision: live ratios, stages and graduation targets', () => {
  interface Stats {
    code: string | null;
    families: number;
    assistants: number;
    familiesPerAssistant: number | null;
    stages: Record<string, number>;
    graduations: {
      selfReliant: number;
      natural: number;
      target: { selfReliant: number; total: number } | null;
    };
  }
  const village = '31.75.01.1006';
  const stats = async (client: GatewayClient, regionCode: string) =>
    client.request<{ year: number; region: Stats; children: Stats[] } & { error?: string }>(
      'GET',
      `/api/regions/stats?regionCode=${regionCode}`,
    );

  it('keeps families per assistant and natural graduations current from caseload events', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await assistant.request<{ id: string }>(
        'POST',
        '/api/kpm',
        family({ villageCode: village }),
      );
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const moved = await assistant.request('POST', `/api/kpm/${ids[0]}/stage`, {
      to: 'graduated-natural',
      reason: 'Anak terakhir lulus SMA, tidak lagi memenuhi kriteria',
    });
    expect(moved.status).toBe(200);

    const villageStats = async () =>
      (await stats(dinas, '31.75.01')).body.children.find((c) => c.code === village);
    const seen = await eventually(villageStats, (v) => v?.graduations.natural === 1);
    expect(seen).toMatchObject({
      families: 3,
      assistants: 1,
      familiesPerAssistant: 2,
      stages: { active: 2, 'graduated-natural': 1 },
      graduations: { selfReliant: 0, natural: 1 },
    });
  });

  it('lets the Dinas set a target, and keeps each city to its own figures', async () => {
    const coordinator = await anonymous.login('koordinator.jaktim');
    const year = new Date().getUTCFullYear();
    const target = { year, selfReliant: 120, total: 400 };
    expect(
      (await coordinator.request('PUT', '/api/regions/31.75/graduation-target', target)).status,
    ).toBe(403);
    const invalid = await dinas.request<{ fields: { path: string }[] }>(
      'PUT',
      '/api/regions/31.75/graduation-target',
      { ...target, selfReliant: 500 },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.fields.map((f) => f.path)).toEqual(['selfReliant']);
    expect(
      (await dinas.request('PUT', '/api/regions/31.75/graduation-target', target)).status,
    ).toBe(200);
    const city = await stats(coordinator, '31.75');
    expect(city.status).toBe(200);
    expect(city.body.region.graduations.target).toEqual({ selfReliant: 120, total: 400 });
    // Depok is another city: Jakarta Timur's coordinator may not read it.
    expect((await stats(coordinator, '32.76')).status).toBe(403);
  });
});
