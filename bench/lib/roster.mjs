// Shared by the supervision benchmarks: a national roster written straight into supervision's
// tables (standing in for tens of thousands of account events) and gateway tokens signed with
// the stack's development secret (instead of tens of thousands of logins).
import { createHmac, randomUUID } from 'node:crypto';
import { realVillages } from './villages.mjs';

const DEV_JWT_SECRET = 'jembatan-development-secret-change-me-0000';
export const ADMIN = {
  id: '00000000-0000-4000-8000-000000000001',
  region: null,
  name: 'Admin Jembatan',
};

const base64url = (value) => Buffer.from(value).toString('base64url');

/** An access token as the gateway issues it (HS256), for an account of the roster. */
export function token(account, role = 'assistant') {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256' }));
  const body = base64url(
    JSON.stringify({
      role,
      region: account.region,
      name: account.name,
      sub: account.id,
      // A session of its own (the gateway checks it against its revocation list).
      sid: randomUUID(),
      iss: 'jembatan-gateway',
      iat: now,
      exp: now + 3 * 3600,
    }),
  );
  const signature = createHmac('sha256', DEV_JWT_SECRET)
    .update(`${header}.${body}`)
    .digest('base64url');
  return `${header}.${body}.${signature}`;
}

/** Every real kecamatan of idn-area-data. */
export const realDistricts = () => [...new Set(realVillages().map((v) => v.slice(0, 8)))];

/**
 * `count` active assistants spread over every real kecamatan, and what the roster's event
 * handler would have counted for them (every ancestor region and the nation).
 */
export async function loadRoster(db, count, districts = realDistricts()) {
  const assistants = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    name: `Pendamping ${i + 1}`,
    region: districts[i % districts.length],
  }));
  await db.query(
    `INSERT INTO supervision.staff_member (account_id, display_name, role, region_code, active, active_since, as_of)
     SELECT id, name, 'assistant', region, true, now() - interval '1 year', now()
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS a(id, name, region)`,
    [assistants.map((a) => a.id), assistants.map((a) => a.name), assistants.map((a) => a.region)],
  );
  await db.query(
    `INSERT INTO supervision.region_assistant_count (region_code, assistants)
     SELECT code, count(*) FROM supervision.staff_member,
       LATERAL unnest(ARRAY['', left(region_code, 2), left(region_code, 5), region_code]) AS code
     WHERE role = 'assistant' AND active GROUP BY code
     ON CONFLICT (region_code) DO UPDATE SET assistants = excluded.assistants`,
  );
  return assistants;
}
