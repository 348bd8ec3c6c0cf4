import { startStack, type Stack } from '@jembatan/infra/stack';
import { GatewayClient, eventually } from './api.js';
import { documentedRoutes, type Route } from './access/openapi.js';
import { sample, sampleBody } from './access/sampler.js';
import {
  DEWI,
  OUTSIDE_REGION,
  buildInsideWorld,
  buildOutsideWorld,
  type InsideWorld,
  type OutsideWorld,
  type Sessions,
} from './access/worlds.js';

// The access matrix, generated from the gateway's own OpenAPI document: every route is tried
// by every role (and by nobody), and by every role it admits on records outside that role's
// scope (another region's family, group, referral, session, attendance, savings...). The answer
// must be 401 without a session, 403 `role-not-allowed` for a role the route does not name, and
// 403 or 404 for a record out of scope; lists must not carry out-of-scope records; NIKs and
// phone numbers appear in full only to the family's own assistant. A new route is covered the
// day it is documented, and one whose records the matrix cannot name fails the test.

const SITI = '00000000-0000-4000-8000-000000000004';
const ABSENT = '00000000-0000-4000-8000-00000000dead';

let stack: Stack;
let routes: Route[];
let s: Sessions;
let outside: OutsideWorld;
let inside: InsideWorld;
/** Each role signed in as its Jakarta Timur demo account (treasurer: of Siti's group). */
const byRole = new Map<string, GatewayClient>();
const USERNAMES: Record<string, string> = {
  admin: 'admin',
  dinas: 'dinas.jaktim',
  coordinator: 'koordinator.jaktim',
  assistant: 'pendamping.matraman',
  partner: 'mitra.bank',
};
/** Signing out ends the session that asks: it is tried with a session of its own. */
const ENDS_OWN_SESSION = 'POST /auth/logout';
const sessionFor = async (role: string, route: Route): Promise<GatewayClient> => {
  if (role === 'anonymous') return s.anonymous;
  if (`${route.method} ${route.path}` !== ENDS_OWN_SESSION) return byRole.get(role)!;
  return role === 'treasurer' ? inside.treasurerSignIn() : s.anonymous.login(USERNAMES[role]!);
};

beforeAll(async () => {
  stack = await startStack('access', 5800);
  const anonymous = new GatewayClient(stack.gatewayUrl);
  const login = (username: string) => anonymous.login(username);
  s = {
    anonymous,
    admin: await login('admin'),
    siti: await login('pendamping.matraman'),
    rina: await login('pendamping.jatinegara'),
    bank: await login('mitra.bank'),
    dewi: await login('pendamping.cimanggis'),
    depokCoordinator: await login('koordinator.depok'),
  };
  routes = await documentedRoutes(stack.gatewayUrl);
  [outside, inside] = await Promise.all([buildOutsideWorld(s), buildInsideWorld(s)]);
  byRole.set('admin', s.admin);
  byRole.set('dinas', await login('dinas.jaktim'));
  byRole.set('coordinator', await login('koordinator.jaktim'));
  byRole.set('assistant', s.siti);
  byRole.set('partner', s.bank);
  byRole.set('treasurer', inside.treasurer);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
});

