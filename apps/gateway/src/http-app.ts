import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ensureTopics } from '@jembatan/messaging';
import { assignCorrelationId, httpMetrics, initMetrics } from '@jembatan/service-kit';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { DEFAULT_ROLES } from './auth/auth.guard.js';
import type { GatewayConfig } from './common/config.js';
import { auditRequests, AuditTrail } from './audit/audit-trail.js';
import { ErrorFilter } from './common/error.filter.js';
import { RateLimits, perAddressLimit } from './common/rate-limits.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { STREAMED_JSON_ROUTES } from './partners/directory.controller.js';

/** Builds the HTTP API (also used by tests, which listen on a free port). */
export async function createGateway(config: GatewayConfig): Promise<NestExpressApplication> {
  await ensureTopics(config.KAFKA_BROKERS);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(assignCorrelationId);
  initMetrics('gateway');
  app.use(httpMetrics);
  app.set('trust proxy', config.trustProxy);
  app.use(perAddressLimit(app.get(RateLimits), config.RATE_LIMIT_PER_IP_PER_MINUTE));
  app.use(auditRequests(app.get(AuditTrail)));
  app.useBodyParser('json', {
    limit: '100kb',
    // Directory files are bulk payloads: they stream through to the partners service.
    type: (req) =>
      (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() ===
        'application/json' && !STREAMED_JSON_ROUTES.includes((req.url ?? '').split('?')[0]!),
  });
  app.useGlobalFilters(new ErrorFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({
    origin: config.corsOrigins,
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'],
  });
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jembatan API')
      .setDescription(
        'HTTP API of the Jembatan portal. Errors share one format: { statusCode, error, message, fields?, correlationId }.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      // Who may call a route without `x-roles` of its own (see AuthGuard).
      .addExtension('x-default-roles', DEFAULT_ROLES)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  app.enableShutdownHooks();
  return app;
}
