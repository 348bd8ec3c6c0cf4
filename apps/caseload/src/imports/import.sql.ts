// The set-based SQL of a CSV import. `$staging` is the import's own unlogged table of text
// columns (line, nik_pengurus, nama_pengurus, no_hp, kode_kelurahan, alamat, tahun_masuk_pkh,
// kelompok); each statement makes one pass over it, whatever the number of rows.

export const createStaging = (staging: string) => `
  CREATE UNLOGGED TABLE ${staging} (
    line int PRIMARY KEY,
    nik_pengurus text, nama_pengurus text, no_hp text, kode_kelurahan text,
    alamat text, tahun_masuk_pkh text, kelompok text
  )`;

/**
 * Every rule a row must pass, checked at once. $1 import id, $2 the importer's region prefix
 * (null: anywhere), $3 the current year. A failed rule is one row of the error report.
 */
export const validateRows = (staging: string) => `
  WITH checked AS (
    SELECT s.*,
           btrim(s.nama_pengurus) AS name,
           btrim(s.alamat) AS address,
           btrim(s.no_hp) AS phone,
           min(s.line) OVER (PARTITION BY s.nik_pengurus) AS first_line,
           v.code IS NOT NULL AS village_known,
           d.code IS NOT NULL AS district_known,
           CASE WHEN s.nik_pengurus ~ '^[0-9]{16}$' THEN substr(s.nik_pengurus, 7, 2)::int % 40 END AS nik_day,
           CASE WHEN s.nik_pengurus ~ '^[0-9]{16}$' THEN substr(s.nik_pengurus, 9, 2)::int END AS nik_month,
           CASE WHEN s.nik_pengurus ~ '^[0-9]{16}$' THEN substr(s.nik_pengurus, 11, 2)::int END AS nik_yy,
           CASE WHEN btrim(s.tahun_masuk_pkh) ~ '^[0-9]{4}$' THEN btrim(s.tahun_masuk_pkh)::int END AS entry_year
    FROM ${staging} s
    LEFT JOIN region_ref v ON v.level = 'village' AND v.code = s.kode_kelurahan
    LEFT JOIN region_ref d ON d.level = 'district'
          AND d.code = substr(s.nik_pengurus, 1, 2) || '.' || substr(s.nik_pengurus, 3, 2) || '.' || substr(s.nik_pengurus, 5, 2)
  )
  INSERT INTO import_error (import_id, line, field, reason)
  SELECT $1::uuid, c.line, p.field, p.reason
  FROM checked c
  CROSS JOIN LATERAL (VALUES
    (CASE WHEN c.nik_pengurus !~ '^[0-9]{16}$' THEN 'nik_pengurus' END, 'must be exactly 16 digits'),
    (CASE WHEN c.nik_month IS NOT NULL AND NOT (c.nik_month BETWEEN 1 AND 12 AND c.nik_day BETWEEN 1 AND
            extract(day FROM make_date(2000 + c.nik_yy, greatest(1, least(12, c.nik_month)), 1) + interval '1 month - 1 day'))
          THEN 'nik_pengurus' END, 'digits 7-12 must be a birth date DDMMYY (day + 40 for women)'),
    (CASE WHEN c.nik_month IS NOT NULL AND c.nik_pengurus LIKE '%0000' THEN 'nik_pengurus' END,
          'the last four digits (serial) cannot be 0000'),
    (CASE WHEN c.nik_month IS NOT NULL AND NOT c.district_known THEN 'nik_pengurus' END,
          'digits 1-6 are not a district in idn-area-data'),
    (CASE WHEN c.line <> c.first_line THEN 'nik_pengurus' END, 'repeats the NIK of line ' || c.first_line),
    (CASE WHEN length(c.name) NOT BETWEEN 2 AND 120 THEN 'nama_pengurus' END, 'must have 2-120 characters'),
    (CASE WHEN c.phone <> '' AND c.phone !~ '^(\\+62|62|0)8[1-9][0-9]{6,11}$' THEN 'no_hp' END,
          'must be an Indonesian mobile number such as 081234567890'),
    (CASE WHEN NOT c.village_known THEN 'kode_kelurahan' END, 'is not a village in idn-area-data'),
    (CASE WHEN c.village_known AND $2::text IS NOT NULL AND c.kode_kelurahan NOT LIKE $2 || '.%' THEN 'kode_kelurahan' END,
          'is outside your region'),
    (CASE WHEN length(c.address) NOT BETWEEN 3 AND 300 THEN 'alamat' END, 'must have 3-300 characters'),
    (CASE WHEN c.entry_year IS NULL OR c.entry_year NOT BETWEEN 2007 AND $3::int THEN 'tahun_masuk_pkh' END, 'must be a year from 2007 (PKH started) to this year'),
    (CASE WHEN length(btrim(c.kelompok)) > 80 THEN 'kelompok' END, 'must have at most 80 characters')
  ) AS p(field, reason)
  WHERE p.field IS NOT NULL`;

