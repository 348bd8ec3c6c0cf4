import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The correlation id of the request (set by the logger from X-Correlation-Id or generated). */
export const CorrelationId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const request = context.switchToHttp().getRequest<Request & { id?: unknown }>();
    return typeof request.id === 'string' ? request.id : String(request.id);
  },
);

/** The Idempotency-Key header of a command: 8-200 visible characters, optional. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(value)) {
      throw new BadRequestException({
        error: 'validation-failed',
        message: 'Some fields are invalid',
        fields: [
          { path: 'headers.idempotency-key', message: 'must be 8-200 visible ASCII characters' },
        ],
      });
    }
    return value;
  },
);
