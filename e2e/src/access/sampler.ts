import type { JsonSchema } from './openapi.js';

// A valid value for a JSON schema, so a probe's body passes the gateway's validation and only
// who asks decides the answer. Fields named in `hints` take the hinted value (an in-scope family,
// today's date...); the rest are the smallest value the schema accepts.

const WORDS = 'Uji matriks akses untuk keluarga dampingan yang cukup panjang isinya';

/** Values for string patterns the contracts use (codes, times, NIKs), tried in order. */
const PATTERN_SAMPLES = [
  '31.75',
  '31.75.01',
  '31.75.01.1001',
  '07:30',
  '2026-01-01',
  '2026-01',
  '3175014101850001',
  '081234567890',
  'A-1',
  'abc',
];

/**
 * A body for `schema`: its required fields and its first optional one, because bodies that
 * must change or check "at least one" thing refuse an object of required fields alone.
 */
export function sampleBody(schema: JsonSchema, hints: Record<string, unknown>): unknown {
  const body = sample(schema, hints);
  const optional = Object.keys(schema.properties ?? {}).find(
    (key) => !(schema.required ?? []).includes(key),
  );
  if (!optional || typeof body !== 'object' || body === null) return body;
  return { ...body, [optional]: sample(schema.properties![optional]!, hints, optional) };
}

export function sample(schema: JsonSchema, hints: Record<string, unknown>, name = ''): unknown {
  if (name in hints) return hints[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length)
    return sample(options.find((option) => option.type !== 'null') ?? options[0]!, hints, name);
  if (schema.allOf?.length)
    return schema.allOf.reduce<Record<string, unknown>>(
      (merged, part) => ({ ...merged, ...(sample(part, hints, name) as object) }),
      {},
    );
  const type = Array.isArray(schema.type)
    ? (schema.type.find((t) => t !== 'null') ?? 'null')
    : (schema.type ?? (schema.properties ? 'object' : 'string'));
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [
          key,
          sample(schema.properties?.[key] ?? {}, hints, key),
        ]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        sample(schema.items ?? {}, hints, name),
      );
    case 'integer':
    case 'number': {
      // 1 if allowed (integers carry the safe-integer range as minimum and maximum).
      const lowest = Math.max(
        schema.minimum ?? -Infinity,
        schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -Infinity,
      );
      return Math.min(Math.max(1, lowest), schema.maximum ?? Infinity);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return sampleString(schema);
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid':
      return '00000000-0000-4000-8000-00000000dead';
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'date-time':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'email':
      return 'uji@example.org';
    case 'uri':
      return 'https://example.org/';
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const fits = PATTERN_SAMPLES.find((candidate) => pattern.test(candidate));
    if (fits) return fits;
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? Math.max(min, WORDS.length);
  return WORDS.repeat(Math.ceil(min / WORDS.length) + 1).slice(0, Math.max(min, Math.min(max, 24)));
}
