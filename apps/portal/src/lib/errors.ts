import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/**
 * A sentence, in the reader's language, that says what went wrong and what to do next, by the
 * kind of refusal; the gateway's own message (which names the rule) and each offending field
 * follow it.
 */
const NEXT_STEP: Record<number, string> = {
  400: 'errors.invalid',
  401: 'errors.signedOut',
  403: 'errors.notAllowed',
  404: 'errors.notFound',
  409: 'errors.conflict',
  413: 'errors.tooLarge',
  422: 'errors.rule',
  429: 'errors.tooMany',
  503: 'errors.unavailable',
  504: 'errors.timeout',
};

/** One line for a failed call: what to do next, the gateway's message and each offending field. */
export function describeError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  const lead =
    NEXT_STEP[error.body.statusCode] ??
    (error.body.statusCode >= 500 ? 'errors.unavailable' : null);
  return [
    ...(lead ? [t(lead)] : []),
    error.message,
    ...error.fields.map((f) => `${f.path}: ${f.message}`),
  ].join(' · ');
}
