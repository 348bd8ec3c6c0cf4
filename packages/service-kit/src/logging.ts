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

export function loggerModule(service: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Carry the caller's correlation id (the gateway sets one on every request).
      genReqId: (req: IncomingMessage) => {
        const header = req.headers['x-correlation-id'];
        return typeof header === 'string' && header.length > 0 && header.length <= 200
          ? header
          : randomUUID();
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      transport: undefined,
    },
  });
}
