import {
  DomainError,
  INTERNAL_CALL_HEADER,
  internalErrorReply,
  requireInternalCall,
} from '@jembatan/messaging';
import type { InternalCall } from '@jembatan/messaging';
import type { Request, Response } from 'express';
import { BaseEnv, loadEnv } from './config.js';

/** The secret the gateway signs bulk HTTP calls with (INTERNAL_SECRET), for a service's controllers. */
export const INTERNAL_SECRET = Symbol('INTERNAL_SECRET');

export const internalSecretProvider = {
  provide: INTERNAL_SECRET,
  useFactory: () => loadEnv(BaseEnv, process.env).INTERNAL_SECRET,
};

/** The gateway's signed vouching for the user behind an internal HTTP call (401 if absent). */
export const internalCallOf = (req: Request, secret: string): InternalCall =>
  requireInternalCall(req.header(INTERNAL_CALL_HEADER), secret);

/** Answers a failed internal call in the one error format (503 for the unexpected). */
export function replyInternalError(res: Response, error: unknown, correlationId?: string): void {
  if (res.headersSent) {
    res.destroy(error as Error);
    return;
  }
  const { status, body } = internalErrorReply(error, correlationId);
  res.status(status).json(body);
}

/**
 * Reads a streamed request body, refusing it (413) as soon as it passes `limit` bytes: bulk
 * bodies are bounded even though the gateway does not buffer them.
 */
export async function readBodyLimited(req: Request, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new DomainError(
        413,
        'payload-too-large',
        `${what} may have at most ${limit / 1024 / 1024} MB`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
