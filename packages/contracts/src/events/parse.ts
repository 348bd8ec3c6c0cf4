import { EventEnvelope } from '../envelope.js';
import type { FieldError } from '../errors.js';
import { validate } from '../validation.js';
import { eventDefinition } from './catalog.js';

export type ParsedEvent =
  | { ok: true; envelope: EventEnvelope }
  | {
      ok: false;
      reason: 'malformed-envelope' | 'unknown-event' | 'invalid-payload';
      fields: FieldError[];
    };

/** Checks an incoming Kafka value against the envelope and the catalogued payload schema. */
export function parseEvent(raw: unknown): ParsedEvent {
  const envelope = validate(EventEnvelope, raw);
  if (!envelope.ok) return { ok: false, reason: 'malformed-envelope', fields: envelope.fields };
  const { type, version } = envelope.value;
  const definition = eventDefinition(type, version);
  if (!definition) {
    return {
      ok: false,
      reason: 'unknown-event',
      fields: [{ path: 'type', message: `no contract for ${type} v${version}` }],
    };
  }
  const payload = validate(definition.payload, envelope.value.payload);
  if (!payload.ok) return { ok: false, reason: 'invalid-payload', fields: payload.fields };
  return { ok: true, envelope: { ...envelope.value, payload: payload.value } };
}
