import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { ensureTopics, serviceTransportOptions } from '@jembatan/messaging';
import type { BackendService } from '@jembatan/contracts';
import { Logger } from 'nestjs-pino';
import type kafkajs from 'kafkajs';
import { httpMetrics, initMetrics } from './metrics.js';

export interface ServiceBootOptions {
  service: BackendService;
  module: new (...args: never[]) => unknown;
  port: number;
  host: string;
  brokers: string[];
}

/**
 * Starts a backend service: its Kafka consumer (rpc + events) and a small HTTP server for
 * health. SIGTERM drains in-flight messages and stops the outbox relay before exiting.
 */
export async function bootstrapService(options: ServiceBootOptions): Promise<INestApplication> {
  await ensureTopics(options.brokers);
  // No body parsing: the only HTTP bodies a service takes are bulk uploads its controllers
  // stream themselves (within their own size limits).
  const app = await NestFactory.create(options.module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  initMetrics(options.service);
  app.use(httpMetrics);
  app.connectMicroservice<MicroserviceOptions>(
    serviceTransportOptions(options.service, options.brokers),
    {
      inheritAppConfig: true,
    },
  );
  app.enableShutdownHooks();
  // Init first: the message router is built in onModuleInit, and a consumer that joins with a
  // backlog (say after a crash) is handed messages the moment it starts.
  await app.init();
  await app.startAllMicroservices();
  exitIfConsumerStops(app);
  await app.listen(options.port, options.host);
  app
    .get(Logger)
    .log(`${options.service} ready on http://${options.host}:${options.port}/health/ready`);
  return app;
}

/**
 * kafkajs restarts a crashed consumer unless the error is one it deems fatal; then the process
 * would go on answering health checks while consuming nothing. Exiting hands it to whatever
 * supervises it (Kubernetes, systemd, `npm start`), which starts it afresh.
 */
function exitIfConsumerStops(app: INestApplication): void {
  const logger = app.get(Logger);
  for (const microservice of app.getMicroservices()) {
    const [, consumer] = microservice.unwrap<[unknown, kafkajs.Consumer | null, unknown]>();
    consumer?.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      logger.error(`Kafka consumer stopped for good (${payload.error.message}); exiting`);
      process.exit(1);
    });
  }
}

/** Runs `main` and turns a boot failure into one line and exit code 1 (no stack for config errors). */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    const message =
      error instanceof Error
        ? error.name === 'ConfigError'
          ? error.message
          : error.stack
        : String(error);
    console.error(message);
    process.exit(1);
  });
}
