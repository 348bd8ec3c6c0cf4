import type { DynamicModule } from '@nestjs/common';
import { z } from 'zod';
import type { BackendService, EventTopic } from '@jembatan/contracts';
import { MessagingModule } from '@jembatan/messaging';
import { bootstrapService, runMain } from './bootstrap.js';
import { BaseEnv, loadEnv, portVar, requireProductionSecrets } from './config.js';
import { DatabaseModule, type DisconnectableDb, type PrismaClientClass } from './database.js';
import { HealthModule } from './health.js';
import { loggerModule } from './logging.js';

/** The documented default HTTP (health) port of each service; `<SERVICE>_PORT` overrides it. */
export const DEFAULT_PORTS: Record<BackendService, number> = {
  caseload: 3101,
  training: 3102,
  partners: 3103,
  microcredit: 3104,
  supervision: 3105,
};

export function loadServiceConfig(service: BackendService, env: NodeJS.ProcessEnv = process.env) {
  const portName = `${service.toUpperCase()}_PORT`;
  const parsed = loadEnv(BaseEnv, env);
  requireProductionSecrets(parsed);
  const { port } = loadEnv(z.object({ port: portVar(DEFAULT_PORTS[service]) }), {
    port: env[portName],
  });
  return { ...parsed, service, port, database: { url: parsed.DATABASE_URL, schema: service } };
}
export type ServiceConfig = ReturnType<typeof loadServiceConfig>;

export interface ServiceModuleOptions {
  /** The service's generated PrismaClient subclass. */
  prisma: PrismaClientClass<DisconnectableDb>;
  /** Event topics the service reacts to. */
  consumes?: EventTopic[];
  /** The service's feature modules. */
  features?: DynamicModule['imports'];
  /** Set when the service uses Redis (readiness then depends on it). */
  usesRedis?: boolean;
}

/** The module tree every backend service shares: logging, database, Kafka messaging, health. */
export function serviceModule(config: ServiceConfig, options: ServiceModuleOptions): DynamicModule {
  class ServiceRootModule {}
  Object.defineProperty(ServiceRootModule, 'name', { value: `${config.service}RootModule` });
  return {
    module: ServiceRootModule,
    imports: [
      loggerModule(config.service, config.LOG_LEVEL),
      MessagingModule.forService(
        {
          service: config.service,
          brokers: config.KAFKA_BROKERS,
          database: config.database,
          consumes: options.consumes ?? [],
        },
        DatabaseModule.forRoot(options.prisma, config.database),
      ),
      HealthModule.forService({
        service: config.service,
        brokers: config.KAFKA_BROKERS,
        ...(options.usesRedis ? { redisUrl: config.REDIS_URL } : {}),
      }),
      ...(options.features ?? []),
    ],
  };
}

/** Entry point of a backend service: read config, build the module tree, start serving. */
export function runService(service: BackendService, options: ServiceModuleOptions): void {
  runMain(async () => {
    const config = loadServiceConfig(service);
    await bootstrapService({
      service,
      module: serviceModule(config, options) as never,
      port: config.port,
      host: config.HOST,
      brokers: config.KAFKA_BROKERS,
    });
  });
}
