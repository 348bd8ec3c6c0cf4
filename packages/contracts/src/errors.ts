import { z } from 'zod';

/** One offending input field, as the portal shows it next to the field. */
export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** The single error format of the HTTP API and of failed command replies. */
export const ErrorBody = z.object({
  statusCode: z.number().int().min(400).max(599),
  error: z.string(),
  message: z.string(),
  fields: z.array(FieldError).optional(),
  correlationId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Turns zod (or any Standard Schema) issues into field errors: `members.0.nik: must be 16 digits`. */
export function fieldErrorsFrom(
  issues: readonly { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string }[],
): FieldError[] {
  return issues.map((issue) => ({
    path: (issue.path ?? [])
      .map((part) => String(typeof part === 'object' ? part.key : part))
      .join('.'),
    message: issue.message,
  }));
}