/** Which record each path parameter names, per route prefix: outside the Jakarta Timur roles. */
function outsideParams(route: Route): Record<string, string> | 'absent' {
  const o = outside;
  const table: [RegExp, Record<string, string> | 'absent'][] = [
    [/^\/kpm\/\{id\}\/products\/\{productId\}/, { id: o.family.kpmId, productId: o.productId }],
    [/^\/kpm\/\{id\}\/follow-ups\/\{followUpId\}/, { id: o.family.kpmId, followUpId: ABSENT }],
    [/^\/kpm\/\{id\}/, { id: o.family.kpmId }],
    [/^\/products\/\{id\}/, { id: o.productId }],
    [/^\/p2k2\/sessions\/\{id\}/, { id: o.sessionId }],
    [/^\/(p2k2\/)?groups\/\{id\}/, { id: o.groupId }],
    [/^\/savings\/groups\/\{groupId\}/, { groupId: o.groupId }],
    [/^\/savings\/entries\/\{entryId\}/, { entryId: o.savingsEntryId }],
    [/^\/capital\/referrals\/\{id\}/, { id: o.capitalReferralId }],
    [/^\/referrals\/\{id\}/, { id: o.partnerReferralId }],
    [/^\/offers\/\{id\}/, { id: o.loanOfferId }],
    [/^\/trainings\/\{id\}/, { id: o.trainingOfferId }],
    [/^\/nominations\/\{id\}/, { id: o.nominationId }],
    [/^\/courses\/\{id\}/, { id: o.courseId }],
    [/^\/meetings\/\{id\}/, { id: o.meetingId }],
    [/^\/announcements\/\{id\}/, { id: o.announcementId }],
    [/^\/tasks\/\{id\}/, { id: o.taskId }],
    [/^\/coaching\/\{id\}/, { id: o.coachingId }],
    [/^\/attendance\/assistants\/\{id\}/, { id: DEWI }],
    [/^\/attendance\/corrections\/\{id\}/, { id: o.correctionId }],
    [/^\/attendance\/\{id\}/, { id: o.checkInId }],
    [/^\/reports\/rhk\/\{assistantId\}/, { assistantId: DEWI }],
    [/^\/imports\/\{id\}/, { id: o.importId }],
    [/^\/partners\/\{id\}/, { id: o.lenderId }],
    // Dewi's account (Depok): the Jakarta Timur Dinas may not disable it or reset its password.
    [/^\/accounts\/\{id\}/, { id: DEWI }],
    [/\{(regionCode|code)\}/, { regionCode: OUTSIDE_REGION, code: OUTSIDE_REGION }],
    // No Depok tutor, alert or case exists to point at: these prove only that an unknown id is 404.
    [/^\/(mentoring|alerts|cases)\/\{id\}/, 'absent'],
  ];
  const match = table.find(([prefix]) => prefix.test(route.path));
  if (!match) throw new Error(`no out-of-scope record for ${route.method} ${route.path}`);
  return match[1];
}

/** A path with its parameters filled in: from a record table, or absent ids (regions: our own). */
function fill(route: Route, params: Record<string, string> | 'absent'): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value =
      params !== 'absent' ? params[name] : /^(regionCode|code)$/.test(name) ? '31.75' : ABSENT;
    if (!value) throw new Error(`no value for {${name}} in ${route.method} ${route.path}`);
    return encodeURIComponent(value);
  });
}

/** Body fields filled with what the caller may legitimately name, so only the path decides. */
function insideHints(): Record<string, unknown> {
  return {
    kpmId: inside.family.kpmId,
    memberKpmId: inside.family.kpmId,
    groupId: inside.groupId,
    regionCode: '31.75',
    villageCode: '31.75.01.1001',
    assistantId: SITI,
    assistantIds: [SITI],
    toAssistantId: SITI,
    month: new Date().toISOString().slice(0, 7),
    period: new Date().toISOString().slice(0, 7),
    officeStart: '07:30',
    officeEnd: '16:00',
  };
}

/** A request's body and headers: a valid JSON body, a tiny upload, or nothing. */
function bodyOf(
  route: Route,
  hints: Record<string, unknown>,
): { headers: Record<string, string>; body?: string | Buffer } {
  if (route.uploads?.length) {
    const type = route.uploads[0]!;
    return {
      headers: { 'content-type': type },
      body: type === 'text/csv' ? 'nik,nama\n' : Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    };
  }
  if (route.method === 'GET' || route.method === 'DELETE') return { headers: {} };
  return {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(route.body ? sampleBody(route.body, hints) : {}),
  };
}

