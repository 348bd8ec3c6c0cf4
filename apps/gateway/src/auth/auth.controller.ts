import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { z } from 'zod';
import { AuditTrail } from '../audit/audit-trail.js';
import { CorrelationId } from '../common/request-context.js';
import { AccountsRepository } from './accounts.repository.js';
import { CurrentUser, Public, Roles } from './auth.guard.js';
import { LoginLimiter } from './login-limiter.js';
import { verifyNothing, verifyPassword } from './passwords.js';
import { Sessions, sessionEnded, type IssuedRefresh } from './sessions.js';
import { totpStep } from './totp.js';
import { TokenService, type SessionUser } from './tokens.js';
import type { UserAccount } from '../generated/prisma/client.js';

export const TotpCode = z.string().regex(/^\d{6}$/, 'must be the 6-digit code');

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** The authenticator app's code, for accounts with a second factor. */
  totpCode: TotpCode.optional(),
});

export const RefreshRequest = z.strictObject({
  refreshToken: z.string().min(10).max(200),
});

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    private readonly trail: AuditTrail,
    private readonly sessions: Sessions,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(LoginRequest) as object })
  async login(
    @Body({ schema: LoginRequest }) body: z.infer<typeof LoginRequest>,
    @Ip() ip: string,
    @CorrelationId() correlationId: string,
  ) {
    const retryAfter = await this.limiter.isBlocked(body.username, ip);
    if (retryAfter > 0) {
      throw new DomainError(
        429,
        'too-many-attempts',
        `Too many failed sign-ins; try again in ${retryAfter} s`,
      );
    }
    const account = await this.accounts.findByUsername(body.username);
    const valid = account
      ? !account.disabled && (await verifyPassword(account.passwordHash, body.password))
      : await verifyNothing(body.password);
    if (!account || !valid) {
      await this.limiter.recordFailure(body.username, ip);
      throw new DomainError(401, 'invalid-credentials', 'Wrong username or password');
    }
    if (account.totpSecret) await this.secondFactor(account, body, ip);
    await this.limiter.reset(body.username, ip);
    this.trail.record({
      actorId: account.id,
      actorRole: account.role,
      actorRegion: account.regionCode,
      ip,
      action: 'sign-in',
      method: 'POST',
      route: '/api/auth/login',
      recordKind: null,
      recordId: null,
      status: 200,
      correlationId,
    });
    const session = await this.sessions.open(account.id, ip);
    return this.signedIn(account, session);
  }

  /** A new access token (and the next refresh token) for the session's refresh token. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiBody({ schema: z.toJSONSchema(RefreshRequest) as object })
  async refresh(@Body({ schema: RefreshRequest }) body: z.infer<typeof RefreshRequest>) {
    const session = await this.sessions.rotate(body.refreshToken);
    const account = await this.accounts.findById(session.accountId);
    if (!account || account.disabled) {
      await this.sessions.revoke(session.sessionId, 'account-disabled');
      throw sessionEnded();
    }
    return this.signedIn(account, session);
  }

  /** Ends this session: its access and refresh tokens stop working at once. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @Roles(...ROLES)
  async logout(@CurrentUser() user: SessionUser): Promise<void> {
    await this.sessions.revoke(user.sessionId, 'signed-out');
  }

  /** With a second factor, the password alone is not enough: the code must match, once. */
  private async secondFactor(
    account: UserAccount,
    body: z.infer<typeof LoginRequest>,
    ip: string,
  ): Promise<void> {
    if (!body.totpCode)
      throw new DomainError(
        401,
        'totp-required',
        'Enter the 6-digit code from your authenticator app',
      );
    const step = totpStep(account.totpSecret!, body.totpCode);
    if (step === null || !(await this.accounts.acceptTotpStep(account.id, step))) {
      await this.limiter.recordFailure(body.username, ip);
      throw new DomainError(401, 'invalid-credentials', 'Wrong username, password or code');
    }
  }

  private async signedIn(account: UserAccount, session: IssuedRefresh) {
    const user: SessionUser = {
      userId: account.id,
      role: account.role as SessionUser['role'],
      regionCode: account.regionCode,
      displayName: account.displayName,
      sessionId: session.sessionId,
    };
    return {
      accessToken: await this.tokens.issue(user),
      refreshToken: session.refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user,
    };
  }

  @ApiBearerAuth()
  @Get('me')
  @Roles(...ROLES)
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }
}
