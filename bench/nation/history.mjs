// A year of the nation's past, written in SQL into each service's own tables after the load
// (the API takes only recent times: a check-in is now, a session is planned at most 7 days
// back). It gives the load test's reads the volume a year of work leaves behind:
//   supervision: each assistant's office check-in on nine weekdays in ten, two home visits,
//                the day's summary and the region's daily counts;
//   caseload:    a socio-economic assessment of every family, six months ago;
//   training:    ten P2K2 sessions held by every group, monthly, with each family's attendance
//                (five of the curriculum's fifteen stay for the load test to plan and hold);
//   partners:    last year's tutoring offer of every tutor, closed, and a referral of one family
//                in five to it, answered (completed, declined or withdrawn) with its history.
// Derived figures kept elsewhere (readiness scores, graduation counters) are left as the events
// made them: this is the past's volume, not a replay of it.
import { P2K2_CATALOGUE } from '@jembatan/contracts/pure';

const HISTORY_SESSIONS = 10;

/** The curriculum's first sessions in order, as SQL VALUES (k, module, session_no). */
const curriculum = () =>
  P2K2_CATALOGUE.flatMap((m) => m.sessions.map((s) => [m.module, s.no]))
    .slice(0, HISTORY_SESSIONS)
    .map(([module, no], k) => `(${k}, '${module}', ${no})`)
    .join(', ');