function queryOf(route: Route, values: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const parameter of route.query) {
    if (parameter.name in values) query.set(parameter.name, values[parameter.name]!);
    else if (parameter.required)
      query.set(
        parameter.name,
        String(sample(parameter.schema ?? {}, insideHints(), parameter.name)),
      );
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

interface Answer {
  status: number;
  error?: string;
  text: string;
}

async function call(
  client: GatewayClient,
  route: Route,
  path: string,
  hints: Record<string, unknown>,
): Promise<Answer> {
  const { headers, body } = bodyOf(route, hints);
  const response = await fetch(`${stack.gatewayUrl}/api${path}`, {
    method: route.method,
    headers: {
      ...headers,
      ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let error: string | undefined;
  try {
    error = (JSON.parse(text) as { error?: string }).error;
  } catch {
    error = undefined;
  }
  return { status: response.status, ...(error ? { error } : {}), text };
}

const label = (role: string, route: Route, answer: Answer) =>
  `${role} ${route.method} ${route.path} -> ${answer.status} ${answer.text.slice(0, 160)}`;

/** Runs probes four at a time (the stack has two cores; more only queues). */
async function inParallel<T>(items: T[], probe: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < items.length) await probe(items[next++]!);
    }),
  );
}

const scopedRoles = ['dinas', 'coordinator', 'assistant', 'partner'] as const;

/** Reads open across regions by design, with why: no family's data is in them. */
const OPEN_ACROSS_REGIONS: Record<string, string> = {
  'GET /graduation/criteria/{regionCode}':
    "graduation criteria are published policy: regions compare theirs with their neighbours'",
};

