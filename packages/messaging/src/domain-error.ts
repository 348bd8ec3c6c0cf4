import type { ErrorBody, FieldError } from '@jembatan/contracts';

/**
 * A refusal a caller can act on (bad input, not found, conflict...). Services throw it from
 * command handlers; the reply carries it to the gateway, which answers with its status.
 */
export class DomainError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503 | 504,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(fields: FieldError[], message = 'Some fields are invalid'): DomainError {
    return new DomainError(400, 'validation-failed', message, fields);
  }

  toBody(correlationId?: string): ErrorBody {
    return {
      statusCode: this.statusCode,
      error: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(correlationId ? { correlationId } : {}),
    };
  }
}
