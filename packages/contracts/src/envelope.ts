import { z } from 'zod';
import { Actor } from './common.js';
import { SERVICE_NAMES } from './services.js';

/** What every event on Kafka looks like; the payload is validated against the catalogue. */
export const EventEnvelope = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.enum(SERVICE_NAMES),
  actor: Actor.nullable(),
  correlationId: z.string().min(1).max(200),
  /** Kafka key: events of one aggregate (a family, an assistant) stay in order. */
  aggregateId: z.string().min(1).max(200),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & {
  payload: P;
};
