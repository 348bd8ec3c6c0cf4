// Summarises V8 CPU profiles (.cpuprofile, from node --cpu-prof) by where the time went: per
// package (node_modules/<name>, the service's own code, Node's internals, garbage collection)
// and per function, self time only. Used to find the load test's top costs:
//   JEMBATAN_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:load -w @jembatan/bench
//   node bench/tools/cpu-profile-summary.mjs [--last <s>] [--skip-end <s>] /tmp/prof/*.cpuprofile
// --last keeps only the samples of the profile's last seconds (the steady run, not the start and
// the load), --skip-end drops the final seconds (the drain and the shutdown).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Where a frame's code lives: a package, the app's own code, or the engine. */
export function ownerOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const inModules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules) return inModules[1];
  const app = url.match(/\/(apps|packages)\/([^/]+)\//);
  return app ? `${app[1]}/${app[2]}` : url;
}

/** Self milliseconds per owner and per function of one profile, within a window of its end. */
export function summariseProfile(profile, { lastSeconds = Infinity, skipEndSeconds = 0 } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const end = profile.endTime - skipEndSeconds * 1e6;
  const start = end - lastSeconds * 1e6;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= start && at <= end) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const owners = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    const owner = ownerOf(callFrame.url, callFrame.functionName);
    const fn = `${callFrame.functionName || '(anonymous)'} ${owner}:${callFrame.lineNumber + 1}`;
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
    total += micros;
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => ({ name, ms: Math.round(micros / 1000), share: micros / total }));
  const idle = (owners.get('(idle)') ?? 0) / 1000;
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(total / 1000 - idle),
    owners: top(owners, 12),
    functions: top(functions, 15),
  };
}

if (process.argv[1] && basename(process.argv[1]) === 'cpu-profile-summary.mjs')
  for (const file of process.argv
    .slice(2)
    .filter((arg, i, all) => !arg.startsWith('--') && !all[i - 1]?.startsWith('--'))) {
    const option = (name) => {
      const at = process.argv.indexOf(name);
      return at > 0 ? Number(process.argv[at + 1]) : undefined;
    };
    const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')), {
      lastSeconds: option('--last'),
      skipEndSeconds: option('--skip-end'),
    });
    const pct = (share) => `${(share * 100).toFixed(1)}%`.padStart(6);
    console.warn(`\n${basename(file)}: ${summary.busyMs} ms busy of ${summary.totalMs} ms`);
    for (const o of summary.owners)
      console.warn(`  ${pct(o.share)} ${String(o.ms).padStart(7)} ms  ${o.name}`);
    console.warn('  top functions:');
    for (const f of summary.functions)
      console.warn(`  ${pct(f.share)} ${String(f.ms).padStart(7)} ms  ${f.name}`);
  }