const STATEMENTS = {
  'supervision: check-ins (rows: days)': `
    WITH days AS (
      SELECT s.account_id, s.region_code, d::date AS day,
             d + time '00:30' + (random() * interval '45 minutes') AS first_in
      FROM supervision.staff_member s,
           generate_series(current_date - 365, current_date - 1, interval '1 day') d
      WHERE s.role = 'assistant' AND s.active AND extract(isodow FROM d) < 6 AND random() < 0.9
    ), office AS (
      INSERT INTO supervision.attendance_entry (assistant_id, region_code, kind, day, check_in_at,
             check_out_at, in_lat, in_lng, in_accuracy_m, local_time, flags, minutes_late, source)
      SELECT account_id, region_code, 'office', day, first_in, first_in + interval '8 hours',
             -6.2, 106.85, 20, to_char(first_in + interval '7 hours', 'HH24:MI'),
             CASE WHEN first_in > day + time '01:00' THEN ARRAY['late'] ELSE ARRAY[]::text[] END,
             greatest(0, extract(epoch FROM first_in - (day + time '01:00'))::int / 60), 'check-in'
      FROM days
    ), visits AS (
      INSERT INTO supervision.attendance_entry (assistant_id, region_code, kind, ref_id, day,
             check_in_at, check_out_at, in_lat, in_lng, local_time, flags, minutes_late, source)
      SELECT account_id, region_code, 'home-visit', gen_random_uuid()::text, day,
             first_in + v * interval '2 hours', first_in + v * interval '2 hours' + interval '40 minutes',
             -6.2, 106.85, to_char(first_in + v * interval '2 hours' + interval '7 hours', 'HH24:MI'),
             ARRAY[]::text[], 0, 'check-in'
      FROM days, generate_series(1, 2) v
    )
    INSERT INTO supervision.assistant_day (assistant_id, day, region_code, first_in_at, late, minutes_late)
    SELECT account_id, day, region_code, first_in, first_in > day + time '01:00',
           greatest(0, extract(epoch FROM first_in - (day + time '01:00'))::int / 60)
    FROM days
    ON CONFLICT DO NOTHING`,
  'supervision: region days': `
    INSERT INTO supervision.region_day (region_code, day, present, late)
    SELECT code, day, count(*), count(*) FILTER (WHERE late)
    FROM supervision.assistant_day,
         LATERAL unnest(ARRAY['', left(region_code, 2), left(region_code, 5), region_code]) AS code
    WHERE day < current_date
    GROUP BY code, day
    ON CONFLICT (region_code, day) DO UPDATE SET present = excluded.present, late = excluded.late`,
  'caseload: assessments': `
    INSERT INTO caseload.assessment (id, kpm_id, instrument, instrument_version, assessed_on,
           verified, answers, recorded_by, recorded_at)
    SELECT gen_random_uuid(), k.id, 'socio-economic', 1, current_date - 180, true,
           jsonb_build_object('monthlyIncome', 1500000 + (random() * 20)::int * 100000,
             'incomeSources', 1 + (random() * 2)::int, 'monthlySpending', 1400000,
             'mealsPerDay', 2 + (random() < 0.8)::int, 'savings', (random() * 5)::int * 50000,
             'housing', jsonb_build_object('tenure', 'owned', 'floor', 'cement',
               'cleanWater', random() < 0.8, 'sanitation', random() < 0.7, 'electricity', true),
             'assets', jsonb_build_array('smartphone')),
           k.assistant_id, now() - interval '180 days'
    FROM caseload.kpm k`,
  'training: P2K2 sessions': `
    INSERT INTO training.p2k2_session (id, group_id, assistant_id, village_code, module, session_no,
           starts_at, ends_at, place, status, check_in_at, latitude, longitude, check_in_late,
           invited, attended, planned_by, held_by, held_at, created_at)
    SELECT gen_random_uuid(), g.id, g.assistant_id, g.village_code, c.module, c.session_no,
           at, at + interval '90 minutes', 'Balai warga', 'held', at + interval '5 minutes',
           -6.2, 106.85, false, 0, 0, g.assistant_id, g.assistant_id, at + interval '90 minutes',
           at - interval '7 days'
    FROM (SELECT *, row_number() OVER (PARTITION BY assistant_id ORDER BY id) - 1 AS n
          FROM training.p2k2_group) g
    CROSS JOIN (VALUES ${curriculum()}) AS c(k, module, session_no)
    -- An assistant holds one session at a time: each group of theirs meets on its own day of
    -- the month and, past 28 groups, 100 minutes after the last (392 groups before a clash;
    -- a kecamatan of many small villages gives an assistant over a hundred).
    CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - (${HISTORY_SESSIONS} - c.k) * interval '30 days'
                               - (g.n % 28) * interval '1 day'
                               + (g.n / 28 % 14) * interval '100 minutes' AS at) t`,
  'training: P2K2 attendance': `
    WITH marked AS (
      INSERT INTO training.p2k2_attendance (session_id, kpm_id, head_name, present)
      SELECT s.id, f.kpm_id, f.head_name, random() < 0.85
      FROM training.p2k2_session s JOIN training.family f ON f.group_id = s.group_id
      WHERE s.status = 'held' AND s.invited = 0
      RETURNING session_id, present
    ), counted AS (
      SELECT session_id, count(*) AS invited, count(*) FILTER (WHERE present) AS attended
      FROM marked GROUP BY session_id
    )
    UPDATE training.p2k2_session s SET invited = c.invited, attended = c.attended
    FROM counted c WHERE c.session_id = s.id`,
  "partners: last year's offers": `
    INSERT INTO partners.offer (id, partner_id, partner_name, kind, title, details, posted_at,
           capacity, closed_reason, regions, status, updated_at, valid_from, valid_until, seats_taken)
    SELECT gen_random_uuid(), o.partner_id, o.partner_name, o.kind, o.title || ' (tahun lalu)',
           o.details, now() - interval '365 days', 100000, 'Periode selesai', o.regions, 'closed',
           now() - interval '1 day', current_date - 365, current_date - 1, 0
    FROM partners.offer o WHERE o.kind = 'tutoring' AND o.status = 'open'`,
  'partners: referrals': `
    WITH last_year AS (
      SELECT DISTINCT ON (regions[1]) id, partner_id, kind, regions[1] AS regency
      FROM partners.offer WHERE status = 'closed' AND valid_until = current_date - 1 AND kind = 'tutoring'
    ), made AS (
      INSERT INTO partners.referral (id, offer_id, partner_id, kpm_id, assistant_id, village_code,
             kind, delivered_by, status, consent_given_by, consent_given_at, reason, created_at,
             updated_at, outcome_at)
      SELECT gen_random_uuid(), o.id, o.partner_id, f.kpm_id, f.assistant_id, f.village_code,
             o.kind, 'partners', st.status, 'Kepala keluarga', f.at, st.reason, f.at,
             f.at + interval '6 days', f.at + interval '6 days'
      -- random() in a select list: once per row (a LATERAL subquery would draw it once).
      FROM (SELECT *, random() AS r,
                   now() - (30 + (random() * 330)::int) * interval '1 day' AS at
            FROM partners.family_profile) f
      JOIN last_year o ON o.regency = left(f.village_code, 5)
      CROSS JOIN LATERAL (SELECT CASE WHEN f.r < 0.08 THEN 'completed'
                                      WHEN f.r < 0.16 THEN 'declined' ELSE 'withdrawn' END AS status,
                                 CASE WHEN f.r < 0.08 THEN NULL
                                      ELSE 'Jadwal tidak cocok' END AS reason) st
      WHERE f.r < 0.2
      RETURNING id, status, reason, assistant_id, partner_id, created_at, updated_at
    )
    INSERT INTO partners.referral_change (referral_id, from_status, to_status, reason, actor_id,
           actor_role, changed_at)
    SELECT id, NULL, 'referred', NULL, assistant_id, 'assistant', created_at FROM made
    UNION ALL
    SELECT id, 'referred', 'accepted', NULL, partner_id, 'partner', created_at + interval '2 days'
    FROM made WHERE status = 'completed'
    UNION ALL
    SELECT id, CASE WHEN status = 'completed' THEN 'accepted' ELSE 'referred' END, status, reason,
           CASE WHEN status = 'withdrawn' THEN assistant_id ELSE partner_id END,
           CASE WHEN status = 'withdrawn' THEN 'assistant' ELSE 'partner' END, updated_at
    FROM made`,
};

/** Writes the year; returns seconds and rows per statement. */
export async function writeHistory(db, { log = () => undefined } = {}) {
  const done = {};
  for (const [name, sql] of Object.entries(STATEMENTS)) {
    const started = performance.now();
    const { rowCount } = await db.query(sql);
    done[name] = { rows: rowCount, seconds: Math.round((performance.now() - started) / 100) / 10 };
    log(`${name}: ${rowCount} rows in ${done[name].seconds} s`);
  }
  await db.query('ANALYZE');
  return done;
}
