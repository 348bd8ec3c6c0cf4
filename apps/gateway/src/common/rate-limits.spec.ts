import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import {
  RateCounter,
  enforceAccountLimit,
  perAddressLimit,
  type RateLimits,
} from './rate-limits.js';

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
    const verdict = await new RateCounter(down).hit('ip:10.0.0.1', 1, Date.now(), 'revoked:x');
    expect(verdict.allowed).toBe(true);
    // The probe has no answer, so the caller must ask the record instead.
    expect(verdict.probed).toBeUndefined();
    down.disconnect();
  });
});

const limitsWithFreshCounter = () => ({ counter: freshCounter() }) as RateLimits;

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
    const middleware = perAddressLimit(limitsWithFreshCounter(), 2);
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

describe('the account count with its probe', () => {
  it('says in the same call whether the probed key exists, and expires the window once', async () => {
    const prefix = `rate-test:${randomUUID()}`;
    const counter = new RateCounter(redis, prefix);
    const listed = `rate-test-revoked:${randomUUID()}`;
    await redis.set(listed, '1', 'EX', 60);
    const at = minuteStart + 10_000;
    const first = await counter.hit('account:a', 2, at, listed);
    const second = await counter.hit('account:a', 2, at, `rate-test-revoked:${randomUUID()}`);
    const third = await counter.hit('account:a', 2, at);
    expect([first.probed, second.probed, third.probed]).toEqual([true, false, undefined]);
    expect([first.remaining, second.remaining, third.allowed]).toEqual([1, 0, false]);
    // The window's key expires about a minute after it opened, so old windows never pile up.
    const ttl = await redis.pttl(`${prefix}:account:a:${Math.floor(at / 60_000)}`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
    await redis.del(listed);
  });

  it('lets an account through within its budget and answers 429 beyond it', async () => {
    const counter = freshCounter();
    const at = minuteStart + 30_000;
    const { res, headers } = fakeResponse();
    enforceAccountLimit(res as unknown as Response, await counter.hit('account:b', 1, at));
    expect(headers.get('ratelimit-remaining')).toBe(0);
    const over = await counter.hit('account:b', 1, at);
    expect(() => enforceAccountLimit(res as unknown as Response, over)).toThrow(
      expect.objectContaining({ statusCode: 429, code: 'too-many-requests' }),
    );
    expect(headers.get('retry-after')).toBe(30);
    // Another account has a budget of its own.
    expect((await counter.hit('account:c', 1, at)).allowed).toBe(true);
  });
});
