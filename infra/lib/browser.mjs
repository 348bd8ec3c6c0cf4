// Real Chromium for the portal's browser tests: Debian's package, driven by playwright-core.
// Playwright's own browser download does not work here, so we use (and if need be install)
// the distribution's Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The path of a Chromium binary: CHROMIUM_PATH, or a system one. On a Debian machine without it,
 * run as root, installs the `chromium` package once (about a minute) rather than fail.
 */
export function chromiumPath() {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path) => path && existsSync(path));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests (first run only)...');
    const apt = (...args) =>
      execFileSync('apt-get', args, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    try {
      apt('install', '-y', '--no-install-recommends', 'chromium');
    } catch {
      apt('update'); // a new machine may not have package lists yet
      apt('install', '-y', '--no-install-recommends', 'chromium');
    }
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error('No Chromium found: install Debian package "chromium" or set CHROMIUM_PATH');
}

/** Launch flags for a headless Chromium on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
