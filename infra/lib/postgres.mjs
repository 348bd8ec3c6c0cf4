// A private PostgreSQL server for fault tests: the machine's own server is shared by every
// suite, so the one the tests kill -9 is a cluster of the same installed version, in the
// repo's .run folder, on a port of its own. The first start runs initdb (a few seconds).
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from './processes.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest installed server's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
function serverBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) throw new Error('No PostgreSQL server binaries found (set PG_BIN)');
  return join(root, majors[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the postgres user. */
const serverUser = () => (process.getuid?.() === 0 ? postgresUser() : {});

/**
 * Starts (initialising if needed) a server on `port` with its data under .run/. Returns a handle
 * that can crash it the hard way and start it again, as a real outage would go.
 */
export async function startPrivatePostgres({ name, port }) {
  const bin = serverBin();
  const dataDir = join(REPO_ROOT, '.run', `pg-${name}`);
  const socketDir = join(REPO_ROOT, '.run', `pg-${name}-socket`);
  rmSync(dataDir, { recursive: true, force: true }); // every run starts from an empty cluster
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(socketDir, { recursive: true });
  const user = serverUser();
  if (user.uid !== undefined) {
    chownSync(dataDir, user.uid, user.gid);
    chownSync(socketDir, user.uid, user.gid);
  }
  execFileSync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'],
    { stdio: 'ignore', cwd: dataDir, ...user },
  );

  let server;
  const start = async () => {
    const args = [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
    ];
    // Our own child (so its exit is reaped here) in a process group of its own, so that a crash
    // takes the postmaster and every backend at once.
    server = spawn(join(bin, 'postgres'), args, {
      detached: true,
      stdio: ['ignore', 'ignore', process.env.PG_DEBUG ? 'inherit' : 'ignore'],
      cwd: dataDir,
      ...user,
    });
    await waitForServer(port);
  };
  await start();
  return {
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    start,
    /** kill -9 of the server and all its backends, as a machine or container crash would. */
    async crash() {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(-server.pid, 'SIGKILL');
      await exited;
      await sleep(200);
    },
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(-server.pid, 'SIGINT'); // fast shutdown
      await exited;
    },
  };
}

function postgresUser() {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

async function waitForServer(port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({
      connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL on ${port} did not start: ${error}`, { cause: error });
      await sleep(200);
    }
  }
}

/**
 * Copies a database from the machine's server into the private one (schema and data), which is
 * how a fault stack gets the migrated template without running Prisma's migrations again.
 */
export function copyDatabase(fromUrl, toUrl) {
  const bin = serverBin();
  const dump = execFileSync(join(bin, 'pg_dump'), ['--no-owner', '--no-privileges', fromUrl], {
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync(join(bin, 'psql'), ['-q', '-v', 'ON_ERROR_STOP=1', toUrl], {
    input: dump,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}
