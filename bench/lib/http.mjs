// Shared by the benchmarks that drive the gateway over HTTP.
import { summarise } from './stats.mjs';

export async function login(baseUrl, username) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'jembatan123' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return (await response.json()).accessToken;
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
