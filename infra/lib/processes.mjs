// Runs Jembatan's own processes: migrations, the services and the gateway.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every service with its default health port; the gateway's port is its API port. */
export const SERVICES = [
  { name: 'caseload', port: 3101 },
  { name: 'training', port: 3102 },
  { name: 'partners', port: 3103 },
  { name: 'microcredit', port: 3104 },
  { name: 'supervision', port: 3105 },
  { name: 'gateway', port: 3000 },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

/**
 * Applies every service's committed migrations to its own schema. One after another: Prisma
 * holds a database-wide advisory lock while migrating, so parallel runs time out.
 */
export async function migrateAll(env) {
  for (const { name } of SERVICES) {
    try {
      await run('npx', ['prisma', 'migrate', 'deploy'], {
        cwd: join(REPO_ROOT, 'apps', name),
        env: { ...process.env, ...env },
      });
    } catch (error) {
      throw new Error(
        `migrations of ${name} failed: ${(error.stderr || error.message).trim().split('\n').slice(-3).join(' ')}`,
        { cause: error },
      );
    }
  }
}

/**
 * Starts one service from its build; its output goes to `logDir/<logName>.log`. `cpus` (a
 * taskset list such as "1") keeps the process and all its threads on those CPUs.
 */
export function startService(
  name,
  { env = {}, logDir = join(REPO_ROOT, '.run', 'logs'), logName = name, cpus = undefined } = {},
) {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${logName}.log`), { flags: 'a' });
  const nodeArgs = [
    '--enable-source-maps',
    // e.g. JEMBATAN_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile every service
    ...(process.env.JEMBATAN_NODE_ARGS ?? '').split(' ').filter(Boolean),
    join(REPO_ROOT, 'apps', name, 'dist', 'main.js'),
  ];
  const child = spawn(
    cpus ? 'taskset' : process.execPath,
    cpus ? ['-c', cpus, process.execPath, ...nodeArgs] : nodeArgs,
    {
      cwd: join(REPO_ROOT, 'apps', name),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

/** Waits until `url` answers 200, or throws after `timeoutMs`. */
export async function waitForHealthy(url, { timeoutMs = 60_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(250);
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms: ${last}`);
}

/** SIGTERM, then SIGKILL if the process has not exited in `graceMs`. */
export async function stopProcess(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
