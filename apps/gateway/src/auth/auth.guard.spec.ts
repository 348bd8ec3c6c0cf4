import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@jembatan/contracts';
import { AuthGuard, Roles } from './auth.guard.js';
import type { RateLimits, RateVerdict } from '../common/rate-limits.js';
import type { Sessions } from './sessions.js';
import type { SessionUser, TokenService } from './tokens.js';

class Routes {
  open() {}
  @Roles('assistant', 'coordinator')
  staffOnly() {}
  @Roles('treasurer', 'assistant')
  savings() {}
}

/**
 * The guard with a token service that accepts "token-<role>" for a user of that role, and a
 * rate counter that answers `verdict` (the revocation list's answer in `probed`).
 */
function guardFor(verdict: Partial<RateVerdict> = {}) {
  const tokens = {
    verify: async (token: string): Promise<SessionUser | null> =>
      token.startsWith('token-')
        ? {
            userId: '9b2f1a9e-0000-4000-8000-000000000001',
            role: token.slice(6) as Role,
            regionCode: '31.75',
            displayName: 'Tester',
            sessionId: '9b2f1a9e-0000-4000-8000-0000000000aa',
          }
        : null,
  } as unknown as TokenService;
  // The database's answer when Redis gave none: revoked.
  const sessions = {
    revocationKey: (id: string) => `revoked-session:${id}`,
    isRevoked: async (_id: string, listed: boolean | undefined) => listed ?? true,
  } as unknown as Sessions;
  const limits = {
    countAccount: async () => ({
      allowed: true,
      limit: 100,
      remaining: 99,
      retryAfter: 20,
      probed: false,
      ...verdict,
    }),
  } as unknown as RateLimits;
  return new AuthGuard(new Reflector(), tokens, sessions, limits);
}

const call = (route: keyof Routes, role: Role): ExecutionContext =>
  ({
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({
      getRequest: () => ({ headers: { authorization: `Bearer token-${role}` } }),
      getResponse: () => ({ setHeader: () => undefined }),
    }),
  }) as unknown as ExecutionContext;

describe('AuthGuard', () => {
  const guard = guardFor();

  it('lets staff and partners through routes that name no roles', async () => {
    for (const role of ['assistant', 'coordinator', 'dinas', 'partner', 'admin'] as const)
      await expect(guard.canActivate(call('open', role))).resolves.toBe(true);
  });

  it('keeps a treasurer to the routes that name the role', async () => {
    await expect(guard.canActivate(call('open', 'treasurer'))).rejects.toMatchObject({
      statusCode: 403,
      code: 'role-not-allowed',
    });
    await expect(guard.canActivate(call('staffOnly', 'treasurer'))).rejects.toMatchObject({
      statusCode: 403,
      code: 'role-not-allowed',
    });
    await expect(guard.canActivate(call('savings', 'treasurer'))).resolves.toBe(true);
  });

  it('refuses roles a route does not name', async () => {
    await expect(guard.canActivate(call('staffOnly', 'partner'))).rejects.toMatchObject({
      statusCode: 403,
      code: 'role-not-allowed',
    });
  });

  it('refuses a revoked session, and asks the record when the list did not answer', async () => {
    for (const probed of [true, undefined])
      await expect(
        guardFor({ probed }).canActivate(call('open', 'assistant')),
      ).rejects.toMatchObject({
        statusCode: 401,
        code: 'session-ended',
      });
  });

  it('answers 429 once the account has spent its minute', async () => {
    await expect(
      guardFor({ allowed: false, remaining: 0 }).canActivate(call('open', 'assistant')),
    ).rejects.toMatchObject({ statusCode: 429, code: 'too-many-requests' });
  });
});
