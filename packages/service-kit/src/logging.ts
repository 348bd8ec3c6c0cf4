import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

/**
 * Fields that must never reach a log line: national ID numbers, phone numbers, secrets.
 * Paths cover request bodies, event payloads and error objects.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.nik',
  '*.*.nik',
  '*.phone',
  '*.*.phone',
  '*.password',
  '*.token',
  '*.accessToken',
];

/** The caller's X-Correlation-Id when it is sensible, otherwise a fresh one. */
export function correlationIdOf(req: IncomingMessage): string {
  const header = req.headers['x-correlation-id'];
  return typeof header === 'string' && header.length > 0 && header.length <= 200
    ? header
    : randomUUID();
}

/**
 * Express middleware that gives the request its id before anything can fail (body parsing
 * runs before the logger's middleware); the logger then keeps that id.
 */
export function assignCorrelationId(
  req: IncomingMessage & { id?: unknown },
  _res: unknown,
  next: () => void,
): void {
  req.id ??= correlationIdOf(req);
  next();
}

export function loggerModule(service: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Carry the caller's correlation id (the gateway sets one on every request).
      genReqId: correlationIdOf,
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      transport: undefined,
    },
  });
}
