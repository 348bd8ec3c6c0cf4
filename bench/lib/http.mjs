// Shared by the benchmarks that drive the gateway over HTTP.
import { summarise } from './stats.mjs';

export async function login(baseUrl, username, password = 'jembatan123') {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return (await response.json()).accessToken;
}

/**
 * A caller of the gateway's API with one token: `call(method, path, body)` gives the status and
 * the parsed body; `send` does the same but throws on an answer other than `expected`.
 */
export function apiClient(baseUrl, token) {
  const call = async (method, path, body, { contentType = 'application/json' } = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: a CSV or an HTML error page, kept as text
    }
    return { status: response.status, body: parsed };
  };
  const send = async (method, path, body, expected, options) => {
    const answer = await call(method, path, body, options);
    const wanted = Array.isArray(expected) ? expected : [expected ?? 200];
    if (!wanted.includes(answer.status))
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return { call, send };
}

/**
 * Runs `request(i)` for i = 0 .. requests-1 from `clients` concurrent clients, after `warmup`
 * calls (indexes `requests` onwards, so a request that can run only once per index, like
 * holding a session, never repeats); latencies in ms.
 */
export async function measure(request, { clients, requests, warmup = 50 }) {
  for (let i = 0; i < warmup; i++) await request(requests + i); // JIT, plan cache, connections
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        const index = next++;
        const t0 = performance.now();
        await request(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    clients,
    throughputPerSecond: Math.round(latencies.length / seconds),
    latency: summarise(latencies),
  };
}
