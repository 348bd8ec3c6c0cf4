import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '@jembatan/infra/browser';
import { startStack, type Stack } from '@jembatan/infra/stack';
import { chromium, type Browser } from 'playwright-core';
import { GatewayClient, eventually, family } from './api.js';

// The portal in real Chromium against the real stack: an assistant signs in, opens a family,
// records an assessment and sees the readiness score change.

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
        Number(document.querySelector('[data-testid=readiness-score]')?.textContent) > previous,
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

    const profile = await assistant.request<{ readinessScore: number }>(
      'GET',
      `/api/kpm/${created.body.id}`,
    );
    expect(profile.body.readinessScore).toBe(after);
  } finally {
    await page.close();
  }
});
