import type { z } from 'zod';
import { TOPICS, type EventTopic } from '../topics.js';
import { KpmRegisteredV1 } from './caseload.js';

interface EventDefinition {
  topic: EventTopic;
  payload: z.ZodType;
}

/**
 * Every event type and version, with its topic and payload schema. Adding a version keeps
 * the old one: consumers may still receive it from the log.
 */
export const EVENT_CATALOG = {
  'kpm.registered': {
    1: { topic: TOPICS.events.caseload, payload: KpmRegisteredV1 },
  },
} as const satisfies Record<string, Record<number, EventDefinition>>;

type Catalog = typeof EVENT_CATALOG;
export type EventType = keyof Catalog;
export type EventVersion<T extends EventType> = keyof Catalog[T] & number;
export type EventPayload<T extends EventType, V extends EventVersion<T>> = Catalog[T][V] extends {
  payload: infer S extends z.ZodType;
}
  ? z.output<S>
  : never;

export function eventDefinition(type: string, version: number): EventDefinition | undefined {
  const versions = (EVENT_CATALOG as Record<string, Record<number, EventDefinition>>)[type];
  return versions?.[version];
}
