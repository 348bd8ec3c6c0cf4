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

/**
 * Serves one internal call: checks the gateway's signed vouching, runs `work` with it and
 * answers any failure in the one error format, draining what the client still sends so it
 * reads the answer.
 */
export async function serveInternalCall(
  req: Request,
  res: Response,
  secret: string,
  work: (call: InternalCall) => Promise<void>,
): Promise<void> {
  let correlationId: string | undefined;
  try {
    const call = internalCallOf(req, secret);
    correlationId = call.correlationId;
    await work(call);
  } catch (error) {
    req.resume();
    replyInternalError(res, error, correlationId);
  }
}

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

/** The image type a file's first bytes announce, whatever its name or declared type says. */
export function imageTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

/** Reads an uploaded picture: at most `limit` bytes, and a JPEG, PNG or WebP by its first bytes. */
export async function readImageUpload(
  req: Request,
  limit: number,
): Promise<{ bytes: Buffer; type: 'image/jpeg' | 'image/png' | 'image/webp' }> {
  const bytes = await readBodyLimited(req, limit, 'A photo');
  const type = imageTypeOf(bytes);
  if (!type)
    throw new DomainError(
      415,
      'unsupported-media-type',
      'The photo must be a JPEG, PNG or WebP image',
    );
  return { bytes, type };
}

/** Answers with a stored picture, which the reader's browser may keep privately for an hour. */
export function sendImage(res: Response, type: string, bytes: Uint8Array): void {
  res
    .status(200)
    .type(type)
    .setHeader('cache-control', 'private, max-age=3600')
    .send(Buffer.from(bytes));
}
