import { createRequire } from 'node:module';

// kafkajs 2.2.4 (the last release) re-arms a timer after every check of a connection's request
// queue, even when nothing is waiting: with no throttling its delay is negative, so Node runs it
// after 1 ms, and each connection to each broker spins about a thousand times a second for as
// long as the process lives (tulios/kafkajs#1556, fix proposed in #1667, not released). Measured
// here: an idle stack kept 0.47 of a core busy. The replacement below schedules a check only
// when a request is waiting; a request that cannot go at once is pushed and scheduled, and every
// answered or timed-out request checks the queue again, so nothing waits on the removed timer.

interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's own interval between checks while requests wait on a throttle. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

function scheduleCheckPendingRequests(this: RequestQueue): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

/** The class kafkajs builds every broker connection's queue from (one copy per process). */
export function kafkajsRequestQueue(): { prototype: RequestQueue } {
  const require = createRequire(import.meta.url);
  return require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueue };
}

/** Idempotent: every Kafka client's configuration (kafkaClientConfig) applies it first. */
export function stopKafkajsIdleLoop(): void {
  kafkajsRequestQueue().prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}
