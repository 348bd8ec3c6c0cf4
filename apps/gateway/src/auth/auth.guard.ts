import {
  Injectable,
  SetMetadata,
  UnauthorizedException,
  ForbiddenException,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@jembatan/contracts';
import { PUBLIC_ROUTE, Public } from '@jembatan/service-kit';
import type { Request } from 'express';
import { TokenService, type SessionUser } from './tokens.js';

const ROLES = 'jembatan:roles';

export { Public };
/**
 * Limits a route to some roles; scope within the role is checked by the owning service. A route
 * without it is open to every signed-in role except `treasurer`.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

type AuthedRequest = Request & { user?: SessionUser };

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): SessionUser => {
    const user = context.switchToHttp().getRequest<AuthedRequest>().user;
    if (!user) throw new UnauthorizedException();
    return user;
  },
);

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const user = scheme === 'Bearer' && token ? await this.tokens.verify(token) : null;
    if (!user) throw new UnauthorizedException('Sign in first (missing, invalid or expired token)');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    // A treasurer is a family member, not staff: only routes that name the role let them in.
    const allowed = roles ? roles.includes(user.role) : user.role !== 'treasurer';
    if (!allowed) throw new ForbiddenException(`Not available to the ${user.role} role`);
    return true;
  }
}
