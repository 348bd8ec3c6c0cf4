// The day's mix of requests at a fixed arrival rate (open loop: a request starts on schedule
// whether or not earlier ones have answered, and its latency counts from when it was due, so a
// slow platform cannot slow the test down and hide its own queueing).
import { socioEconomicAnswers } from '@jembatan/infra/fixtures';
import { token } from '../lib/roster.mjs';
import { apiClient } from '../lib/http.mjs';
import { evenly, openLoop } from '../lib/open-loop.mjs';
import { inParallel } from '../lib/parallel.mjs';
import { summarise } from '../lib/stats.mjs';
import { NATION_PASSWORD } from './load.mjs';

const STARTED_MINUTES_AGO = 20;
/** The socio-economic assessment an assistant records on a home visit. */
const socioEconomic = (day) => ({
  instrument: 'socio-economic',
  version: 1,
  assessedOn: day,
  verified: true,
  answers: socioEconomicAnswers({
    monthlyIncome: 2_400_000,
    monthlySpending: 2_100_000,
    savings: 150_000,
    assets: ['smartphone'],
  }),
});

/** Every family of the caller's caseload, page by page, as the portal's list reads it. */
export async function wholeCaseload(api) {
  const families = [];
  let cursor = null;
  do {
    const page = await api.send(
      'GET',
      `/api/kpm?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    families.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return families;
}

/**
 * What the workload needs to know of a loaded nation: for `activeAssistants` of the assistants,
 * their families, groups and regency's tutoring offer; tokens for every account (signed with the
 * development secret: a national sign-in of 37,000 assistants would only measure argon2).
 */
export async function prepareWorkload({ baseUrl, plan, loaded, activeAssistants = 200 }) {
  const person = (account) => ({
    id: account.id,
    region: account.regionCode,
    name: account.username,
  });
  const everyAssistant = loaded.assistants.map((a) => ({
    ...a,
    token: token(person(a), 'assistant'),
  }));
  const tutoringOffer = new Map(
    loaded.partners
      .filter((p) => p.kind === 'business-tutor')
      .map((p) => [
        plan.partners.find((x) => x.username === p.username).regency,
        {
          offerId: p.offers[0],
          token: token({ id: p.id, region: null, name: p.username }, 'partner'),
        },
      ]),
  );
  // Spread the active ones over the nation: every n-th assistant.
  const step = Math.max(1, Math.floor(everyAssistant.length / activeAssistants));
  const chosen = everyAssistant.filter((_, i) => i % step === 0).slice(0, activeAssistants);
  const active = await inParallel(chosen, 8, async (assistant) => {
    const families = await wholeCaseload(apiClient(baseUrl, assistant.token));
    const groups = new Map();
    for (const f of families)
      if (f.group) groups.set(f.group.id, [...(groups.get(f.group.id) ?? []), f.id]);
    const regency = assistant.regionCode.slice(0, 5);
    return {
      ...assistant,
      familyIds: families.map((f) => f.id),
      groups: [...groups].map(([id, kpmIds]) => ({ id, kpmIds })),
      tutoring: tutoringOffer.get(regency),
    };
  });
  const supervisor = (role) =>
    loaded.supervisors
      .filter((s) => s.role === role)
      .map((s) => ({ ...s, token: token(person(s), role) }));
  return {
    baseUrl,
    everyAssistant,
    active,
    coordinators: supervisor('coordinator'),
    dinas: supervisor('dinas'),
  };
}

/**
 * The requests of an ordinary working hour, by weight. `run(state)` sends one (or, for a P2K2
 * session, two: plan and hold) and returns [{ endpoint, status, ms }] through `state.time`.
 * `write` marks commands (their target is 500 ms at p99, reads' 200 ms).
 */
export const MIX = [
  { name: 'caseload list', weight: 18, run: (s) => s.read(s.assistant(), '/api/kpm?limit=50') },
  {
    name: 'caseload search',
    weight: 4,
    run: (s) =>
      s.read(s.assistant(), `/api/kpm?limit=50&q=${s.random.pick(['Siti', 'Ani', 'Sri'])}`),
  },
  {
    name: 'family profile',
    weight: 20,
    run: (s) => {
      const a = s.assistant();
      return s.read(a, `/api/kpm/${s.random.pick(a.familyIds)}`, '/api/kpm/:id');
    },
  },
  {
    name: 'offers for a family',
    weight: 6,
    run: (s) => {
      const a = s.assistant();
      return s.read(
        a,
        `/api/kpm/${s.random.pick(a.familyIds)}/offers?limit=20`,
        '/api/kpm/:id/offers',
      );
    },
  },
  {
    name: 'home visit check-in',
    weight: 8,
    run: (s) => {
      const a = s.assistant();
      return s.write(a, 'POST', '/api/attendance/check-in', {
        kind: 'home-visit',
        refId: s.nextFamily(a),
        location: { lat: -6.2, lng: 106.85, accuracyM: 15 },
      });
    },
  },
  {
    name: 'socio-economic assessment',
    weight: 6,
    run: (s) => {
      const a = s.assistant();
      return s.write(
        a,
        'POST',
        `/api/kpm/${s.random.pick(a.familyIds)}/assessments`,
        socioEconomic(s.today),
        '/api/kpm/:id/assessments',
      );
    },
  },
  {
    name: 'P2K2 session held',
    weight: 2,
    run: async (s) => {
      const a = s.assistantWithGroup();
      if (!a) return;
      const group = s.nextGroup(a);
      // One assistant holds one session at a time: each further one is recorded as held two
      // hours before the last (assistants record sessions held offline later; 7 days at most).
      const startsAt = new Date(
        Date.now() - STARTED_MINUTES_AGO * 60_000 - s.sessionSlot(a) * 2 * 3_600_000,
      );
      const planned = await s.write(a, 'POST', '/api/p2k2/sessions', {
        groupId: group.id,
        startsAt: startsAt.toISOString(),
        place: 'Balai warga',
      });
      if (!planned) return;
      await s.write(
        a,
        'POST',
        `/api/p2k2/sessions/${planned.id}/attendance`,
        {
          attendance: group.kpmIds.map((kpmId, n) => ({ kpmId, present: n % 6 !== 0 })),
          checkIn: { at: new Date().toISOString(), latitude: -6.2, longitude: 106.85 },
        },
        '/api/p2k2/sessions/:id/attendance',
      );
    },
  },
  {
    name: 'referral to a tutor',
    weight: 4,
    run: async (s) => {
      const a = s.assistant();
      if (!a.tutoring) return;
      const referral = await s.write(a, 'POST', '/api/referrals', {
        offerId: a.tutoring.offerId,
        kpmId: s.nextFamily(a),
        consent: true,
        consentGivenBy: 'Kepala keluarga',
      });
      if (referral) s.waiting.push({ id: referral.id, partner: a.tutoring });
    },
  },
  {
    name: "tutor's answer",
    weight: 4,
    run: (s) => {
      const referral = s.waiting.shift();
      if (!referral) return;
      // A decline frees the place, so a ten-minute run never fills a tutor's few places.
      return s.write(
        referral.partner,
        'POST',
        `/api/referrals/${referral.id}/decision`,
        { decision: 'decline', reason: 'Jadwal tutor penuh bulan ini' },
        '/api/referrals/:id/decision',
      );
    },
  },
  {
    name: 'region dashboard',
    weight: 5,
    run: (s) => {
      const who = s.random.chance(0.5) ? s.random.pick(s.coordinators) : s.random.pick(s.dinas);
      return s.read(who, `/api/regions/stats?regionCode=${who.regionCode}`, '/api/regions/stats');
    },
  },
  {
    name: "today's attendance",
    weight: 4,
    run: (s) => {
      const who = s.random.pick(s.coordinators);
      return s.read(
        who,
        `/api/attendance/today?regionCode=${who.regionCode}`,
        '/api/attendance/today',
      );
    },
  },
  {
    name: "partner's referrals",
    weight: 2,
    run: (s) => {
      const a = s.assistant();
      return a.tutoring ? s.read(a.tutoring, '/api/referrals') : undefined;
    },
  },
  {
    name: 'sign-in',
    weight: 1,
    run: (s) => {
      const a = s.assistant();
      return s.write(
        null,
        'POST',
        '/api/auth/login',
        { username: a.username, password: NATION_PASSWORD },
        '/api/auth/login',
      );
    },
  },
];

/**
 * One run's bookkeeping, shared by the open and the closed loop: the state an op of MIX sees,
 * the requests it sends (round-robin over `ctx.baseUrls` when a deployment has several
 * gateways) and their latencies, per endpoint and in 5-second buckets.
 */
function workloadRun(ctx, { round, random }) {
  const samples = new Map(); // endpoint -> { read, ms[], statuses{} }
  const buckets = [];
  const started = performance.now();
  const cursors = new Map();
  const baseUrls = ctx.baseUrls ?? [ctx.baseUrl];
  let sent = 0;
  const record = (endpoint, read, due, status) => {
    const ms = performance.now() - due;
    const entry = samples.get(endpoint) ?? { read, ms: [], statuses: {} };
    entry.ms.push(ms);
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    samples.set(endpoint, entry);
    const index = Math.floor((due - started) / 5000);
    buckets[index] ??= { atSeconds: index * 5, reads: [], writes: [], errors: 0 };
    (read ? buckets[index].reads : buckets[index].writes).push(ms);
    if (!succeeded(status)) buckets[index].errors++;
  };
  const send = async (who, method, path, body, endpoint, due) => {
    const label = `${method} ${endpoint ?? path.split('?')[0]}`;
    const read = method === 'GET';
    const baseUrl = baseUrls[sent++ % baseUrls.length];
    try {
      const answer = await apiClient(baseUrl, who?.token).call(method, path, body);
      record(label, read, due, answer.status);
      return answer.status >= 200 && answer.status < 300 ? answer.body : null;
    } catch {
      record(label, read, due, 'network');
      return null;
    }
  };
  const nextOf = (key, list) => {
    const at = cursors.get(key) ?? round * 7919;
    cursors.set(key, at + 1);
    return list[at % list.length];
  };
  ctx.waiting ??= [];
  ctx.sessionSlots ??= new Map();
  const withGroups = ctx.active.filter((a) => a.groups.length > 0);
  const today = new Date().toISOString().slice(0, 10);
  const state = (due) => ({
    random,
    today,
    coordinators: ctx.coordinators,
    dinas: ctx.dinas,
    waiting: ctx.waiting,
    assistant: () => random.pick(ctx.active),
    assistantWithGroup: () => (withGroups.length ? random.pick(withGroups) : null),
    nextFamily: (a) => nextOf(`f${a.id}`, a.familyIds),
    nextGroup: (a) => nextOf(`g${a.id}`, a.groups),
    sessionSlot: (a) => {
      const slot = ctx.sessionSlots.get(a.id) ?? 0;
      ctx.sessionSlots.set(a.id, slot + 1);
      return slot;
    },
    read: (who, path, endpoint) => send(who, 'GET', path, undefined, endpoint, due),
    write: (who, method, path, body, endpoint) => send(who, method, path, body, endpoint, due),
  });
  const total = MIX.reduce((sum, op) => sum + op.weight, 0);
  const pickOp = () => {
    let at = random.next() * total;
    for (const op of MIX) if ((at -= op.weight) < 0) return op;
    return MIX[MIX.length - 1];
  };

  const result = ({ elapsedSeconds, dropped = 0, ...about }) => {
    const all = [...samples.values()];
    const count = all.reduce((sum, e) => sum + e.ms.length, 0);
    const failed = all.reduce(
      (sum, e) =>
        sum +
        Object.entries(e.statuses)
          .filter(([status]) => !succeeded(status))
          .reduce((n, [, c]) => n + c, 0),
      0,
    );
    const pooled = (read) => all.filter((e) => e.read === read).flatMap((e) => e.ms);
    return {
      ...about,
      requests: count,
      achievedPerSecond: Math.round(count / elapsedSeconds),
      errors: failed + dropped,
      dropped,
      errorRate: (failed + dropped) / Math.max(1, count + dropped),
      reads: summarise(pooled(true)),
      writes: summarise(pooled(false)),
      endpoints: Object.fromEntries(
        [...samples]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([endpoint, { read, ms, statuses }]) => [
            endpoint,
            { read, ...summarise(ms), statuses },
          ]),
      ),
      timeline: buckets.filter(Boolean).map((b) => ({
        atSeconds: b.atSeconds,
        requests: b.reads.length + b.writes.length,
        errors: b.errors,
        readP99: summarise(b.reads).p99,
        writeP99: summarise(b.writes).p99,
      })),
    };
  };
  return { state, pickOp, result };
}

const succeeded = (status) => Number(status) >= 200 && Number(status) < 400;

/**
 * Drives `ctx` for `seconds` at `rate` requests a second of MIX; in the first `burstSeconds`,
 * every assistant in `ctx.everyAssistant` also checks in at the office once (the 07:30 rush).
 * `round` keeps runs on one day apart (different families and groups). Returns per-endpoint
 * latencies, status counts and a timeline of 5-second buckets.
 */
export async function runWorkload(ctx, { rate, seconds, burstSeconds = 0, round = 0, random }) {
  const { state, pickOp, result } = workloadRun(ctx, { round, random });
  const burst = burstSeconds > 0 ? ctx.everyAssistant : [];
  const schedule = [
    ...evenly(rate, seconds, () => ({ op: pickOp() })),
    ...burst.map((assistant, i) => ({
      at: (i / burst.length) * burstSeconds * 1000,
      checkIn: assistant,
    })),
  ].sort((a, b) => a.at - b.at);

  const run = await openLoop(schedule, (item, due) => {
    const s = state(due);
    return item.checkIn
      ? s.write(item.checkIn, 'POST', '/api/attendance/check-in', {
          kind: 'office',
          location: { lat: -6.2, lng: 106.85, accuracyM: 20 },
        })
      : item.op.run(s);
  });
  return result({
    rate,
    seconds,
    elapsedSeconds: run.seconds,
    dropped: run.dropped,
    burstCheckIns: burst.length,
  });
}

/**
 * A closed loop over MIX: `concurrency` workers, each sending its next operation as soon as its
 * last is answered, until `operations` have been started or `seconds` have passed. Its rate is
 * what the platform sustains (throughput); with one worker it is a fixed sequence of requests,
 * which two deployments of the platform must answer alike.
 */
export async function runClosedLoop(
  ctx,
  { concurrency = 1, seconds = Infinity, operations = Infinity, round = 0, random },
) {
  const { state, pickOp, result } = workloadRun(ctx, { round, random });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let begun = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (begun < operations && performance.now() < deadline) {
        begun++;
        await pickOp().run(state(performance.now()));
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  return result({ concurrency, operations: begun, seconds: elapsedSeconds, elapsedSeconds });
}
