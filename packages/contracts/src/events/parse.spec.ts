import { randomUUID } from 'node:crypto';
import { parseEvent } from './parse.js';

const validEnvelope = () => ({
  id: randomUUID(),
  type: 'kpm.registered',
  version: 1,
  occurredAt: new Date().toISOString(),
  producer: 'caseload',
  actor: { userId: 'u1', role: 'assistant', regionCode: '31.75.01' },
  correlationId: 'c1',
  aggregateId: 'k1',
  payload: {
    kpmId: randomUUID(),
    assistantId: 'u1',
    villageCode: '31.75.01.1001',
    pkhEntryYear: 2019,
    registeredAt: new Date().toISOString(),
  },
});

describe('parseEvent', () => {
  it('accepts a catalogued event with a valid payload', () => {
    const parsed = parseEvent(validEnvelope());
    expect(parsed.ok).toBe(true);
  });

  it('rejects a value that is not an envelope', () => {
    expect(parseEvent('{not json')).toMatchObject({ ok: false, reason: 'malformed-envelope' });
  });

  it('rejects a version nobody has defined', () => {
    expect(parseEvent({ ...validEnvelope(), version: 99 })).toMatchObject({
      ok: false,
      reason: 'unknown-event',
    });
  });

  it('names the offending payload field', () => {
    const event = validEnvelope();
    const parsed = parseEvent({ ...event, payload: { ...event.payload, villageCode: '31.75' } });
    expect(parsed).toMatchObject({ ok: false, reason: 'invalid-payload' });
    expect(!parsed.ok && parsed.fields.map((field) => field.path)).toEqual(['villageCode']);
  });
});
