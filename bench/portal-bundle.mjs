// Portal bundle sizes: the gzipped JavaScript a browser fetches before each role's home can
// paint (and the sign-in screen), from the production build. Build first (`npx turbo run build
// --filter=@jembatan/portal`). Results go to bench/results/portal-bundle.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLE_HOMES, initialScripts, readManifest } from '../apps/portal/bundle-size.mjs';
import { machine } from './lib/stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = join(here, '..', 'apps', 'portal', 'dist');
const RESULTS = join(here, 'results', 'portal-bundle.json');

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const manifest = readManifest(DIST);
const chunks = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js')).length;
const signIn = initialScripts(DIST);
const homes = Object.fromEntries(
  Object.entries(ROLE_HOMES).map(([role, screen]) => {
    const { files, gzipBytes } = initialScripts(DIST, screen);
    return [role, { screen, files, gzipKb: kb(gzipBytes) }];
  }),
);
const result = {
  at: new Date().toISOString(),
  machine: machine(),
  budgetKb: 250,
  chunks,
  signIn: { files: signIn.files, gzipKb: kb(signIn.gzipBytes) },
  homes,
};
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
console.log(`portal: ${chunks} chunks; sign-in ${result.signIn.gzipKb} KB gzip`);
for (const [role, home] of Object.entries(homes))
  console.log(
    `  ${role.padEnd(12)} ${home.gzipKb} KB gzip in ${home.files} files (${home.screen})`,
  );
