import { BaseEnv, loadEnv, portVar, requireProductionSecrets } from '@jembatan/service-kit';
import { z } from 'zod';

const DEV_SECRET = 'jembatan-development-secret-change-me-0000';

export const GatewayEnv = BaseEnv.extend({
  GATEWAY_PORT: portVar(3000),
  /** HMAC key for access tokens; at least 32 characters; required in production. */
  JWT_SECRET: z.string().min(32, 'must have at least 32 characters').optional(),
  /** Access tokens are short-lived; the portal renews them with its refresh token. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  /** How long a session (its refresh token) lasts without a new sign-in. */
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Origins allowed to call the API from a browser (the portal), comma-separated. */
  CORS_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
  /** Where bulk uploads (CSV imports) stream to; defaults to caseload on CASELOAD_PORT. */
  CASELOAD_URL: z.url().optional(),
  CASELOAD_PORT: portVar(3101),
  /** Where P2K2 check-in photos stream to; defaults to training on TRAINING_PORT. */
  TRAINING_URL: z.url().optional(),
  TRAINING_PORT: portVar(3102),
  /** Where HSDS directory files stream to and from; defaults to partners on PARTNERS_PORT. */
  PARTNERS_URL: z.url().optional(),
  PARTNERS_PORT: portVar(3103),
  /**
   * Requests per minute one client address may make (an office's assistants may share one
   * address behind NAT) and one signed-in account may make, counted across gateway instances.
   */
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /**
   * Express's "trust proxy": which proxies may tell the client's address (X-Forwarded-For).
   * The default trusts a proxy on the same host; behind a load balancer, name its network.
   */
  TRUST_PROXY: z.string().default('loopback'),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
  }
});

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = loadEnv(GatewayEnv, env);
  requireProductionSecrets(parsed);
  return {
    ...parsed,
    port: parsed.GATEWAY_PORT,
    jwtSecret: parsed.JWT_SECRET ?? DEV_SECRET,
    database: { url: parsed.DATABASE_URL, schema: 'gateway' },
    caseloadUrl: parsed.CASELOAD_URL ?? `http://127.0.0.1:${parsed.CASELOAD_PORT}`,
    trainingUrl: parsed.TRAINING_URL ?? `http://127.0.0.1:${parsed.TRAINING_PORT}`,
    partnersUrl: parsed.PARTNERS_URL ?? `http://127.0.0.1:${parsed.PARTNERS_PORT}`,
    trustProxy: trustProxyOf(parsed.TRUST_PROXY),
    corsOrigins: parsed.CORS_ORIGINS.split(',').map((origin) => origin.trim()),
  };
}
/** "true", "false", a hop count, or addresses and names Express knows (loopback, uniquelocal). */
function trustProxyOf(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
