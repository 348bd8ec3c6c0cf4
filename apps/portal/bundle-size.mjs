// What a browser must fetch before a screen can paint: the entry's scripts and, for a screen
// split into its own chunk, that chunk and everything it imports. Read from Vite's build
// manifest (dist/.vite/manifest.json); sizes are gzip, as served.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Each role's first screen after sign-in (App.tsx's VIEWS_BY_ROLE, first entry). */
export const ROLE_HOMES = {
  assistant: 'src/pages/TodayPage.tsx',
  coordinator: 'src/pages/DashboardPage.tsx',
  dinas: 'src/pages/DashboardPage.tsx',
  admin: 'src/pages/AccountsPage.tsx',
  partner: 'src/pages/PartnerHomePage.tsx',
  treasurer: 'src/pages/SavingsPage.tsx',
};

export function readManifest(distDir) {
  return JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8'));
}

/** The files (JS) a chunk needs, itself included, following static imports. */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

const scriptsOf = (manifest, keys) =>
  [...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));

/** Whether any script loaded to paint `screen` contains `marker` (a library's own name). */
export function loadsLibrary(distDir, screen, marker) {
  const manifest = readManifest(distDir);
  const keys = closure(manifest, 'index.html');
  closure(manifest, screen, keys);
  return scriptsOf(manifest, keys).some((file) =>
    readFileSync(join(distDir, file), 'utf8').includes(marker),
  );
}

/** Gzip bytes of the scripts loaded to paint `screen` (a source path), or sign-in when absent. */
export function initialScripts(distDir, screen) {
  const manifest = readManifest(distDir);
  const keys = closure(manifest, 'index.html');
  if (screen) {
    if (!manifest[screen]) throw new Error(`${screen} is not a chunk of the build`);
    closure(manifest, screen, keys);
  }
  const files = scriptsOf(manifest, keys);
  const bytes = files.map((file) => gzipSync(readFileSync(join(distDir, file))).length);
  return { files: files.length, gzipBytes: bytes.reduce((sum, n) => sum + n, 0) };
}
