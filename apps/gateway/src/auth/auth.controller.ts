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
import { TokenService, type SessionUser } from './tokens.js';

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    private readonly trail: AuditTrail,
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
    const user: SessionUser = {
      userId: account.id,
      role: account.role as SessionUser['role'],
      regionCode: account.regionCode,
      displayName: account.displayName,
    };
    return { accessToken: await this.tokens.issue(user), tokenType: 'Bearer', user };
  }

  @ApiBearerAuth()
  @Get('me')
  @Roles(...ROLES)
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }
}
