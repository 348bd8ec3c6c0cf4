import type { z } from 'zod';
import { fieldErrorsFrom, type FieldError } from './errors.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; fields: FieldError[] };

/** Validates without throwing, so callers can choose between a 400 and a dead letter. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, fields: fieldErrorsFrom(result.error.issues) };
}
