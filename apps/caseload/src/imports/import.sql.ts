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
 * Every rule a row must pass, computed in one pass over the staging table; only rows with a
 * problem are expanded into error rows (one per failed rule). $1 import id, $2 the importer's
 * region prefix (null: anywhere), $3 the current year.
 */
export const validateRows = (staging: string) => `
  WITH repeated AS (
    SELECT nik_pengurus, min(line) AS first_line FROM ${staging} GROUP BY nik_pengurus HAVING count(*) > 1
  ), parsed AS MATERIALIZED (
    -- Materialized: each derived column below is computed once, not at every use.
    SELECT s.line, s.nik_pengurus AS nik, s.kode_kelurahan AS village, btrim(s.kelompok) AS group_name,
           length(btrim(s.nama_pengurus)) AS name_length, length(btrim(s.alamat)) AS address_length,
           btrim(s.no_hp) AS phone,
           CASE WHEN s.line > r.first_line THEN r.first_line END AS repeats_line,
           v.code IS NOT NULL AS village_known,
           d.code IS NOT NULL AS district_known,
           s.nik_digits,
           CASE WHEN s.nik_digits THEN substr(s.nik_pengurus, 7, 2)::int % 40 END AS nik_day,
           CASE WHEN s.nik_digits THEN substr(s.nik_pengurus, 9, 2)::int END AS nik_month,
           CASE WHEN s.nik_digits THEN substr(s.nik_pengurus, 11, 2)::int END AS nik_yy,
           CASE WHEN length(s.year_text) = 4 AND translate(s.year_text, '0123456789', '') = ''
                THEN s.year_text::int END AS entry_year
    FROM (
      -- Digit checks with translate(): a regular expression per row costs far more.
      SELECT *, length(nik_pengurus) = 16 AND translate(nik_pengurus, '0123456789', '') = '' AS nik_digits,
             btrim(tahun_masuk_pkh) AS year_text
      FROM ${staging}
    ) s
    LEFT JOIN repeated r ON r.nik_pengurus = s.nik_pengurus
    LEFT JOIN region_ref v ON v.level = 'village' AND v.code = s.kode_kelurahan
    LEFT JOIN region_ref d ON d.level = 'district'
          AND d.code = substr(s.nik_pengurus, 1, 2) || '.' || substr(s.nik_pengurus, 3, 2) || '.' || substr(s.nik_pengurus, 5, 2)
  ), found AS (
    SELECT p.line, array_remove(ARRAY[
      CASE WHEN NOT p.nik_digits THEN 'nik_pengurus|must be exactly 16 digits' END,
      CASE WHEN p.nik_digits AND NOT (
             p.nik_month BETWEEN 1 AND 12
             AND p.nik_day BETWEEN 1 AND (ARRAY[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[p.nik_month]
             AND NOT (p.nik_month = 2 AND p.nik_day = 29 AND p.nik_yy % 4 <> 0))
           THEN 'nik_pengurus|digits 7-12 must be a birth date DDMMYY (day + 40 for women)' END,
      CASE WHEN p.nik_digits AND p.nik LIKE '%0000' THEN 'nik_pengurus|the last four digits (serial) cannot be 0000' END,
      CASE WHEN p.nik_digits AND NOT p.district_known THEN 'nik_pengurus|digits 1-6 are not a district in idn-area-data' END,
      CASE WHEN p.repeats_line IS NOT NULL THEN 'nik_pengurus|repeats the NIK of line ' || p.repeats_line END,
      CASE WHEN p.name_length IS NULL OR p.name_length NOT BETWEEN 2 AND 120 THEN 'nama_pengurus|must have 2-120 characters' END,
      CASE WHEN p.phone <> '' AND p.phone !~ '^(\\+62|62|0)8[1-9][0-9]{6,11}$'
           THEN 'no_hp|must be an Indonesian mobile number such as 081234567890' END,
      CASE WHEN NOT p.village_known THEN 'kode_kelurahan|is not a village in idn-area-data' END,
      CASE WHEN p.village_known AND $2::text IS NOT NULL AND p.village NOT LIKE $2::text || '.%'
           THEN 'kode_kelurahan|is outside your region' END,
      CASE WHEN p.address_length IS NULL OR p.address_length NOT BETWEEN 3 AND 300 THEN 'alamat|must have 3-300 characters' END,
      CASE WHEN p.entry_year IS NULL OR p.entry_year NOT BETWEEN 2007 AND $3::int
           THEN 'tahun_masuk_pkh|must be a year from 2007 (PKH started) to this year' END,
      CASE WHEN length(p.group_name) > 80 THEN 'kelompok|must have at most 80 characters' END
    ], NULL) AS problems
    FROM parsed p
  )
  INSERT INTO import_error (import_id, line, field, reason)
  SELECT $1::uuid, f.line, split_part(problem, '|', 1), substr(problem, strpos(problem, '|') + 1)
  FROM (SELECT * FROM found WHERE cardinality(problems) > 0) f
  CROSS JOIN LATERAL unnest(f.problems) AS problem`;

/**
 * A version 7 UUID (millisecond time first, then random bits): ids of a bulk insert arrive in
 * order, so primary-key and foreign-key indexes grow at their right edge instead of at random.
 */
const UUID_V7 = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
  FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

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
    -- No ON CONFLICT: validation already excluded registered and repeated NIKs, and a family
    -- registered by hand meanwhile makes the whole import fail cleanly instead (import again).
    INSERT INTO kpm (id, head_name, nik, phone, village_code, address, pkh_entry_year, assistant_id,
                     group_id, import_id, registered_at)
    SELECT ${UUID_V7}, btrim(v.nama_pengurus), v.nik_pengurus, nullif(btrim(v.no_hp), ''), v.kode_kelurahan,
           btrim(v.alamat), btrim(v.tahun_masuk_pkh)::int, $2, coalesce(ng.id, eg.id), $1::uuid, now()
    FROM valid v
    LEFT JOIN new_groups ng ON ng.village_code = v.kode_kelurahan AND ng.name = v.group_name
    LEFT JOIN kpm_group eg ON eg.village_code = v.kode_kelurahan AND eg.name = v.group_name
    ORDER BY v.line
    RETURNING id, nik, head_name, village_code
  ), heads AS (
    -- Birth date and sex from the NIK, as for a family registered by hand.
    INSERT INTO kpm_member (id, kpm_id, name, nik, birth_date, sex, relation)
    SELECT ${UUID_V7}, f.id, f.head_name, f.nik,
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
