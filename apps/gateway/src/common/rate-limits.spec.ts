import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import type { GatewayConfig } from './config.js';
import { PerAccountLimit, RateCounter, perAddressLimit, type RateLimits } from './rate-limits.js';

// Against the machine's real Redis: the counts are what every gateway instance would share.

const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
afterAll(() => redis.disconnect());

/** A counter of its own, so runs never see each other's counts. */
const freshCounter = () => new RateCounter(redis, `rate-test:${randomUUID()}`);

const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;

describe('RateCounter', () => {
  it('admits `limit` requests a minute, then refuses until the window turns', async () => {
    const counter = freshCounter();
    const at = minuteStart + 45_000;
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await counter.hit('ip:10.0.0.1', 3, at));
    expect(verdicts.map((v) => [v.allowed, v.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(verdicts[3]!.retryAfter).toBe(15);
    // Another key has its own budget; the next minute starts afresh.
    expect((await counter.hit('ip:10.0.0.2', 3, at)).allowed).toBe(true);
    expect((await counter.hit('ip:10.0.0.1', 3, minuteStart + 60_000)).remaining).toBe(2);
  });

  it('keeps serving when Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    down.on('error', () => undefined);
    const verdict = await new RateCounter(down).hit('ip:10.0.0.1', 1);
    expect(verdict.allowed).toBe(true);
    down.disconnect();
  });
});

function limitsWith(perAccount: number): RateLimits {
  return {
    counter: freshCounter(),
    config: { RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: perAccount } as GatewayConfig,
  } as RateLimits;
}

function fakeResponse() {
  const headers = new Map<string, unknown>();
  const res = {
    statusCode: 200,
    body: undefined as unknown,
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), value),
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    json(body: unknown) {
      res.body = body;
      return res;
    },
  };
  return { res, headers };
}

describe('perAddressLimit', () => {
  it('answers 429 with Retry-After once an address spends its minute, and skips health checks', async () => {
    const middleware = perAddressLimit(limitsWith(100), 2);
    const request = (path: string) =>
      ({ path, ip: '192.0.2.7', id: 'corr-1' }) as unknown as Request & { id: string };
    const outcomes: string[] = [];
    for (const path of ['/api/kpm', '/health/ready', '/api/kpm', '/api/kpm']) {
      const { res, headers } = fakeResponse();
      let passed = false;
      await middleware(request(path), res as unknown as Response, () => {
        passed = true;
      });
      outcomes.push(
        passed ? 'next' : `${res.statusCode} retry ${String(headers.get('retry-after'))}`,
      );
      if (!passed)
        expect(res.body).toMatchObject({
          statusCode: 429,
          error: 'too-many-requests',
          correlationId: 'corr-1',
        });
    }
    expect(outcomes[0]).toBe('next');
    expect(outcomes[1]).toBe('next');
    expect(outcomes[2]).toBe('next');
    expect(outcomes[3]).toMatch(/^429 retry \d+$/);
  });
});

describe('PerAccountLimit', () => {
  const context = (userId: string | null, res: unknown) =>
    ({
      switchToHttp: () => ({
        getRequest: () => (userId ? { user: { userId } } : {}),
        getResponse: () => res,
      }),
    }) as unknown as ExecutionContext;

  it('gives each account its own budget and lets public routes through', async () => {
    const guard = new PerAccountLimit(limitsWith(1));
    const { res, headers } = fakeResponse();
    await expect(guard.canActivate(context('account-a', res))).resolves.toBe(true);
    expect(headers.get('ratelimit-remaining')).toBe(0);
    await expect(guard.canActivate(context('account-a', res))).rejects.toMatchObject({
      statusCode: 429,
      code: 'too-many-requests',
    });
    await expect(guard.canActivate(context('account-b', res))).resolves.toBe(true);
    await expect(guard.canActivate(context(null, res))).resolves.toBe(true);
  });
});
