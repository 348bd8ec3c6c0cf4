import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { gatewayRedis } from '../common/redis.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../common/config.js';

const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES = 5;

/** Slows password guessing: after 5 failures for one username from one address, 15 minutes' wait. */
@Injectable()
export class LoginLimiter implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.redis = gatewayRedis(config, { maxRetriesPerRequest: 2 });
  }

  private key(username: string, ip: string): string {
    return `login-failures:${ip}:${username.toLowerCase()}`;
  }

  async isBlocked(username: string, ip: string): Promise<number> {
    const key = this.key(username, ip);
    const failures = Number((await this.redis.get(key)) ?? 0);
    return failures >= MAX_FAILURES ? Math.max(await this.redis.ttl(key), 1) : 0;
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const key = this.key(username, ip);
    await this.redis.multi().incr(key).expire(key, WINDOW_SECONDS, 'NX').exec();
  }

  async reset(username: string, ip: string): Promise<void> {
    await this.redis.del(this.key(username, ip));
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
