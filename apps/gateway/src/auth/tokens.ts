import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@jembatan/contracts';
import { SignJWT, jwtVerify } from 'jose';
import { GATEWAY_CONFIG, type GatewayConfig } from '../common/config.js';

export interface SessionUser extends Actor {
  displayName: string;
  /** The session the token was issued for (refresh and revocation). */
  sessionId: string;
}

/** The part of a session that services see: who acts, in which role and region. */
export const actorOf = ({ userId, role, regionCode }: SessionUser): Actor => ({
  userId,
  role,
  regionCode,
});

/** Short-lived HS256 access tokens carrying the role, the region scope and the session. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  issue(user: SessionUser): Promise<string> {
    return new SignJWT({
      role: user.role,
      region: user.regionCode,
      name: user.displayName,
      sid: user.sessionId,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer('jembatan-gateway')
      .setIssuedAt()
      .setExpirationTime(`${this.config.ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** The user a token stands for, or null when it is invalid or expired. */
  async verify(token: string): Promise<SessionUser | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'jembatan-gateway',
        algorithms: ['HS256'],
      });
      const actor = Actor.safeParse({
        userId: payload.sub,
        role: payload.role,
        regionCode: payload.region ?? null,
      });
      if (!actor.success || typeof payload.sid !== 'string') return null;
      return {
        ...actor.data,
        displayName: typeof payload.name === 'string' ? payload.name : actor.data.userId,
        sessionId: payload.sid,
      };
    } catch {
      return null;
    }
  }
}
