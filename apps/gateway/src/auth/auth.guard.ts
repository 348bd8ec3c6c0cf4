import {
  Injectable,
  SetMetadata,
  UnauthorizedException,
  applyDecorators,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import { ROLES as ALL_ROLES, type Role } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { PUBLIC_ROUTE, Public as PublicRoute } from '@jembatan/service-kit';
import type { Request, Response } from 'express';
import { PERSONAL_DATA, type AuditNote } from '../audit/personal-data.js';
import { RateLimits, enforceAccountLimit } from '../common/rate-limits.js';
import { Sessions, sessionEnded } from './sessions.js';
import { TokenService, type SessionUser } from './tokens.js';

const ROLES = 'jembatan:roles';

/** Who may call a route that names no roles: everyone signed in but a treasurer. */
export const DEFAULT_ROLES: readonly Role[] = ALL_ROLES.filter((role) => role !== 'treasurer');

/** Open without signing in; documented as `x-public` so the access matrix test knows it. */
export const Public = () => applyDecorators(PublicRoute(), ApiExtension('x-public', true));

/**
 * Limits a route to some roles; scope within the role is checked by the owning service. A route
 * without it is open to DEFAULT_ROLES. The roles are published in the OpenAPI document
 * (`x-roles`), which is what the generated access matrix test holds the gateway to.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

type AuthedRequest = Request & { user?: SessionUser; audit?: AuditNote };

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): SessionUser => {
    const user = context.switchToHttp().getRequest<AuthedRequest>().user;
    if (!user) throw new UnauthorizedException();
    return user;
  },
);

/**
 * Every route needs a valid bearer token unless marked @Public(). A signed-in request then makes
 * one Redis round trip: its account's rate count and its session's revocation, together.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: Sessions,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const user = scheme === 'Bearer' && token ? await this.tokens.verify(token) : null;
    if (!user) throw new UnauthorizedException('Sign in first (missing, invalid or expired token)');
    const verdict = await this.limits.countAccount(
      user.userId,
      this.sessions.revocationKey(user.sessionId),
    );
    if (await this.sessions.isRevoked(user.sessionId, verdict.probed)) throw sessionEnded();
    request.user = user;
    request.audit = auditNoteOf(request, this.reflector.get(PERSONAL_DATA, context.getHandler()));
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    // A treasurer is a family member, not staff: only routes that name the role let them in.
    if (!(roles ?? DEFAULT_ROLES).includes(user.role))
      throw new DomainError(403, 'role-not-allowed', `Not available to the ${user.role} role`);
    enforceAccountLimit(context.switchToHttp().getResponse<Response>(), verdict);
    return true;
  }
}

/**
 * The record a request names (its first path parameter) and its kind: the route's declared
 * kind of personal data, else the route's first segment (/api/kpm/:id/stage: kpm).
 */
function auditNoteOf(request: Request, personalData: string | undefined): AuditNote {
  const recordId = Object.values(request.params ?? {})[0] ?? null;
  const segment = (request.path ?? '').split('/')[2] ?? null;
  return {
    recordKind: personalData ?? (recordId ? segment : null),
    recordId: typeof recordId === 'string' ? recordId.slice(0, 200) : null,
  };
}
