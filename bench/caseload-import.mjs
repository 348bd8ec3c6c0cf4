// CSV import benchmark. Writes a CSV of BENCH_FAMILIES families in the documented layout (real
// villages, valid NIKs, 1 row in 1,000 broken on purpose), then on a private stack measures in
// one run:
//   1. plain PostgreSQL COPY of the same file into a bare table of text columns (the floor);
//   2. the import as the portal runs it: upload through the gateway (streamed to caseload),
//      validation, and the insert of families, heads and assignments, until the job says done;
//   3. the same file imported again (every row already registered; nothing may be added).
//
//   BENCH_FAMILIES (1,000,000)
// Results go to bench/results/caseload-import.json.
import { createReadStream, createWriteStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { familyImportLines } from '@jembatan/infra/fixtures';
import { startStack } from '@jembatan/infra/stack';
import pgCopy from 'pg-copy-streams';
import { machine } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 1_000_000);
const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results', 'caseload-import.json');
const CSV = join(HERE, '..', '.run', `bench-import-${FAMILIES}.csv`);

const round = (value) => Math.round(value * 10) / 10;

async function writeCsv() {
  mkdirSync(dirname(CSV), { recursive: true });
  const villages = realVillages().filter((code) => code.startsWith('31.75.'));
  const lines = familyImportLines(FAMILIES, villages, { invalidEvery: 1_000 });
  await pipeline(
    Readable.from(
      (function* () {
        for (const line of lines) yield `${line}\n`;
      })(),
    ),
    createWriteStream(CSV),
  );
  return statSync(CSV).size;
}

async function plainCopy(db) {
  const client = await db.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS public.bench_plain_copy`);
    await client.query(
      `CREATE TABLE public.bench_plain_copy (nik_pengurus text, nama_pengurus text, no_hp text, kode_kelurahan text,
         alamat text, tahun_masuk_pkh text, kelompok text)`,
    );
    const started = performance.now();
    await pipeline(
      createReadStream(CSV),
      client.query(
        pgCopy.from(`COPY public.bench_plain_copy FROM STDIN WITH (FORMAT csv, HEADER)`),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE public.bench_plain_copy`);
    return seconds;
  } finally {
    client.release();
  }
}

async function importThroughGateway(baseUrl, token) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/imports?fileName=bench.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(CSV)),
    duplex: 'half',
  });
  const accepted = await response.json();
  if (response.status !== 202)
    throw new Error(`upload: ${response.status} ${JSON.stringify(accepted)}`);
  const uploadedSeconds = (performance.now() - started) / 1000;
  const progress = [];
  for (;;) {
    const job = await (
      await fetch(`${baseUrl}/api/imports/${accepted.id}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    progress.push({
      atSeconds: round((performance.now() - started) / 1000),
      status: job.status,
      rowsReceived: job.rowsReceived,
    });
    if (job.status === 'completed' || job.status === 'failed') {
      return { seconds: (performance.now() - started) / 1000, uploadedSeconds, job, progress };
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const stack = await startStack('benchimport', 7300, { rpcTimeoutMs: 30_000 });
try {
  console.log(`stack up; writing ${FAMILIES.toLocaleString('en')} families to ${CSV}...`);
  const bytes = await writeCsv();
  const login = await fetch(`${stack.gatewayUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'pendamping.matraman', password: 'jembatan123' }),
  });
  const { accessToken } = await login.json();
  const copySeconds = await plainCopy(stack.db);
  console.log(`plain COPY: ${round(copySeconds)} s`);
  const first = await importThroughGateway(stack.gatewayUrl, accessToken);
  console.log(`import: ${round(first.seconds)} s ${JSON.stringify(first.job)}`);
  const again = await importThroughGateway(stack.gatewayUrl, accessToken);
  console.log(`re-import: ${round(again.seconds)} s ${JSON.stringify(again.job)}`);
  const { rows } = await stack.db.query('SELECT count(*)::int AS families FROM caseload.kpm');
  const output = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    rows: FAMILIES,
    fileMegabytes: round(bytes / 2 ** 20),
    targetSeconds: 120,
    plainCopySeconds: round(copySeconds),
    import: {
      seconds: round(first.seconds),
      uploadSeconds: round(first.uploadedSeconds),
      phases: first.job.timings,
      rowsInserted: first.job.rowsInserted,
      rowsInvalid: first.job.rowsInvalid,
      errors: first.job.errors,
      progress: first.progress,
    },
    ratioToPlainCopy: round(first.seconds / copySeconds),
    reimport: {
      seconds: round(again.seconds),
      rowsInserted: again.job.rowsInserted,
      rowsAlreadyRegistered: again.job.rowsAlreadyRegistered,
    },
    familiesInDatabase: rows[0].families,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`ratio to plain COPY ${output.ratioToPlainCopy}; written to ${RESULTS}`);
} finally {
  await stack.stop();
}
