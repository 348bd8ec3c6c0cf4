import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, INTERNAL_CALL_HEADER, signInternalCall } from '@jembatan/messaging';
import type { Request, Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from './config.js';
import type { CallerContext } from './request-context.js';

type Owner = 'caseload' | 'training' | 'partners';

/**
 * Bulk payloads (CSV imports, check-in photos, reports, directory files) stream over HTTP between the gateway
 * and the service that owns them, the one exception to Kafka. The gateway vouches for the
 * signed-in user with a signed header; the body streams through without being buffered.
 */
@Injectable()
export class BulkHttp {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  private url(owner: Owner, path: string): URL {
    const base = {
      caseload: this.config.caseloadUrl,
      training: this.config.trainingUrl,
      partners: this.config.partnersUrl,
    }[owner];
    return new URL(path, base);
  }

  /** Calls the owning service; 503 when it cannot be reached. */
  async call(
    owner: Owner,
    path: string,
    caller: CallerContext,
    init: {
      method?: string;
      params?: Record<string, string>;
      body?: Request;
      contentType?: string;
    } = {},
  ): Promise<globalThis.Response> {
    // A JSON (or form) body was already read by the gateway's parser: there is no file to stream.
    if (init.body && (init.body.readableEnded || (init.body.complete && !init.body.readable)))
      throw new DomainError(
        415,
        'unsupported-media-type',
        'Send the file itself (multipart/form-data, text/csv or an image), not JSON',
      );
    const headers: Record<string, string> = {
      [INTERNAL_CALL_HEADER]: signInternalCall(
        { actor: caller.actor, correlationId: caller.correlationId, params: init.params ?? {} },
        this.config.INTERNAL_SECRET,
      ),
      ...(init.contentType ? { 'content-type': init.contentType } : {}),
    };
    try {
      return await fetch(this.url(owner, path), {
        method: init.method ?? 'GET',
        headers,
        ...(init.body ? { body: Readable.toWeb(init.body) as ReadableStream, duplex: 'half' } : {}),
      } as RequestInit);
    } catch {
      init.body?.resume(); // let the client finish sending so it reads the answer
      throw new DomainError(
        503,
        'temporarily-unavailable',
        `The ${owner} service is not reachable; please retry`,
      );
    }
  }

  /** Passes the service's answer (status, type, disposition, body) back to the client. */
  async relay(upstream: globalThis.Response, res: Response): Promise<void> {
    res.status(upstream.status);
    for (const header of [
      'content-type',
      'content-disposition',
      'content-length',
      'cache-control',
    ]) {
      const value = upstream.headers.get(header);
      if (value) res.setHeader(header, value);
    }
    if (upstream.body) await pipeline(Readable.fromWeb(upstream.body as never), res);
    else res.end();
  }
}
