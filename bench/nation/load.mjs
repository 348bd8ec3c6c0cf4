// Loads a synthetic nation (plan.mjs) into a running Jembatan through the gateway, along the
// paths its users take: the admin creates the staff accounts, coordinators' CSV imports fill
// each assistant's caseload, partners register themselves, are verified and post their offers,
// and assistants record household members and business assessments on the family's profile.
// Everything else the services know (cards, rosters, counters) follows from the events.
import { apiClient, login } from '../lib/http.mjs';
import { inParallel } from '../lib/parallel.mjs';
import { familiesOf, importLines } from './plan.mjs';

/** Every planned account's password (at least 10 characters, as the gateway asks). */
export const NATION_PASSWORD = 'jembatan-nation';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The plan's staff besides assistants: a Dinas per province, a coordinator per regency. */
export function supervisorsOf(plan) {
  const provinces = [...new Set(plan.regencies.map((r) => r.slice(0, 2)))];
  return [
    ...provinces.map((code) => ({
      username: `dinas.${code}`,
      displayName: `Dinas Sosial ${code}`,
      role: 'dinas',
      regionCode: code,
    })),
    ...plan.regencies.map((code) => ({
      username: `koordinator.${code.replace('.', '')}`,
      displayName: `Koordinator ${code}`,
      role: 'coordinator',
      regionCode: code,
    })),
  ];
}

/**
 * Loads `plan` through the gateway at `baseUrl` as `adminToken`'s admin. `detailShare` of each
 * assistant's families get their members and business recorded through the API (the import
 * carries the head only); the rest stay as imported. Returns who was created (ids for the load
 * test) and the seconds each phase took.
 */
export async function loadNation({
  baseUrl,
  adminToken,
  plan,
  concurrency = 4,
  detailShare = 1,
  log = () => undefined,
}) {
  const admin = apiClient(baseUrl, adminToken);
  const seconds = {};
  const timed = async (phase, work) => {
    const started = performance.now();
    const result = await work();
    seconds[phase] = Math.round((performance.now() - started) / 100) / 10;
    log(`${phase}: ${seconds[phase]} s`);
    return result;
  };

  // Staff accounts: one argon2id hash each, so this is the slow part at national sizes.
  const createAccount = (account) =>
    admin.send('POST', '/api/accounts', { ...account, password: NATION_PASSWORD }, 201);
  const supervisors = await timed('supervisor accounts', () =>
    inParallel(supervisorsOf(plan), concurrency, createAccount),
  );
  const assistants = await timed('assistant accounts', () =>
    inParallel(plan.assistants, concurrency, (a) =>
      createAccount({
        username: a.username,
        displayName: a.displayName,
        role: 'assistant',
        regionCode: a.districtCode,
      }),
    ),
  );

  // Families: one CSV per assistant, imported on their behalf as a coordinator would.
  const imports = await timed('family imports', () =>
    inParallel(plan.assistants, Math.min(concurrency, 2), async (assistant, i) => {
      const csv = `${[...importLines(plan, assistant)].join('\n')}\n`;
      const query = new URLSearchParams({
        fileName: `${assistant.username}.csv`,
        assistantId: assistants[i].id,
      });
      const accepted = await admin.send('POST', `/api/imports?${query}`, csv, 202, {
        contentType: 'text/csv',
      });
      for (;;) {
        const job = await admin.send('GET', `/api/imports/${accepted.id}`);
        if (job.status === 'failed')
          throw new Error(`import ${assistant.username}: ${job.failure}`);
        if (job.status === 'completed') return job;
        await sleep(200);
      }
    }),
  );
  const refused = imports.reduce((sum, job) => sum + job.rowsInvalid, 0);
  if (refused > 0) throw new Error(`${refused} planned families were refused by the import`);

  const partners = await timed('partners and offers', () =>
    inParallel(plan.partners, concurrency, (partner) => registerPartner(baseUrl, admin, partner)),
  );

  const detailed = await timed('members and business assessments', () =>
    // Commands, not hashes: more at once than the accounts (caseload takes ~100 a second).
    inParallel(plan.assistants, concurrency * 4, async (assistant) => {
      const token = await login(baseUrl, assistant.username, NATION_PASSWORD);
      return recordHouseholds(apiClient(baseUrl, token), plan, assistant, detailShare);
    }),
  );

  return {
    seconds,
    supervisors: supervisors.map(pick),
    assistants: assistants.map(pick),
    partners,
    families: imports.reduce((sum, job) => sum + job.rowsInserted, 0),
    detailed: detailed.reduce((sum, n) => sum + n, 0),
  };
}

const pick = ({ id, username, role, regionCode }) => ({ id, username, role, regionCode });

/** A partner registers, waits until the registry holds it, is verified, then posts its offers. */
async function registerPartner(baseUrl, admin, partner) {
  const anonymous = apiClient(baseUrl);
  const { accountId } = await anonymous.send(
    'POST',
    '/api/partners/register',
    { username: partner.username, password: NATION_PASSWORD, profile: partner.profile },
    202,
  );
  // The profile reaches the partners service through the gateway's outbox and Kafka.
  for (let attempt = 0; ; attempt++) {
    const verified = await admin.call('POST', `/api/partners/${accountId}/verification`, {
      decision: 'verify',
    });
    if (verified.status === 200) break;
    if (verified.status !== 404 || attempt > 300)
      throw new Error(`verify ${partner.username}: ${verified.status}`);
    await sleep(100);
  }
  const self = apiClient(baseUrl, await login(baseUrl, partner.username, NATION_PASSWORD));
  const offers = [];
  for (const offer of partner.offers)
    offers.push((await self.send('POST', '/api/offers', offer, 201)).id);
  return { id: accountId, username: partner.username, kind: partner.profile.kind, offers };
}

/** Members and the business assessment of the first `share` of an assistant's families. */
async function recordHouseholds(assistantApi, plan, assistant, share) {
  const wanted = Math.round(assistant.families * share);
  if (wanted === 0) return 0;
  const idByHead = new Map();
  let cursor = null;
  do {
    const page = await assistantApi.send(
      'GET',
      `/api/kpm?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of page.items) idByHead.set(item.headName, item.id);
    cursor = page.nextCursor;
  } while (cursor);
  let done = 0;
  for (const family of familiesOf(plan, assistant)) {
    if (done === wanted) break;
    const id = idByHead.get(family.headName);
    if (!id) throw new Error(`${family.headName} is not in ${assistant.username}'s caseload`);
    if (family.members.length > 0)
      await assistantApi.send('PATCH', `/api/kpm/${id}`, { members: family.members });
    if (family.business)
      await assistantApi.send(
        'POST',
        `/api/kpm/${id}/assessments`,
        {
          instrument: 'business',
          version: 1,
          assessedOn: plan.today,
          verified: true,
          answers: family.business,
        },
        201,
      );
    done++;
  }
  return done;
}
