import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ErrorBody } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { gatewayRedis } from './redis.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './config.js';

// Rate limits per client address and per account, counted in Redis so that every gateway
// instance shares them: one-minute windows, one command per count. The account's count also
// carries the session's revocation check, so a signed-in request costs two round trips in all
// (address, then account with revocation), not three. Over the limit the answer is 429 with
// Retry-After. If Redis is down the gateway keeps serving (limits protect capacity; they are
// not access control) and says so in its log.

export interface RateVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  retryAfter: number;
  /** Whether the key asked about alongside exists; undefined when Redis did not answer. */
  probed?: boolean;
}

const WINDOW_MS = 60_000;

// One command instead of MULTI/INCR/PEXPIRE/EXEC: the window's expiry is set when it opens,
// and a second key, when given, is checked in the same trip.
const COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local probed = 0
if #KEYS > 1 then probed = redis.call('EXISTS', KEYS[2]) end
return {count, probed}`;

type CountingRedis = Redis & {
  countHit(key: string, ttlMs: number): Promise<[number, number]>;
  countHitAndProbe(key: string, probe: string, ttlMs: number): Promise<[number, number]>;
};

function withCountScripts(redis: Redis): CountingRedis {
  const counting = redis as CountingRedis;
  if (typeof counting.countHit !== 'function') {
    redis.defineCommand('countHit', { numberOfKeys: 1, lua: COUNT_SCRIPT });
    redis.defineCommand('countHitAndProbe', { numberOfKeys: 2, lua: COUNT_SCRIPT });
  }
  return counting;
}

export class RateCounter {
  private readonly logger = new Logger('RateLimits');
  private lastWarning = 0;
  private readonly redis: CountingRedis;

  constructor(
    redis: Redis,
    private readonly prefix = 'rate',
  ) {
    this.redis = withCountScripts(redis);
  }

  /**
   * Counts one request of `key` against `limit` per minute. With `probe`, also says whether
   * that Redis key exists, in the same round trip.
   */
  async hit(key: string, limit: number, now = Date.now(), probe?: string): Promise<RateVerdict> {
    const window = Math.floor(now / WINDOW_MS);
    const retryAfter = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    const redisKey = `${this.prefix}:${key}:${window}`;
    const ttl = WINDOW_MS + 1000;
    try {
      const [count, probed] = probe
        ? await this.redis.countHitAndProbe(redisKey, probe, ttl)
        : await this.redis.countHit(redisKey, ttl);
      return {
        allowed: count <= limit,
        limit,
        remaining: Math.max(limit - count, 0),
        retryAfter,
        ...(probe ? { probed: probed === 1 } : {}),
      };
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

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.redis = gatewayRedis(config, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined); // reported by the counter, once a minute
    this.counter = new RateCounter(this.redis);
  }

  /** Counts a signed-in request against its account; `probe` is asked about in the same trip. */
  countAccount(userId: string, probe?: string): Promise<RateVerdict> {
    return this.counter.hit(
      `account:${userId}`,
      this.config.RATE_LIMIT_PER_ACCOUNT_PER_MINUTE,
      Date.now(),
      probe,
    );
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

/**
 * After authentication (the AuthGuard calls it): every signed-in account has its own budget,
 * wherever it calls from. Sets the limit headers; 429 once the budget is spent.
 */
export function enforceAccountLimit(res: Response, verdict: RateVerdict): void {
  setHeaders(res, verdict);
  if (!verdict.allowed) throw tooMany(verdict, 'account');
}
