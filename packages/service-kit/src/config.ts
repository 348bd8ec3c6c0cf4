import { z } from 'zod';

/** Only for development and tests; production must set its own (see requireProductionSecrets). */
export const DEV_INTERNAL_SECRET = 'development-only-internal-secret-change-me';

/** Settings every service reads; each service extends this with its own. */
export const BaseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgresql://postgres@127.0.0.1:5432/jembatan'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port[,host:port]')).min(1)),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Put before every key, so several deployments (or test stacks) may share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w.:-]*$/, 'letters, digits and . _ : - only')
    .default(''),
  HOST: z.string().default('0.0.0.0'),
  /** Shared by the gateway and the services to vouch for bulk HTTP calls; set it in production. */
  INTERNAL_SECRET: z
    .string()
    .min(32, 'must have at least 32 characters')
    .default(DEV_INTERNAL_SECRET),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at boot; a missing or malformed variable stops the process with its name. */
export function loadEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Refuses to boot in production with the development INTERNAL_SECRET. */
export function requireProductionSecrets(env: { NODE_ENV: string; INTERNAL_SECRET: string }): void {
  if (env.NODE_ENV === 'production' && env.INTERNAL_SECRET === DEV_INTERNAL_SECRET)
    throw new ConfigError(['INTERNAL_SECRET: is required in production']);
}

/** The port variable of a service, e.g. CASELOAD_PORT, with its documented default. */
export const portVar = (defaultPort: number) =>
  z.coerce.number().int().min(0).max(65535).default(defaultPort);
