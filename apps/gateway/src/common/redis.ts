import { Redis, type RedisOptions } from 'ioredis';
import type { GatewayConfig } from './config.js';

/** A connection to the gateway's Redis; every key carries REDIS_KEY_PREFIX. */
export function gatewayRedis(
  config: Pick<GatewayConfig, 'REDIS_URL' | 'REDIS_KEY_PREFIX'>,
  options: RedisOptions = {},
): Redis {
  return new Redis(config.REDIS_URL, { keyPrefix: config.REDIS_KEY_PREFIX, ...options });
}
