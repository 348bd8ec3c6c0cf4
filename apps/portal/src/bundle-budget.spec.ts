// The performance budget of issue 8: a phone on a weak connection must not download more than
// 250 KB of gzipped JavaScript before an assistant's home can paint. Runs on the production
// build (the test task depends on it); bench/portal-bundle.mjs records the figures.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLE_HOMES, initialScripts, loadsLibrary } from '../bundle-size.mjs';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET_BYTES = 250 * 1024;

it.each(Object.entries(ROLE_HOMES))(
  'keeps the %s home within 250 KB of gzipped JavaScript',
  (_, screen) => {
    const { gzipBytes } = initialScripts(DIST, screen);
    expect(gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
  },
);

it('loads a screen only when it is opened (the sign-in needs less than any home)', () => {
  const signIn = initialScripts(DIST).gzipBytes;
  const assistantHome = initialScripts(DIST, ROLE_HOMES.assistant).gzipBytes;
  const familyPage = initialScripts(DIST, 'src/pages/FamilyPage.tsx').gzipBytes;
  expect(signIn).toBeLessThan(assistantHome);
  // The family page's code (assessment forms, charts) is not part of the home.
  expect(assistantHome).toBeLessThan(familyPage);
});

it("keeps zod (about 50 KB) out of the assistant's and the partner's first download", () => {
  // The control: the family page validates with the contracts, so zod is in its scripts.
  expect(loadsLibrary(DIST, 'src/pages/FamilyPage.tsx', 'ZodError')).toBe(true);
  expect(loadsLibrary(DIST, ROLE_HOMES.assistant, 'ZodError')).toBe(false);
  expect(loadsLibrary(DIST, ROLE_HOMES.partner, 'ZodError')).toBe(false);
});
