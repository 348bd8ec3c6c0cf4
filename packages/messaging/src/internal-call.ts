import { createHmac, timingSafeEqual } from 'node:crypto';
import { Actor } from '@jembatan/contracts';
import { z } from 'zod';
import { DomainError } from './domain-error.js';

/**
 * Bulk payloads (file uploads, reports) stream over HTTP from the gateway to the owning
 * service. The gateway has authenticated the user; it vouches for who is calling with this
 * header, an HMAC over the call's context with the secret the two share (INTERNAL_SECRET).
 */
export const INTERNAL_CALL_HEADER = 'x-jembatan-call';

export const InternalCall = z.object({
  actor: Actor,
  correlationId: z.string().min(1).max(200),
  /** Call-specific values the gateway resolved (e.g. the assistant an import is for). */
  params: z.record(z.string(), z.string()).default({}),
  /** Unix ms after which the header is refused: it authorises one call, now. */
  expiresAt: z.number().int(),
});
export type InternalCall = z.infer<typeof InternalCall>;

const mac = (body: string, secret: string) =>
  createHmac('sha256', secret).update(body).digest('base64url');

export function signInternalCall(
  call: Omit<InternalCall, 'expiresAt'>,
  secret: string,
  ttlMs = 60_000,
): string {
  const body = Buffer.from(JSON.stringify({ ...call, expiresAt: Date.now() + ttlMs })).toString(
    'base64url',
  );
  return `${body}.${mac(body, secret)}`;
}

/** The call's context, or null when the header is missing, forged or expired. */
export function verifyInternalCall(
  header: string | undefined,
  secret: string,
): InternalCall | null {
  const [body, signature] = (header ?? '').split('.');
  if (!body || !signature) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const call = InternalCall.parse(JSON.parse(Buffer.from(body, 'base64url').toString()));
    return call.expiresAt >= Date.now() ? call : null;
  } catch {
    return null;
  }
}

/** The verified call, or a 401 DomainError: the first line of every internal HTTP endpoint. */
export function requireInternalCall(header: string | undefined, secret: string): InternalCall {
  const call = verifyInternalCall(header, secret);
  if (!call)
    throw new DomainError(401, 'unauthenticated', 'Internal calls need a valid signed header');
  return call;
}

/** What an internal endpoint answers on failure: the domain error, or 503 for anything else. */
export function internalErrorReply(
  error: unknown,
  correlationId?: string,
): { status: number; body: ReturnType<DomainError['toBody']> } {
  const domain =
    error instanceof DomainError
      ? error
      : new DomainError(503, 'temporarily-unavailable', 'Please retry shortly');
  return { status: domain.statusCode, body: domain.toBody(correlationId) };
}
