/**
 * The region one level up from `code` while still within the caller's `scope`: null for the
 * nation, undefined when `code` is already the top the caller may see.
 */
export function parentWithin(code: string | null, scope: string | null): string | null | undefined {
  return code && code !== scope ? code.split('.').slice(0, -1).join('.') || null : undefined;
}
