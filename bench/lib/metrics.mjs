// Shared by the load test: reads what every service reports at GET /metrics (Prometheus text),
// as an operator's scraper would: the outbox backlog and the consumer group's lag per topic.

/** Sums the samples of `metric` in a Prometheus text exposition. */
export function sumOf(text, metric) {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || line.startsWith('#')) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue; // another metric sharing the prefix
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/**
 * Samples every `everyMs` the outbox backlog and consumer lag of each service at `urls`
 * ({ name: baseUrl }) until `stop()`; `samples` is the timeline so far.
 */
export function sampleBacklogs(urls, { everyMs = 2000 } = {}) {
  const samples = [];
  const started = performance.now();
  let timer;
  let stopped = false;
  const scrape = async () => {
    const at = Math.round((performance.now() - started) / 100) / 10;
    const entries = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        try {
          const text = await (await fetch(`${url}/metrics`)).text();
          return [
            name,
            {
              outbox: sumOf(text, 'jembatan_outbox_backlog'),
              lag: sumOf(text, 'jembatan_consumer_lag'),
            },
          ];
        } catch {
          return [name, null];
        }
      }),
    );
    const services = Object.fromEntries(entries);
    const total = (key) => entries.reduce((sum, [, v]) => sum + (v?.[key] ?? 0), 0);
    samples.push({ atSeconds: at, outbox: total('outbox'), lag: total('lag'), services });
    if (!stopped) timer = setTimeout(scrape, everyMs);
  };
  const first = scrape();
  return {
    samples,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await first;
      return samples;
    },
    /** Resolves when lag and outbox are both zero (true), or after `timeoutMs` (false). */
    async drained(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        const last = samples[samples.length - 1];
        if (last && last.lag === 0 && last.outbox === 0 && last.atSeconds > 0) return true;
        await new Promise((resolve) => setTimeout(resolve, everyMs / 2));
      }
      return false;
    },
  };
}
