import { ApiError } from '../api/client';
import { Outbox, type OutboxStore, type QueuedCommand } from './outbox';

/** The device's storage, in memory. */
function memoryStore(): OutboxStore {
  let saved = '[]';
  return {
    load: () => JSON.parse(saved) as QueuedCommand[],
    save: (items) => {
      saved = JSON.stringify(items);
    },
  };
}

/**
 * A gateway that honours Idempotency-Keys, as the real one does: a key seen before gets the
 * first answer and applies nothing. `lose` drops the next answer on the way back.
 */
function gateway() {
  const applied: { key: string; body: unknown }[] = [];
  let network = true;
  let lose = false;
  let refuse: ApiError | null = null;
  const send = async (command: QueuedCommand) => {
    if (!network) throw new TypeError('Failed to fetch');
    if (refuse) throw refuse;
    if (!applied.some((a) => a.key === command.key))
      applied.push({ key: command.key, body: command.body });
    if (lose) {
      lose = false;
      throw new TypeError('network error after the request arrived');
    }
    return { id: command.key };
  };
  return {
    applied,
    send,
    online: () => network,
    setNetwork: (up: boolean) => void (network = up),
    loseNextAnswer: () => void (lose = true),
    refuseWith: (error: ApiError | null) => void (refuse = error),
  };
}

const visit = (key: string) => ({
  key,
  path: '/api/attendance/check-in',
  body: { kind: 'home-visit' },
  bodyIfQueued: { kind: 'home-visit', recordedAt: '2026-12-05T02:00:00.000Z' },
  label: 'Kunjungan rumah',
});

/** Visits a and b made without a connection, which has just returned. */
async function twoMadeOffline() {
  const g = gateway();
  const outbox = new Outbox(memoryStore(), g.send, g.online, () => 'rina');
  g.setNetwork(false);
  await outbox.submit(visit('a'));
  await outbox.submit(visit('b'));
  g.setNetwork(true);
  return { g, outbox };
}

describe('the offline outbox', () => {
  it('sends at once when there is a connection', async () => {
    const g = gateway();
    const outbox = new Outbox(memoryStore(), g.send, g.online, () => 'rina');
    expect(await outbox.submit(visit('a'))).toEqual({ queued: false, answer: { id: 'a' } });
    expect(outbox.items()).toEqual([]);
    expect(g.applied).toEqual([{ key: 'a', body: { kind: 'home-visit' } }]);
  });

  it('keeps commands made offline, with their time, and sends them in order once', async () => {
    const g = gateway();
    const outbox = new Outbox(memoryStore(), g.send, g.online, () => 'rina');
    g.setNetwork(false);
    expect(await outbox.submit(visit('a'))).toEqual({ queued: true });
    expect(await outbox.submit(visit('b'))).toEqual({ queued: true });
    expect(await outbox.flush()).toBe(0); // still no network
    g.setNetwork(true);
    // While something waits, a new command goes behind it rather than first.
    expect(await outbox.submit(visit('c'))).toEqual({ queued: true });
    expect(await outbox.flush()).toBe(3);
    expect(g.applied.map((a) => a.key)).toEqual(['a', 'b', 'c']);
    expect(g.applied[0]!.body).toEqual({
      kind: 'home-visit',
      recordedAt: '2026-12-05T02:00:00.000Z',
    });
    expect(outbox.items()).toEqual([]);
  });

  it('applies a command once when its answer was lost and it is sent again', async () => {
    const g = gateway();
    const outbox = new Outbox(memoryStore(), g.send, g.online, () => 'rina');
    g.loseNextAnswer();
    expect(await outbox.submit(visit('a'))).toEqual({ queued: true });
    expect(await outbox.flush()).toBe(1);
    expect(g.applied).toHaveLength(1);
  });

  it('shows a refusal instead of retrying it, until the user discards it', async () => {
    const { g, outbox } = await twoMadeOffline();
    g.refuseWith(
      new ApiError({
        statusCode: 400,
        error: 'invalid',
        message: 'Invalid request',
        fields: [{ path: 'recordedAt', message: 'is more than 72 hours ago' }],
      }),
    );
    await outbox.flush();
    expect(outbox.items().map((i) => i.refusal)).toEqual([
      'Invalid request · recordedAt: is more than 72 hours ago',
      'Invalid request · recordedAt: is more than 72 hours ago',
    ]);
    g.refuseWith(null);
    expect(await outbox.flush()).toBe(0); // refused ones are not sent again by themselves
    outbox.discard('a');
    expect(outbox.items().map((i) => i.key)).toEqual(['b']);
  });

  it('waits and keeps order when the gateway is busy or the session must be renewed', async () => {
    const { g, outbox } = await twoMadeOffline();
    g.refuseWith(new ApiError({ statusCode: 503, error: 'unavailable', message: 'Try again' }));
    expect(await outbox.flush()).toBe(0);
    expect(outbox.items().map((i) => [i.key, i.refusal])).toEqual([
      ['a', undefined],
      ['b', undefined],
    ]);
    g.refuseWith(null);
    expect(await outbox.flush()).toBe(2);
  });

  it("keeps each account's commands apart on a shared phone", async () => {
    const g = gateway();
    const store = memoryStore();
    let account = 'rina';
    const outbox = new Outbox(store, g.send, g.online, () => account);
    g.setNetwork(false);
    await outbox.submit(visit('rina-visit'));
    account = 'dewi';
    expect(outbox.items()).toEqual([]); // Dewi neither sees nor sends Rina's visit
    await outbox.submit(visit('dewi-visit'));
    g.setNetwork(true);
    expect(await outbox.flush()).toBe(1);
    expect(g.applied.map((a) => a.key)).toEqual(['dewi-visit']);
    account = 'rina';
    expect(outbox.items().map((i) => i.key)).toEqual(['rina-visit']);
    expect(await outbox.flush()).toBe(1);
    expect(store.load()).toEqual([]);
  });

  it('tells its listeners when what waits changes', async () => {
    const g = gateway();
    const outbox = new Outbox(memoryStore(), g.send, g.online, () => 'rina');
    let calls = 0;
    const stop = outbox.subscribe(() => calls++);
    g.setNetwork(false);
    await outbox.submit(visit('a'));
    g.setNetwork(true);
    await outbox.flush();
    stop();
    expect(calls).toBe(2);
  });
});
