import { randomUUID } from 'node:crypto';
import {
  EVENT_CATALOG,
  type Actor,
  type ServiceName,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  type EventVersion,
} from '@jembatan/contracts';
import type { z } from 'zod';
import type { CommandContext } from './handlers.js';
import type { SqlClient, TransactionalDb } from './sql.js';

export interface EventDraft<T extends EventType, V extends EventVersion<T>> {
  type: T;
  version: V;
  aggregateId: string;
  payload: EventPayload<T, V>;
}

export interface EventContext {
  actor: Actor | null;
  correlationId: string;
}

/** NOTIFY channel the relay listens on; NOTIFY inside a transaction fires only at commit. */
export const outboxChannel = (schema: string): string => `outbox_${schema}`;

/**
 * Writes events into the service's outbox inside the caller's transaction, so an event exists
 * if and only if its state change was committed. The relay publishes it afterwards.
 */
export class OutboxWriter {
  constructor(
    private readonly producer: ServiceName,
    private readonly schema: string,
  ) {}

  async append<T extends EventType, V extends EventVersion<T>>(
    tx: SqlClient,
    draft: EventDraft<T, V>,
    context: EventContext,
  ): Promise<EventEnvelope<EventPayload<T, V>>> {
    const [envelope] = await this.appendMany(tx, [this.envelope(draft, context)]);
    return envelope as EventEnvelope<EventPayload<T, V>>;
  }

  /**
   * Validates a draft and wraps it in its envelope (throws on a bad payload: a bad event must
   * fail its transaction, not a consumer). Nothing is written yet.
   */
  envelope<T extends EventType, V extends EventVersion<T>>(
    draft: EventDraft<T, V>,
    context: EventContext,
  ): PendingEvent {
    const definition = (
      EVENT_CATALOG[draft.type] as Record<number, { topic: string; payload: z.ZodType }>
    )[draft.version];
    if (!definition) throw new Error(`no contract for ${draft.type} v${draft.version}`);
    const payload = definition.payload.parse(draft.payload);
    return {
      topic: definition.topic,
      envelope: {
        id: randomUUID(),
        type: draft.type,
        version: draft.version,
        occurredAt: new Date().toISOString(),
        producer: this.producer,
        actor: context.actor,
        correlationId: context.correlationId,
        aggregateId: draft.aggregateId,
        payload,
      },
    };
  }

  /**
   * Writes events in one statement and wakes the relay once: a command that emits 30 events
   * costs one round trip, not 60. Their ids keep the order given.
   */
  async appendMany(tx: SqlClient, events: PendingEvent[]): Promise<EventEnvelope<unknown>[]> {
    if (events.length === 0) return [];
    await tx.$executeRawUnsafe(
      `INSERT INTO outbox_event (event_id, topic, key, event_type, envelope)
       SELECT e.event_id, e.topic, e.key, e.event_type, e.envelope
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
            WITH ORDINALITY AS e(event_id, topic, key, event_type, envelope, n)
       ORDER BY e.n`,
      events.map((e) => e.envelope.id),
      events.map((e) => e.topic),
      events.map((e) => e.envelope.aggregateId),
      events.map((e) => `${e.envelope.type}.v${e.envelope.version}`),
      events.map((e) => JSON.stringify(e.envelope)),
    );
    await tx.$executeRawUnsafe(`SELECT pg_notify($1, '')`, outboxChannel(this.schema));
    return events.map((e) => e.envelope);
  }
}

/** An event validated and enveloped, waiting to be written with its transaction. */
export interface PendingEvent {
  topic: string;
  envelope: EventEnvelope<unknown>;
}

/**
 * Runs a state change that did not arrive as a command (a bulk upload over HTTP) the way the
 * dispatcher runs commands: one transaction, events appended to the outbox before it commits.
 */
export async function inTransactionWithEvents<Tx extends SqlClient, R>(
  db: TransactionalDb<Tx>,
  outbox: OutboxWriter,
  origin: { actor: Actor; correlationId: string },
  work: (context: CommandContext<Tx>) => Promise<R>,
  options?: { timeout?: number },
): Promise<R> {
  return db.$transaction(async (tx) => {
    const pending: PendingEvent[] = [];
    const result = await work({
      ...origin,
      tx,
      emit: async (draft) => {
        pending.push(outbox.envelope(draft, origin));
      },
    });
    await outbox.appendMany(tx, pending);
    return result;
  }, options);
}
