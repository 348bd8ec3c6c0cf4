import {
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { ErrorBody } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { gatewayRedis } from './redis.js';
import type { SessionUser } from '../auth/tokens.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config.js';

// Rate limits per client address and per account, counted in Redis so that every gateway
// instance shares them: one-minute windows, one round trip per request. Over the limit the
// answer is 429 with Retry-After. If Redis is down the gateway keeps serving (limits protect
// capacity; they are not access control) and says so in its log.

export interface RateVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  retryAfter: number;
}

const WINDOW_MS = 60_000;

export class RateCounter {
  private readonly logger = new Logger('RateLimits');
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'rate',
  ) {}

  /** Counts one request of `key` against `limit` per minute. */
  async hit(key: string, limit: number, now = Date.now()): Promise<RateVerdict> {
    const window = Math.floor(now / WINDOW_MS);
    const retryAfter = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    const redisKey = `${this.prefix}:${key}:${window}`;
    try {
      const replies = await this.redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, WINDOW_MS + 1000)
        .exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      return { allowed: count <= limit, limit, remaining: Math.max(limit - count, 0), retryAfter };
    } catch (error) {
      if (now - this.lastWarning > WINDOW_MS) {
        this.lastWarning = now;
        this.logger.warn(`rate limits not enforced, Redis unavailable: ${String(error)}`);
      }
      return { allowed: true, limit, remaining: limit, retryAfter };
    }
  }
}

function setHeaders(res: Response, verdict: RateVerdict): void {
  res.setHeader('RateLimit-Limit', verdict.limit);
  res.setHeader('RateLimit-Remaining', verdict.remaining);
  res.setHeader('RateLimit-Reset', verdict.retryAfter);
  if (!verdict.allowed) res.setHeader('Retry-After', verdict.retryAfter);
}

const tooMany = (verdict: RateVerdict, who: string) =>
  new DomainError(
    429,
    'too-many-requests',
    `Too many requests from this ${who}; try again in ${verdict.retryAfter} s`,
  );

@Injectable()
export class RateLimits implements OnModuleDestroy {
  readonly counter: RateCounter;
  private readonly redis: Redis;

  constructor(@Inject(GATEWAY_CONFIG) readonly config: GatewayConfig) {
    this.redis = gatewayRedis(config, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined); // reported by the counter, once a minute
    this.counter = new RateCounter(this.redis);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/**
 * Express middleware, before body parsing and authentication: every request to the API counts
 * against its address. Health probes and the API document are not counted.
 */
export function perAddressLimit(limits: RateLimits, perMinute: number) {
  return async (req: Request & { id?: unknown }, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/') || req.path.startsWith('/api/docs')) return next();
    const verdict = await limits.counter.hit(`ip:${req.ip ?? 'unknown'}`, perMinute);
    setHeaders(res, verdict);
    if (verdict.allowed) return next();
    const body: ErrorBody = tooMany(verdict, 'address').toBody(
      typeof req.id === 'string' ? req.id : undefined,
    );
    res.status(429).json(body);
  };
}

/** After authentication: every signed-in account has its own budget, wherever it calls from. */
@Injectable()
export class PerAccountLimit implements CanActivate {
  constructor(private readonly limits: RateLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: SessionUser }>();
    if (!request.user) return true; // a public route: the address limit applies
    const verdict = await this.limits.counter.hit(
      `account:${request.user.userId}`,
      this.limits.config.RATE_LIMIT_PER_ACCOUNT_PER_MINUTE,
    );
    setHeaders(context.switchToHttp().getResponse<Response>(), verdict);
    if (!verdict.allowed) throw tooMany(verdict, 'account');
    return true;
  }
}
