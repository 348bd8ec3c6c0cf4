import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '@jembatan/messaging';
import type { Redis } from 'ioredis';
import { gatewayRedis } from '../common/redis.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../common/config.js';
import { PrismaService } from '../database/prisma.service.js';
import type { Tx } from '../database/prisma.service.js';

/** The refusal for a token or refresh token whose session is over (or never was). */
export const sessionEnded = () =>
  new DomainError(401, 'session-ended', 'The session has ended: sign in again');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const REVOKED = (sessionId: string) => `revoked-session:${sessionId}`;

export interface IssuedRefresh {
  sessionId: string;
  refreshToken: string;
}

/**
 * Sessions behind the short-lived access tokens. A refresh token is `<session id>.<secret>`;
 * only the secret's hash is stored and it changes on every refresh. An old secret coming back
 * means the token was copied: the whole session is revoked. Revocations are also written to
 * Redis for as long as an access token lives, so the guard refuses a revoked session's tokens
 * at once, on every gateway instance.
 */
@Injectable()
export class Sessions implements OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private readonly redis: Redis;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.redis = gatewayRedis(config, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // reported where it matters, below
  }

  async open(accountId: string, ip: string): Promise<IssuedRefresh> {
    const sessionId = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.prisma.authSession.create({
      data: {
        id: sessionId,
        accountId,
        refreshHash: sha256(secret),
        expiresAt: new Date(Date.now() + this.config.SESSION_TTL_DAYS * 86_400_000),
        ip,
      },
    });
    return { sessionId, refreshToken: `${sessionId}.${secret}` };
  }

  /** A new refresh token for a valid one, and the account it signs in; 401 otherwise. */
  async rotate(refreshToken: string): Promise<IssuedRefresh & { accountId: string }> {
    const [sessionId = '', secret = ''] = refreshToken.split('.');
    const refused = sessionEnded();
    if (!/^[0-9a-f-]{36}$/.test(sessionId) || !secret) throw refused;
    const next = randomBytes(32).toString('base64url');
    const outcome = await this.prisma.$transaction(async (tx) => {
      // Locked, so two refreshes racing with the same token cannot both succeed.
      const [session] = await tx.$queryRaw<
        { account_id: string; refresh_hash: string; expires_at: Date; revoked_at: Date | null }[]
      >`SELECT account_id, refresh_hash, expires_at, revoked_at FROM auth_session
        WHERE id = ${sessionId}::uuid FOR UPDATE`;
      if (!session || session.revoked_at || session.expires_at < new Date()) return null;
      if (session.refresh_hash !== sha256(secret)) {
        await this.markRevoked(tx, [sessionId], 'refresh-token-reused');
        return 'reused' as const;
      }
      await tx.authSession.update({
        where: { id: sessionId },
        data: { refreshHash: sha256(next), lastUsedAt: new Date() },
      });
      return { accountId: session.account_id };
    });
    if (outcome === 'reused') {
      await this.announce([sessionId]);
      this.logger.warn(`session ${sessionId} revoked: an old refresh token came back`);
    }
    if (!outcome || outcome === 'reused') throw refused;
    return { sessionId, refreshToken: `${sessionId}.${next}`, accountId: outcome.accountId };
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.prisma.$transaction((tx) => this.markRevoked(tx, [sessionId], reason));
    await this.announce([sessionId]);
  }

  /** Ends every open session of an account (disabled, replaced, password reset). */
  async revokeAllOf(accountId: string, reason: string, tx?: Tx): Promise<string[]> {
    const run = async (client: Tx) => {
      const open = await client.authSession.findMany({
        where: { accountId, revokedAt: null },
        select: { id: true },
      });
      await this.markRevoked(
        client,
        open.map((s) => s.id),
        reason,
      );
      return open.map((s) => s.id);
    };
    const ids = tx ? await run(tx) : await this.prisma.$transaction(run);
    await this.announce(ids);
    return ids;
  }

  /** The Redis key that lists a revoked session (the rate counter asks about it for the guard). */
  revocationKey(sessionId: string): string {
    return REVOKED(sessionId);
  }

  /**
   * Whether access tokens of this session must be refused, given what the revocation list in
   * Redis said (`listed`), or undefined when Redis did not answer: the database is the record.
   */
  async isRevoked(sessionId: string, listed: boolean | undefined): Promise<boolean> {
    if (listed !== undefined) return listed;
    this.logger.warn('revocation list unavailable, reading the database');
    const session = await this.prisma.authSession.findUnique({
      where: { id: sessionId },
      select: { revokedAt: true },
    });
    return !session || session.revokedAt !== null;
  }

  private async markRevoked(tx: Tx, ids: string[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    await tx.authSession.updateMany({
      where: { id: { in: ids }, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
  }

  /** Tells every gateway instance, for as long as a token of these sessions could live. */
  private async announce(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const multi = this.redis.multi();
    for (const id of ids) multi.set(REVOKED(id), '1', 'EX', this.config.ACCESS_TOKEN_TTL_SECONDS);
    await multi.exec().catch((error: unknown) => {
      this.logger.warn(`revocation not announced (the database has it): ${String(error)}`);
    });
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