describe('access matrix', () => {
  it('documents who may call every route', () => {
    expect(routes.length).toBeGreaterThan(100);
    const undocumented = routes.filter((r) => r.roles !== 'public' && r.roles.length === 0);
    expect(undocumented).toEqual([]);
  });

  it('refuses records outside the caller’s region, caseload or address', async () => {
    const probes = routes.flatMap((route) =>
      route.pathParams.length === 0 || route.roles === 'public'
        ? []
        : scopedRoles
            .filter((role) => route.roles.includes(role))
            .flatMap((role) => {
              const params = outsideParams(route);
              const paths = [fill(route, params)];
              // Siti's neighbour's family: same city, not her caseload.
              if (role === 'assistant' && params !== 'absent' && params.id === outside.family.kpmId)
                paths.push(fill(route, { ...params, id: inside.neighbour.kpmId }));
              return paths.map((path) => ({ route, role, path, absent: params === 'absent' }));
            }),
    );
    const wrong: string[] = [];
    await inParallel(probes, async ({ route, role, path }) => {
      const answer = await call(byRole.get(role)!, route, path, insideHints());
      const open = `${route.method} ${route.path}` in OPEN_ACROSS_REGIONS && role !== 'partner';
      if (open ? answer.status !== 200 : answer.status !== 403 && answer.status !== 404)
        wrong.push(label(role, route, answer));
    });
    const real = probes.filter((p) => !p.absent).length;
    console.log(
      `access matrix: ${probes.length} out-of-scope probes (${real} on real records) over ${new Set(probes.map((p) => p.route)).size} routes`,
    );
    expect(wrong).toEqual([]);
  });

  it('answers 401 without a session and 403 to a role a route does not name', async () => {
    const probes = routes.flatMap((route) =>
      ['anonymous', ...byRole.keys()].map((role) => ({ route, role })),
    );
    const wrong: string[] = [];
    await inParallel(probes, async ({ route, role }) => {
      const client = await sessionFor(role, route);
      const answer = await call(client, route, fill(route, 'absent'), {});
      const expected =
        route.roles === 'public'
          ? 'public'
          : role === 'anonymous'
            ? 401
            : route.roles.includes(role)
              ? 'admitted'
              : 'role-not-allowed';
      const fine =
        expected === 'public'
          ? answer.error !== 'unauthorized' && answer.status < 500
          : expected === 401
            ? answer.status === 401
            : expected === 'role-not-allowed'
              ? answer.status === 403 && answer.error === 'role-not-allowed'
              : answer.status !== 401 && answer.error !== 'role-not-allowed' && answer.status < 500;
      if (!fine) wrong.push(`expected ${expected}: ${label(role, route, answer)}`);
    });
    console.log(`access matrix: ${probes.length} role probes over ${routes.length} routes`);
    expect(wrong).toEqual([]);
  });

  it('lists nothing out of scope, even when asked for it by name', async () => {
    const markers = [
      outside.family.kpmId,
      outside.family.headName,
      outside.family.nik,
      outside.family.phone,
      outside.groupId,
      outside.sessionId,
      outside.capitalReferralId,
      outside.partnerReferralId,
      outside.nominationId,
      outside.checkInId,
      outside.correctionId,
      outside.taskId,
      outside.coachingId,
      outside.importId,
      outside.savingsEntryId,
      outside.meetingId,
      outside.announcementId,
      DEWI,
    ];
    // Asking by name for another region's records is refused or answered without them.
    const scopeQuery: Record<string, string> = {
      regionCode: OUTSIDE_REGION,
      kpmId: outside.family.kpmId,
      groupId: outside.groupId,
      assistantId: DEWI,
    };
    // The audit trail names the records its region's accounts reached for, refused attempts
    // included: ids of other regions' records, and nothing else of them, appear there.
    const lists = routes.filter(
      (r) => r.method === 'GET' && r.pathParams.length === 0 && r.path !== '/audit',
    );
    const probes = lists.flatMap((route) =>
      [...scopedRoles, 'treasurer' as const]
        .filter((role) => route.roles !== 'public' && route.roles.includes(role))
        .flatMap((role) => [
          { route, role, query: queryOf(route) },
          ...route.query
            .filter((q) => q.name in scopeQuery)
            .map((q) => ({
              route,
              role,
              query: queryOf(route, { [q.name]: scopeQuery[q.name]! }),
            })),
        ]),
    );
    // The control: Depok's own assistant does see her family in her list.
    const own = await s.dewi.request('GET', '/api/kpm');
    expect(JSON.stringify(own.body)).toContain(outside.family.kpmId);
    const leaks: string[] = [];
    await inParallel(probes, async ({ route, role, query }) => {
      const answer = await call(byRole.get(role)!, route, `${route.path}${query}`, {});
      const leaked = markers.filter((marker) => answer.text.includes(marker));
      if (answer.status >= 500 || leaked.length)
        leaks.push(`${label(role, route, answer)} query ${query} leaked ${leaked.join(', ')}`);
    });
    console.log(`access matrix: ${probes.length} list probes over ${lists.length} lists`);
    expect(leaks).toEqual([]);
  });

  it('shows a NIK and phone number in full only to the family’s own assistant, and child protection to no Dinas or partner', async () => {
    const { nik, phone, kpmId } = inside.family;
    const { protectionSummary } = inside;
    // The control: Siti's own read carries both, so their absence elsewhere means masking.
    const own = await s.siti.request('GET', `/api/kpm/${kpmId}`);
    expect(JSON.stringify(own.body)).toContain(nik);
    expect(JSON.stringify(own.body)).toContain(phone);
    // Coordinators do see the family's child protection case: its absence elsewhere is the rule.
    const coordinators = await byRole.get('coordinator')!.request('GET', `/api/kpm/${kpmId}`);
    expect(JSON.stringify(coordinators.body)).toContain(protectionSummary);
    // Paths name Siti's family and group where they can; other records are absent.
    const insideParams = (route: Route) =>
      route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name === 'regionCode' || name === 'code') return '31.75';
        if (/^\/kpm\/\{id\}/.test(route.path) && name === 'id') return kpmId;
        if (/groups\/\{(id|groupId)\}/.test(route.path)) return inside.groupId;
        return ABSENT;
      });
    const reads = routes.filter((r) => r.method === 'GET' && r.roles !== 'public');
    const probes = reads.flatMap((route) =>
      (['admin', 'dinas', 'coordinator', 'partner', 'treasurer'] as const)
        .filter((role) => route.roles.includes(role))
        .map((role) => ({ route, role })),
    );
    const exposed: string[] = [];
    await inParallel(probes, async ({ route, role }) => {
      const answer = await call(
        byRole.get(role)!,
        route,
        `${insideParams(route)}${queryOf(route)}`,
        {},
      );
      if (answer.text.includes(nik) || answer.text.includes(phone))
        exposed.push(label(role, route, answer));
      if (CHILD_PROTECTION_BARRED.includes(role) && answer.text.includes(protectionSummary))
        exposed.push(`${label(role, route, answer)} child protection`);
    });
    console.log(`access matrix: ${probes.length} masking probes`);
    expect(exposed).toEqual([]);
  });
});

