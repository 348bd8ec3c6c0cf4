import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { isTransientError } from '@jembatan/messaging';
import type { SessionUser } from '../auth/tokens.js';
import { PrismaService } from '../database/prisma.service.js';
import type { AuditNote } from './personal-data.js';

export interface AuditLine {
  actorId: string;
  actorRole: string;
  actorRegion: string | null;
  ip: string;
  action: 'read' | 'change' | 'sign-in';
  method: string;
  route: string;
  recordKind: string | null;
  recordId: string | null;
  status: number;
  correlationId: string;
}

const FLUSH_MS = 200;
const MAX_BATCH = 500;

/**
 * The gateway's audit trail. Lines are written in batches a fifth of a second apart, off the
 * request's path (one INSERT per batch, not per request); a crash loses at most that fifth of a
 * second. Family status decisions are also audited inside their own transaction by caseload.
 */
@Injectable()
export class AuditTrail implements OnModuleDestroy {
  private readonly logger = new Logger('AuditTrail');
  private pending: AuditLine[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer = setInterval(() => void this.flush(), FLUSH_MS).unref();

  constructor(private readonly prisma: PrismaService) {}

  record(line: AuditLine): void {
    this.pending.push(storable(line));
    if (this.pending.length >= MAX_BATCH) void this.flush();
  }

  /**
   * Writes what is pending. While the database is away the lines wait for the next try; a
   * line the database refuses is written alone, so it can never hold up the others.
   */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending.splice(0, MAX_BATCH);
      if (batch.length === 0) return;
      try {
        await this.prisma.auditEvent.createMany({ data: batch });
      } catch (error) {
        if (isTransientError(error)) {
          this.pending.unshift(...batch);
          this.logger.warn(`audit trail waits for the database (${batch.length} lines)`);
          return;
        }
        for (const line of batch)
          await this.prisma.auditEvent
            .createMany({ data: [line] })
            .catch((refused: unknown) =>
              this.logger.error(
                `audit line refused (${line.method} ${line.route}, ${line.correlationId}): ${String(refused)}`,
              ),
            );
      }
    });
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** Text PostgreSQL can store (no NUL) and of bounded size: paths and ids come from callers. */
const text = (value: string, max: number) => value.replaceAll('\u0000', '\uFFFD').slice(0, max);

export function storable(line: AuditLine): AuditLine {
  return {
    ...line,
    ip: text(line.ip, 100),
    route: text(line.route, 300),
    recordKind: line.recordKind === null ? null : text(line.recordKind, 100),
    recordId: line.recordId === null ? null : text(line.recordId, 200),
    correlationId: text(line.correlationId, 200),
  };
}

type AuditedRequest = Request & { id?: unknown; user?: SessionUser; audit?: AuditNote };

/**
 * Express middleware: when the answer has gone, records every signed-in change and every read
 * of personal data, refused ones included (the refusal is in the status).
 */
export function auditRequests(trail: AuditTrail) {
  return (req: AuditedRequest, res: Response, next: NextFunction) => {
    res.once('finish', () => {
      const { user, audit } = req;
      if (!user || !audit) return;
      const change = req.method !== 'GET' && req.method !== 'HEAD';
      if (!change && !audit.recordKind) return;
      trail.record({
        actorId: user.userId,
        actorRole: user.role,
        actorRegion: user.regionCode,
        ip: req.ip ?? 'unknown',
        action: change ? 'change' : 'read',
        method: req.method,
        route: routeOf(req),
        recordKind: audit.recordKind,
        recordId: audit.recordId,
        status: res.statusCode,
        correlationId: typeof req.id === 'string' ? req.id : String(req.id),
      });
    });
    next();
  };
}

/** The route as declared (/api/kpm/:id), or the path when Express matched none. */
function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${req.baseUrl}${route}` : req.path;
}
