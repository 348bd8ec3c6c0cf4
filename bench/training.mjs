// Training benchmark, on a private stack:
//   1. holding a P2K2 session (attendance of 30 families, check-in) through the gateway,
//      with BENCH_SESSIONS (100,000) sessions and their attendance already in the database;
//      target p99 under 100 ms;
//   2. matching 300 families against 1,000 tutors through the gateway, and the matching
//      alone in-process; target under 500 ms.
// Background data is written straight into training's tables (the service owns them; the
// benchmark stands in for months of use). Ids the API sees are real v4 UUIDs (gen_random_uuid);
// background rows use md5-derived ids so statements can refer to each other's rows. Results go to bench/results/training.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TUTOR_EXPERTISE } from '@jembatan/contracts';
import { startStack } from '@jembatan/infra/stack';
import { matchTutors } from '../apps/training/dist/tutors/matching.js';
import { login, measure } from './lib/http.mjs';
import { machine, summarise } from './lib/stats.mjs';
import { realVillages } from './lib/villages.mjs';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const GROUP_SIZE = 30;
const HOLDS = 300;
const CONCURRENT_HOLDS = 400;
const TUTORS = 1_000;
const MATCH_FAMILIES = 300;
const MATCH_RUNS = 50;
const ASSISTANT = '00000000-0000-4000-8000-000000000004'; // pendamping.matraman
const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results', 'training.json');

