import { kafkajsRequestQueue, stopKafkajsIdleLoop } from './kafkajs-idle-loop.js';

// kafkajs's request queue, one per broker connection, with a socket request stand-in.

type Queue = {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  destroy(): void;
};

const RequestQueue = kafkajsRequestQueue() as unknown as new (options: object) => Queue;
const quiet = { debug: () => undefined, warn: () => undefined, error: () => undefined };

const newQueue = () =>
  new RequestQueue({
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    enforceRequestTimeout: true,
    clientId: 'test',
    broker: '127.0.0.1:9092',
    logger: quiet,
  });

/** How many checks an idle queue makes in `ms`, once it has been checked once. */
async function idleChecks(ms: number): Promise<number> {
  const queue = newQueue();
  const check = queue.checkPendingRequests.bind(queue);
  let checks = 0;
  queue.checkPendingRequests = () => {
    checks++;
    check();
  };
  queue.checkPendingRequests();
  await new Promise((resolve) => setTimeout(resolve, ms));
  queue.destroy();
  return checks - 1;
}

describe("kafkajs's idle request queue", () => {
  it('spins as shipped, and stays still once stopped', async () => {
    // As shipped (kafkajs 2.2.4): a timer re-armed every millisecond or so with nothing to send.
    // If this ever fails, kafkajs has fixed it and the replacement can go.
    expect(await idleChecks(200)).toBeGreaterThan(20);
    stopKafkajsIdleLoop();
    expect(await idleChecks(200)).toBe(0);
  });

  it('still sends a request that waited on a throttle, when the throttle ends', async () => {
    stopKafkajsIdleLoop();
    const queue = newQueue();
    const sent: number[] = [];
    queue.throttledUntil = Date.now() + 50;
    queue.pending.push({ correlationId: 7, expectResponse: true, send: () => sent.push(7) });
    queue.checkPendingRequests();
    expect(sent).toEqual([]);
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sent).toEqual([7]);
    // Sent, nothing waits: no timer is left behind.
    expect(queue.pending).toEqual([]);
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.destroy();
  });
});