/** Roles that never read a child protection case (the family's assistant, coordinators and admins do). */
const CHILD_PROTECTION_BARRED: readonly string[] = ['dinas', 'partner', 'treasurer'];

describe('audit trail', () => {
  interface AuditLine {
    id: number;
    actor: { id: string; name: string | null; role: string };
    ip: string;
    action: string;
    method: string;
    route: string;
    recordId: string | null;
    status: number;
  }
  type Page = { items: AuditLine[]; next: number | null };
  const dinas = () => byRole.get('dinas')!;

  it('shows the Dinas who read or changed a family, from where, with what answer', async () => {
    const { kpmId } = inside.family;
    const touched = await eventually(
      () => dinas().request<Page>('GET', `/api/audit?recordId=${kpmId}&limit=200`),
      (r) => r.status === 200 && r.body.items.some((line) => line.actor.id === SITI),
    );
    const sitiRead = touched.body.items.find(
      (line) => line.actor.id === SITI && line.route === '/api/kpm/:id',
    );
    expect(sitiRead).toMatchObject({
      action: 'read',
      method: 'GET',
      status: 200,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      actor: { name: 'Siti Rahayu', role: 'assistant' },
    });
    // The partner's attempts on the family are there too, refused ones included.
    expect(touched.body.items.some((line) => line.actor.role === 'partner')).toBe(true);
    // Changes and sign-ins are on the trail as well.
    const changes = await dinas().request<Page>('GET', `/api/audit?actorId=${SITI}&action=change`);
    expect(changes.body.items.length).toBeGreaterThan(0);
    const signIns = await dinas().request<Page>('GET', `/api/audit?actorId=${SITI}&action=sign-in`);
    expect(signIns.body.items[0]).toMatchObject({ route: '/api/auth/login', status: 200 });
  });

  it('keeps other regions’ accounts out of a Dinas’s trail, pages newest first', async () => {
    const depok = await dinas().request<Page>('GET', `/api/audit?actorId=${DEWI}`);
    expect(depok.body.items).toEqual([]);
    const national = await s.admin.request<Page>('GET', `/api/audit?actorId=${DEWI}`);
    expect(national.body.items.length).toBeGreaterThan(0);
    const first = await dinas().request<Page>('GET', '/api/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await dinas().request<Page>(
      'GET',
      `/api/audit?limit=2&before=${first.body.next}`,
    );
    expect(second.body.items[0]!.id).toBeLessThan(first.body.items[1]!.id);
    const bad = await dinas().request<{ fields: { path: string }[] }>(
      'GET',
      '/api/audit?action=delete&limit=1000',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.path).sort()).toEqual(['action', 'limit']);
  });

  it('cannot be changed, even from inside the database', async () => {
    for (const statement of [
      'UPDATE gateway.audit_event SET status = 0',
      'DELETE FROM gateway.audit_event',
      'TRUNCATE gateway.audit_event',
    ])
      await expect(stack.db.query(statement)).rejects.toThrow(/append-only/);
  });
});
