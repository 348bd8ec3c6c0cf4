import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import {
  EventConsumer,
  type InboundMessage,
  type RegisteredEventHandler,
} from './event-consumer.js';
import type { SqlClient, TransactionalDb } from './sql.js';

/** A database double: records processed ids like the unique constraint would. */
function fakeDb() {
  const processed = new Set<string>();
  const tx: SqlClient = {
    $executeRawUnsafe: async (_sql: string, ...values: unknown[]) => {
      const key = `${String(values[0])}/${String(values[1])}`;
      if (processed.has(key)) return 0;
      processed.add(key);
      return 1;
    },
    $queryRawUnsafe: async <T>() => [] as T,
  };
  const db: TransactionalDb = {
    ...tx,
    $transaction: async <R>(fn: (client: SqlClient) => Promise<R>) => {
      const snapshot = new Set(processed);
      try {
        return await fn(tx);
      } catch (error) {
        processed.clear();
        snapshot.forEach((key) => processed.add(key)); // roll back
        throw error;
      }
    },
  };
  return db;
}

const envelope = () => ({
  id: randomUUID(),
  type: 'kpm.registered',
  version: 1,
  occurredAt: new Date().toISOString(),
  producer: 'caseload',
  actor: null,
  correlationId: 'c',
  aggregateId: 'k',
  payload: {
    kpmId: randomUUID(),
    assistantId: 'a',
    villageCode: '31.75.01.1001',
    pkhEntryYear: 2019,
    registeredAt: new Date().toISOString(),
  },
});

const message = (decoded: unknown): InboundMessage => ({
  topic: 't',
  partition: 0,
  offset: '1',
  key: 'k',
  value: JSON.stringify(decoded),
  decoded,
});

function setup(handle: RegisteredEventHandler['handle']) {
  const deadLetter = jest.fn(async () => undefined);
  const consumer = new EventConsumer({
    consumerGroup: 'test',
    db: fakeDb(),
    handlers: [{ consumer: 'test.handler', type: 'kpm.registered', version: 1, handle }],
    deadLetter,
    baseDelayMs: 1,
  });
  return { consumer, deadLetter };
}

describe('EventConsumer', () => {
  it('applies an event once even when it is delivered twice', async () => {
    const handle = jest.fn(async () => undefined);
    const { consumer } = setup(handle);
    const event = envelope();
    expect(await consumer.handle(message(event))).toEqual(['applied']);
    expect(await consumer.handle(message(event))).toEqual(['duplicate']);
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('dead-letters a message that breaks its contract without calling the handler', async () => {
    const handle = jest.fn(async () => undefined);
    const { consumer, deadLetter } = setup(handle);
    expect(await consumer.handle(message({ ...envelope(), payload: { kpmId: 'x' } }))).toEqual([
      'dead-lettered',
    ]);
    expect(handle).not.toHaveBeenCalled();
    expect(deadLetter).toHaveBeenCalledWith(expect.objectContaining({ reason: 'invalid-payload' }));
  });

  it('retries a failing handler a bounded number of times, then dead-letters and moves on', async () => {
    const handle = jest.fn(async () => {
      throw new Error('bug');
    });
    const { consumer, deadLetter } = setup(handle);
    expect(await consumer.handle(message(envelope()))).toEqual(['dead-lettered']);
    expect(handle).toHaveBeenCalledTimes(3);
    expect(deadLetter).toHaveBeenCalledWith(expect.objectContaining({ reason: 'handler-failed' }));
  });

  it('hands a transient failure back to Kafka instead of dead-lettering good messages', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const deadLetter = jest.fn(async () => undefined);
    const short = new EventConsumer({
      consumerGroup: 'test',
      db: fakeDb(),
      handlers: [
        {
          consumer: 'h',
          type: 'kpm.registered',
          version: 1,
          handle: async () => Promise.reject(outage),
        },
      ],
      deadLetter,
      baseDelayMs: 1,
      transientBudgetMs: 20,
    });
    await expect(short.handle(message(envelope()))).rejects.toBe(outage);
    expect(deadLetter).not.toHaveBeenCalled();
  });
});
