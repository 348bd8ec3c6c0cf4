import {
  BadRequestException,
  UnauthorizedException,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import type { Actor } from '@jembatan/contracts';
import type { Request } from 'express';
import { actorOf, type SessionUser } from '../auth/tokens.js';

/** The correlation id of the request (set by the logger from X-Correlation-Id or generated). */
export const CorrelationId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const request = context.switchToHttp().getRequest<Request & { id?: unknown }>();
    return typeof request.id === 'string' ? request.id : String(request.id);
  },
);

/** Who is calling and how to trace and de-duplicate the call: what every service call needs. */
export interface CallerContext {
  actor: Actor;
  correlationId: string;
  idempotencyKey?: string;
}

/** The signed-in user as an Actor, the correlation id and, if sent, the Idempotency-Key. */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): CallerContext => {
    const request = context
      .switchToHttp()
      .getRequest<Request & { id?: unknown; user?: SessionUser }>();
    if (!request.user) throw new UnauthorizedException();
    const idempotencyKey = idempotencyKeyOf(request);
    return {
      actor: actorOf(request.user),
      correlationId: typeof request.id === 'string' ? request.id : String(request.id),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    };
  },
);

/** The Idempotency-Key header of a command: 8-200 visible characters, optional. */
function idempotencyKeyOf(request: Request): string | undefined {
  const value = request.headers['idempotency-key'];
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
}