/** 100,000 held sessions of 30 families for 1,000 assistants over two years, with attendance. */
async function seedBackground(db, villages) {
  const groups = Math.ceil(SESSIONS / 25);
  const started = performance.now();
  await db.query(
    `INSERT INTO training.p2k2_group (id, name, village_code, assistant_id, as_of)
     SELECT md5('g' || g)::uuid, 'Kelompok ' || g, ($2::text[])[1 + g % array_length($2, 1)],
            'bench-assistant-' || (g % 1000), now()
     FROM generate_series(1, $1::int) g`,
    [groups, villages],
  );
  await db.query(
    `INSERT INTO training.family (kpm_id, head_name, assistant_id, village_code, group_id, stage, as_of)
     SELECT md5('f' || g || '-' || i)::uuid, 'Keluarga ' || g || '-' || i, 'bench-assistant-' || (g % 1000),
            ($3::text[])[1 + g % array_length($3, 1)], md5('g' || g)::uuid, 'active', now()
     FROM generate_series(1, $1::int) g, generate_series(1, $2::int) i`,
    [groups, GROUP_SIZE, villages],
  );
  // One session a day at most per assistant: its 4 groups take turns, 25 sessions each.
  await db.query(
    `INSERT INTO training.p2k2_session (id, group_id, assistant_id, village_code, module, session_no,
            starts_at, ends_at, place, status, check_in_at, latitude, longitude, check_in_late,
            invited, attended, planned_by, held_by, held_at)
     SELECT md5('s' || g || '-' || s)::uuid, md5('g' || g)::uuid, 'bench-assistant-' || (g % 1000),
            ($2::text[])[1 + g % array_length($2, 1)], 'economy', 1 + s % 3,
            t, t + interval '90 minutes', 'Balai RW', 'held', t + interval '5 minutes', -6.2, 106.85, false,
            ${GROUP_SIZE}, ${GROUP_SIZE - 3}, 'bench', 'bench', t + interval '2 hours'
     FROM generate_series(1, $1::int) g, generate_series(0, 24) s,
          LATERAL (SELECT timestamptz '2024-01-06 12:00Z' + ((s * 4 + g / 1000) * interval '1 day') AS t) at`,
    [groups, villages],
  );
  await db.query(
    `INSERT INTO training.p2k2_attendance (session_id, kpm_id, head_name, present)
     SELECT s.id, f.kpm_id, f.head_name, (hashtext(f.kpm_id::text || s.id::text) % 10) <> 0
     FROM training.p2k2_session s JOIN training.family f ON f.group_id = s.group_id`,
  );
  await db.query(
    'VACUUM (ANALYZE) training.p2k2_session, training.p2k2_attendance, training.family',
  );
  await db.query('CHECKPOINT');
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM training.p2k2_session)::int AS sessions,
            (SELECT count(*) FROM training.p2k2_attendance)::int AS attendance`,
  );
  return { ...rows[0], seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/** Planned sessions of the demo assistant, one per group of 30, an hour apart in the past. */
async function seedPlanned(db, count) {
  const { rows } = await db.query(
    `WITH g AS (
       INSERT INTO training.p2k2_group (id, name, village_code, assistant_id, as_of)
       SELECT gen_random_uuid(), 'Kelompok bench ' || n, '31.75.01.1001', $2, now()
       FROM generate_series(1, $1::int) n RETURNING id, name
     ), f AS (
       INSERT INTO training.family (kpm_id, head_name, assistant_id, village_code, group_id, stage, as_of)
       SELECT gen_random_uuid(), 'Ibu ' || g.name || '-' || i, $2, '31.75.01.1001', g.id, 'active', now()
       FROM g, generate_series(1, ${GROUP_SIZE}) i RETURNING 1
     )
     INSERT INTO training.p2k2_session (id, group_id, assistant_id, village_code, module, session_no,
            starts_at, ends_at, place, planned_by)
     SELECT gen_random_uuid(), g.id, $2, '31.75.01.1001', 'economy', 1,
            now() - (row_number() OVER (ORDER BY g.id) + 3) * interval '2 hours',
            now() - (row_number() OVER (ORDER BY g.id) + 3) * interval '2 hours' + interval '90 minutes',
            'Balai RW 05', $2
     FROM g
     RETURNING id, starts_at, (SELECT count(*) FROM f) AS families`,
    [count, ASSISTANT],
  );
  const sessions = [];
  for (const row of rows) {
    const { rows: roster } = await db.query(
      `SELECT kpm_id FROM training.family f JOIN training.p2k2_session s ON s.group_id = f.group_id
       WHERE s.id = $1`,
      [row.id],
    );
    sessions.push({ id: row.id, startsAt: row.starts_at, kpmIds: roster.map((r) => r.kpm_id) });
  }
  return sessions;
}

async function seedTutors(db, villages) {
  const districts = [...new Set(villages.map((v) => v.slice(0, 8)))];
  const tutors = Array.from({ length: TUTORS }, (_, i) => ({
    expertise: [
      TUTOR_EXPERTISE[i % TUTOR_EXPERTISE.length],
      TUTOR_EXPERTISE[(i * 7 + 3) % TUTOR_EXPERTISE.length],
    ],
    area: i % 10 === 0 ? '31.75' : districts[i % districts.length],
  }));
  await db.query(
    `INSERT INTO training.tutor (id, partner_id, name, expertise, area_code, capacity, bio, updated_at)
     SELECT gen_random_uuid(), 'bench-partner-' || i, 'Tutor ' || i,
            ARRAY[($1::text[])[i], ($2::text[])[i]], ($3::text[])[i], 5 + i % 10, '', now()
     FROM generate_series(1, $4::int) i`,
    [
      tutors.map((t) => t.expertise[0]),
      tutors.map((t) => t.expertise[1]),
      tutors.map((t) => t.area),
      TUTORS,
    ],
  );
  const kinds = ['food', 'retail', 'crafts', 'services', 'agriculture', 'livestock'];
  const { rows } = await db.query(
    `INSERT INTO training.family (kpm_id, head_name, assistant_id, village_code, stage, business_kind,
                                  business_started_on, as_of)
     SELECT gen_random_uuid(), 'Usaha ' || i, $1, ($2::text[])[1 + i % array_length($2, 1)], 'active',
            ($3::text[])[1 + i % array_length($3, 1)], date '2025-01-01', now()
     FROM generate_series(1, $4::int) i RETURNING kpm_id`,
    [ASSISTANT, villages.filter((v) => v.startsWith('31.75.')), kinds, MATCH_FAMILIES],
  );
  return rows.map((r) => r.kpm_id);
}

const stack = await startStack('benchtraining', 7400, { rpcTimeoutMs: 30_000 });
try {
  const villages = realVillages().filter((code) => code.startsWith('31.'));
  console.log(`stack up; loading ${SESSIONS.toLocaleString('en')} sessions...`);
  const background = await seedBackground(stack.db, villages);
  console.log(`loaded ${JSON.stringify(background)}`);
  const WARMUP = 50;
  const sessions = await seedPlanned(stack.db, 2 * HOLDS + CONCURRENT_HOLDS + 3 * WARMUP);
  const token = await login(stack.gatewayUrl, 'pendamping.matraman');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  // Each hold uses its own planned session; `offset` keeps the runs apart.
  const hold = (offset) => async (i) => {
    const session = sessions[offset + i];
    const response = await fetch(`${stack.gatewayUrl}/api/p2k2/sessions/${session.id}/attendance`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        attendance: session.kpmIds.map((kpmId, n) => ({ kpmId, present: n % 5 !== 0 })),
        notes: 'Materi ekonomi 1',
        checkIn: {
          at: new Date(session.startsAt.getTime() + 5 * 60_000).toISOString(),
          latitude: -6.2107,
          longitude: 106.8599,
          accuracyMeters: 10,
        },
      }),
    });
    if (response.status !== 200)
      throw new Error(`hold: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  // Three runs on disjoint sessions (warm-ups take the indexes past `requests`): one client
  // right after the bulk load, eight clients, then one client again once the machine settled.
  let offset = 0;
  const run = async (clients, requests) => {
    const result = await measure(hold(offset), { clients, requests, warmup: WARMUP });
    offset += requests + WARMUP;
    console.log(`hold (${clients} client(s)): ${JSON.stringify(result)}`);
    return result;
  };
  const firstAfterLoad = await run(1, HOLDS);
  const concurrent = await run(8, CONCURRENT_HOLDS);
  const sequential = await run(1, HOLDS);

  const kpmIds = await seedTutors(stack.db, villages);
  const match = async () => {
    const response = await fetch(`${stack.gatewayUrl}/api/tutors/matches`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ kpmIds, perFamily: 3 }),
    });
    if (response.status !== 200)
      throw new Error(`match: ${response.status} ${await response.text()}`);
    const body = await response.json();
    if (body.families.length !== MATCH_FAMILIES) throw new Error('missing families');
  };
  const matching = await measure(match, { clients: 1, requests: MATCH_RUNS, warmup: 5 });
  console.log(`match 300 x 1000 (gateway): ${JSON.stringify(matching)}`);

  // The scoring alone, on the same data, in this process.
  const { rows: families } = await stack.db.query(
    `SELECT kpm_id AS "kpmId", village_code AS "villageCode", business_kind AS "businessKind"
     FROM training.family WHERE kpm_id = ANY($1::uuid[])`,
    [kpmIds],
  );
  const { rows: tutors } = await stack.db.query(
    `SELECT id, name, expertise, area_code AS "areaCode", capacity AS "freePlaces" FROM training.tutor`,
  );
  const inProcess = [];
  for (let i = 0; i < MATCH_RUNS; i++) {
    const t0 = performance.now();
    matchTutors(families, tutors, 3);
    inProcess.push(performance.now() - t0);
  }

  const output = {
    measuredAt: new Date().toISOString(),
    machine: machine(),
    background,
    holdSession: {
      familiesPerSession: GROUP_SIZE,
      targetP99Ms: 100,
      sequential,
      concurrent,
      firstAfterLoad,
    },
    matchTutors: {
      families: MATCH_FAMILIES,
      tutors: TUTORS,
      targetMs: 500,
      throughGateway: matching,
      scoringInProcess: summarise(inProcess),
    },
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`written to ${RESULTS}`);
} finally {
  await stack.stop();
}
