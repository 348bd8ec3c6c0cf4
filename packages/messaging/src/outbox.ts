import { randomUUID } from 'node:crypto';
import {
  EVENT_CATALOG,
  type Actor,
  type BackendService,
  type EventEnvelope,
  type EventPayload,
  type EventType,
  type EventVersion,
} from '@jembatan/contracts';
import type { z } from 'zod';
import type { SqlClient } from './sql.js';

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
    private readonly producer: BackendService,
    private readonly schema: string,
  ) {}

  async append<T extends EventType, V extends EventVersion<T>>(
    tx: SqlClient,
    draft: EventDraft<T, V>,
    context: EventContext,
  ): Promise<EventEnvelope<EventPayload<T, V>>> {
    const definition = (
      EVENT_CATALOG[draft.type] as Record<number, { topic: string; payload: z.ZodType }>
    )[draft.version];
    if (!definition) throw new Error(`no contract for ${draft.type} v${draft.version}`);
    // Validate on the way out too: a bad event must fail its transaction, not a consumer.
    const payload = definition.payload.parse(draft.payload) as EventPayload<T, V>;
    const envelope: EventEnvelope<EventPayload<T, V>> = {
      id: randomUUID(),
      type: draft.type,
      version: draft.version,
      occurredAt: new Date().toISOString(),
      producer: this.producer,
      actor: context.actor,
      correlationId: context.correlationId,
      aggregateId: draft.aggregateId,
      payload,
    };
    await tx.$executeRawUnsafe(
      `INSERT INTO outbox_event (event_id, topic, key, event_type, envelope) VALUES ($1::uuid, $2, $3, $4, $5::jsonb)`,
      envelope.id,
      definition.topic,
      draft.aggregateId,
      `${draft.type}.v${draft.version}`,
      JSON.stringify(envelope),
    );
    await tx.$executeRawUnsafe(`SELECT pg_notify($1, '')`, outboxChannel(this.schema));
    return envelope;
  }
}
