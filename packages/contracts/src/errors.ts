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

type IssuePath = readonly (PropertyKey | { key: PropertyKey })[];

/**
 * Turns zod (or any Standard Schema) issues into field errors: `members.0.nik: must be 16 digits`.
 * An unknown key is reported at its own path, so the client learns which field to drop.
 */
export function fieldErrorsFrom(
  issues: readonly { path?: IssuePath; message: string; keys?: readonly string[] }[],
): FieldError[] {
  const join = (path: IssuePath) =>
    path.map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
  return issues.flatMap((issue) =>
    Array.isArray(issue.keys) && issue.keys.length > 0
      ? issue.keys.map((key) => ({
          path: join([...(issue.path ?? []), key]),
          message: 'is not a recognised field',
        }))
      : [{ path: join(issue.path ?? []), message: issue.message }],
  );
}
