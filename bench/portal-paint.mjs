// Portal paint times on a phone over a weak connection: largest contentful paint (LCP) and
// first contentful paint (FCP) in headless Chromium (Debian's), each load cold (new context,
// empty cache), with Lighthouse's mobile profile: "slow 4G" (150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up) and the CPU slowed 4x. Two pages: the sign-in screen, and the
// assistant's home ("Hari ini", every card answered) opened signed in. Against a private
// stack and the built portal (build first: `npx turbo run build`).
//
//   BENCH_RUNS (cold loads per page, 7)
// Results go to bench/results/portal-paint.json.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '@jembatan/infra/browser';
import { startStack } from '@jembatan/infra/stack';
import { chromium } from 'playwright-core';
import { machine, summarise } from './lib/stats.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORTAL_PORT = 8450;
const here = dirname(fileURLToPath(import.meta.url));
const REPO = join(here, '..');
const RESULTS = join(here, 'results', 'portal-paint.json');
const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;

/** Lighthouse's mobile throttling ("slow 4G", 4x CPU). */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;

/** Records paint entries as the page makes them (runs before the page's own scripts). */
const OBSERVE_PAINTS = () => {
  const seen = { lcp: null, fcp: null };
  Object.defineProperty(globalThis, '__paints', { value: seen });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'first-contentful-paint') seen.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
};

async function coldLoad(browser, { prepare, ready }) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block', // a first visit: nothing on the phone yet
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
  });
  await page.addInitScript(OBSERVE_PAINTS);
  if (prepare) await page.addInitScript(prepare.script, prepare.arg);
  await page.goto(portalUrl);
  await ready(page);
  // LCP is final once the page has painted its content; give a late paint its chance.
  await page.waitForTimeout(500);
  const paints = await page.evaluate(() => globalThis.__paints);
  await context.close();
  return { ...paints, kb: Math.round(bytes / 1024) };
}

async function measure(browser, name, scenario) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, scenario));
  const result = {
    lcpMs: summarise(runs.map((r) => r.lcp)),
    fcpMs: summarise(runs.map((r) => r.fcp)),
    transferredKb: runs[0].kb,
  };
  console.log(
    `${name}: LCP p50 ${Math.round(result.lcpMs.p50)} ms, p95 ${Math.round(result.lcpMs.p95)} ms; ` +
      `FCP p50 ${Math.round(result.fcpMs.p50)} ms; ${result.transferredKb} KB transferred`,
  );
  return result;
}

const stack = await startStack('bench-portal', 8300);
const preview = spawn(
  join(REPO, 'node_modules', '.bin', 'vite'),
  ['preview', '--port', String(PORTAL_PORT), '--strictPort', '--host', '127.0.0.1'],
  {
    cwd: join(REPO, 'apps', 'portal'),
    env: { ...process.env, GATEWAY_URL: stack.gatewayUrl },
    stdio: 'ignore',
  },
);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (let tries = 0; ; tries++) {
    const up = await fetch(portalUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (tries > 100) throw new Error('the portal preview did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const signIn = await fetch(`${stack.gatewayUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'pendamping.matraman', password: 'jembatan123' }),
  }).then((r) => r.json());

  const results = {
    signIn: await measure(browser, 'sign-in', {
      ready: (page) => page.locator('input[name=username]').waitFor(),
    }),
    assistantHome: await measure(browser, 'assistant home', {
      // Signed in on this tab already: the app opens on her day.
      prepare: {
        script: ({ accessToken, refreshToken }) => {
          sessionStorage.setItem('jembatan.token', accessToken);
          sessionStorage.setItem('jembatan.refresh', refreshToken);
        },
        arg: { accessToken: signIn.accessToken, refreshToken: signIn.refreshToken },
      },
      // Her home, "Hari ini": ready when every card has its answer.
      ready: (page) =>
        page.waitForFunction(
          () =>
            globalThis.document.querySelectorAll('.home-card').length > 0 &&
            globalThis.document.querySelectorAll('.home-card[aria-busy="true"]').length === 0,
          undefined,
          { timeout: 60_000 },
        ),
    }),
  };
  const out = {
    at: new Date().toISOString(),
    machine: machine(),
    profile: { ...NETWORK, cpuSlowdown: CPU_SLOWDOWN, viewport: '360x740' },
    runs: RUNS,
    targetLcpMs: 2500,
    ...results,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
} finally {
  await browser.close();
  preview.kill();
  await stack.stop();
}