/**
 * Inserts the rows that passed and are not yet registered (a re-import finds them all
 * registered), with their groups, heads as household members and first assignments, in one
 * statement. Returns the families added per village. $1 import id, $2 assistant, $3 actor id,
 * $4 the assignment reason.
 */
export const insertFamilies = (staging: string) => `
  WITH valid AS (
    SELECT s.*, btrim(s.kelompok) AS group_name
    FROM ${staging} s
    WHERE NOT EXISTS (SELECT 1 FROM import_error e WHERE e.import_id = $1::uuid AND e.line = s.line)
      AND NOT EXISTS (SELECT 1 FROM kpm_member m WHERE m.nik = s.nik_pengurus)
  ), new_groups AS (
    INSERT INTO kpm_group (id, name, village_code, assistant_id)
    SELECT gen_random_uuid(), g.group_name, g.kode_kelurahan, $2
    FROM (SELECT DISTINCT group_name, kode_kelurahan FROM valid WHERE group_name <> '') g
    ON CONFLICT (village_code, name) DO NOTHING
    RETURNING id, name, village_code
  ), families AS (
    INSERT INTO kpm (id, head_name, nik, phone, village_code, address, pkh_entry_year, assistant_id,
                     group_id, import_id, registered_at)
    SELECT gen_random_uuid(), btrim(v.nama_pengurus), v.nik_pengurus, nullif(btrim(v.no_hp), ''), v.kode_kelurahan,
           btrim(v.alamat), btrim(v.tahun_masuk_pkh)::int, $2, coalesce(ng.id, eg.id), $1::uuid, now()
    FROM valid v
    LEFT JOIN new_groups ng ON ng.village_code = v.kode_kelurahan AND ng.name = v.group_name
    LEFT JOIN kpm_group eg ON eg.village_code = v.kode_kelurahan AND eg.name = v.group_name
    ON CONFLICT (nik) DO NOTHING
    RETURNING id, nik, head_name, village_code
  ), heads AS (
    -- Birth date and sex from the NIK, as for a family registered by hand.
    INSERT INTO kpm_member (id, kpm_id, name, nik, birth_date, sex, relation)
    SELECT gen_random_uuid(), f.id, f.head_name, f.nik,
           make_date(
             CASE WHEN extract(year FROM now())::int - (2000 + substr(f.nik, 11, 2)::int) >= 15
                  THEN 2000 + substr(f.nik, 11, 2)::int ELSE 1900 + substr(f.nik, 11, 2)::int END,
             substr(f.nik, 9, 2)::int,
             substr(f.nik, 7, 2)::int % 40),
           CASE WHEN substr(f.nik, 7, 2)::int > 40 THEN 'F' ELSE 'M' END,
           'head'
    FROM families f
    RETURNING 1
  ), assignments AS (
    INSERT INTO kpm_assignment (kpm_id, assistant_id, reason, assigned_by)
    SELECT f.id, $2, $4, $3 FROM families f
    RETURNING 1
  )
  SELECT f.village_code, count(*)::int AS families,
         (SELECT count(*) FROM heads)::int AS heads, (SELECT count(*) FROM assignments)::int AS assignments
  FROM families f GROUP BY f.village_code ORDER BY f.village_code`;
