import { startStack, type Stack } from '@jembatan/infra/stack';
import { GatewayClient } from './api.js';
import { documentedRoutes, type Route } from './access/openapi.js';

// Hostile input against every route the gateway documents: malformed, oversized and
// injection-shaped paths, queries and bodies, signed in as each role and as nobody. Whatever
// arrives, the answer is a 4xx (or a 2xx for a harmless read), never a 5xx, and no service
// dies. Deterministic: a seeded generator, so a failure names a request that can be replayed.

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CLIENTS = 4;

let stack: Stack;
let routes: Route[];
const sessions: { role: string; client: GatewayClient }[] = [];

/** mulberry32: small, seeded, good enough to pick among shapes. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE kpm; --",
  '"; SELECT pg_sleep(5); --',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(400),
  'x'.repeat(5_000),
  '😀'.repeat(300),
  ' ',
  '',
  'null',
  'true',
  '[]',
  '{}',
];

const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  null,
  true,
  -1,
  0,
  2 ** 53,
  1e308,
  -1e308,
  3.14159,
  [],
  [null],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  Array.from({ length: 2_000 }, (_, i) => i),
];

/** A JSON value nested `depth` deep: parsers and validators must not blow their stack. */
const nested = (depth: number): unknown => {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

/** Field names the services use, so hostile values reach real validators and not only strict-object checks. */
const FIELDS = [
  'kpmId',
  'groupId',
  'offerId',
  'productId',
  'amount',
  'status',
  'regionCode',
  'villageCode',
  'nik',
  'phone',
  'headName',
  'username',
  'password',
  'action',
  'reason',
  'startsAt',
  'occurredOn',
  'kind',
  'limit',
  'cursor',
  'eligibility',
  'details',
  'consent',
  'answers',
];

function hostileRequest(next: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const route = pick(routes);
  const path = route.path.replace(/\{[^}]+\}/g, () =>
    encodeURIComponent(String(pick(HOSTILE_STRINGS))),
  );
  const query = Array.from(
    { length: Math.floor(next() * 3) },
    () => `${pick(FIELDS)}=${encodeURIComponent(String(pick(HOSTILE_STRINGS)))}`,
  ).join('&');
  let body: string | undefined;
  if (route.method !== 'GET') {
    const shape = next();
    if (shape < 0.15) body = '{"unterminated": ';
    else if (shape < 0.2)
      body = 'a'.repeat(150_000); // over the 100 kB limit
    else if (shape < 0.25) body = JSON.stringify(nested(3_000));
    else if (shape < 0.3) body = JSON.stringify(pick(HOSTILE_VALUES));
    else
      body = JSON.stringify(
        Object.fromEntries(
          Array.from({ length: 1 + Math.floor(next() * 5) }, () => [
            pick(FIELDS),
            next() < 0.2 ? nested(50) : pick(HOSTILE_VALUES),
          ]),
        ),
      );
  }
  return { method: route.method, path: `/api${path}${query ? `?${query}` : ''}`, body };
}

beforeAll(async () => {
  stack = await startStack('fuzz', 5600);
  const anonymous = new GatewayClient(stack.gatewayUrl);
  // Signing out would end the very sessions the fuzzing uses (the sessions test covers it).
  routes = (await documentedRoutes(stack.gatewayUrl)).filter(
    (r) => !(r.method === 'POST' && r.path === '/auth/logout'),
  );
  sessions.push({ role: 'anonymous', client: anonymous });
  for (const [role, username] of [
    ['admin', 'admin'],
    ['dinas', 'dinas.jaktim'],
    ['coordinator', 'koordinator.jaktim'],
    ['assistant', 'pendamping.matraman'],
    ['partner', 'mitra.bank'],
  ] as const)
    sessions.push({ role, client: await anonymous.login(username) });
});

afterAll(async () => {
  await stack?.stop();
});

it('answers thousands of hostile requests on every route with 4xx, never 5xx, and nothing dies', async () => {
  expect(routes.length).toBeGreaterThan(100);
  const next = random(20261124);
  const plan = Array.from({ length: REQUESTS }, () => ({
    ...hostileRequest(next),
    session: sessions[Math.floor(next() * sessions.length)]!,
  }));
  const statuses = new Map<number, number>();
  const serverErrors: string[] = [];
  let cursor = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (cursor < plan.length) {
        const request = plan[cursor++]!;
        const headers: Record<string, string> = {};
        if (request.body !== undefined) headers['content-type'] = 'application/json';
        let status: number;
        try {
          const response = await fetch(`${stack.gatewayUrl}${request.path}`, {
            method: request.method,
            headers: {
              ...headers,
              ...(request.session.client.token
                ? { authorization: `Bearer ${request.session.client.token}` }
                : {}),
            },
            ...(request.body !== undefined ? { body: request.body } : {}),
          });
          status = response.status;
          const text = await response.text();
          // No stack trace or driver message ever reaches a client.
          if (/\bat .+\.(js|ts):\d+|PrismaClient|node_modules/.test(text))
            serverErrors.push(`${status} leaked internals: ${request.method} ${request.path}`);
        } catch (error) {
          status = 0;
          serverErrors.push(`no answer (${String(error)}): ${request.method} ${request.path}`);
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500)
          serverErrors.push(
            `${status} ${request.session.role} ${request.method} ${request.path.slice(0, 200)} ${request.body?.slice(0, 200) ?? ''}`,
          );
      }
    }),
  );
  console.log(
    `fuzz: ${REQUESTS} requests over ${routes.length} routes; answers ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  expect(serverErrors).toEqual([]);
  // The audit trail kept up: no hostile line (a NUL byte in a path, say) held up the others.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const { rows } = await stack.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM gateway.audit_event',
  );
  console.log(`fuzz: ${rows[0]!.n} audit lines written`);
  expect(rows[0]!.n).toBeGreaterThan(REQUESTS / 4);
  // Every service still up and ready.
  for (const [service, child] of stack.children) {
    expect({ service, exitCode: child.exitCode }).toEqual({ service, exitCode: null });
    const ready = await fetch(`http://127.0.0.1:${stack.portOf(service)}/health/ready`);
    expect({ service, status: ready.status }).toEqual({ service, status: 200 });
  }
}, 900_000);
