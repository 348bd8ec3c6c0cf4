// Shared by the load test and its baselines: an open-loop driver. Work starts when it is due,
// whether or not earlier work has finished, and its latency counts from when it was due, so a
// slow system cannot slow the driver down and hide its own queueing (coordinated omission).

/**
 * Calls `fire(item, due)` for each of `schedule` ({ at } in ms from the start, ascending) at its
 * time. At most `maxInFlight` run at once; work due beyond that is dropped and counted.
 */
export async function openLoop(schedule, fire, { maxInFlight = 4000 } = {}) {
  const started = performance.now();
  const pending = new Set();
  let dropped = 0;
  for (const item of schedule) {
    const due = started + item.at;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (pending.size >= maxInFlight) {
      dropped++;
      continue;
    }
    const promise = Promise.resolve()
      .then(() => fire(item, due))
      .catch(() => undefined)
      .finally(() => pending.delete(promise));
    pending.add(promise);
  }
  await Promise.all(pending);
  return { started, seconds: (performance.now() - started) / 1000, dropped };
}

/** `rate` a second for `seconds`, evenly spaced. */
export const evenly = (rate, seconds, make = () => ({})) =>
  Array.from({ length: Math.round(rate * seconds) }, (_, i) => ({
    at: (i / rate) * 1000,
    ...make(i),
  }));
