import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** One line for a failed call: the gateway's message and each offending field. */
export function describeError(error: unknown, t: TFunction): string {
  return error instanceof ApiError
    ? [error.message, ...error.fields.map((f) => `${f.path}: ${f.message}`)].join(' · ')
    : t('errors.generic');
}
