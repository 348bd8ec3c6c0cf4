import {
  Controller,
  Get,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
} from '@nestjs/terminus';
import { createKafka, MESSAGING_DB, type SqlClient } from '@jembatan/messaging';
import { Redis } from 'ioredis';
import type kafkajs from 'kafkajs';
import { LAG_SOURCE, MetricsController } from './metrics.js';
import { Public } from './public-route.js';

export interface HealthOptions {
  service: string;
  brokers: string[];
  /** Set when the service uses Redis, so readiness depends on it. */
  redisUrl?: string;
}

const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms),
    ),
  ]);
}

/** Long-lived clients for the probes, so a health check costs one round trip each. */
@Injectable()
export class DependencyProbes implements OnModuleDestroy {
  private readonly admin: kafkajs.Admin;
  private adminConnected: Promise<void> | undefined;
  readonly redis: Redis | undefined;

  constructor(
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    @Inject(MESSAGING_DB) private readonly db: SqlClient,
  ) {
    this.admin = createKafka(`${options.service}-health`, options.brokers).admin();
    this.redis = options.redisUrl
      ? new Redis(options.redisUrl, {
          lazyConnect: true,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
        })
      : undefined;
    this.redis?.on('error', () => undefined); // reported by the probe
  }

  async database(): Promise<void> {
    await withTimeout(this.db.$queryRawUnsafe('SELECT 1'), 2000, 'PostgreSQL');
  }

  async kafka(): Promise<number> {
    this.adminConnected ??= this.admin.connect().catch((error: unknown) => {
      this.adminConnected = undefined;
      throw error;
    });
    await withTimeout(this.adminConnected, 3000, 'Kafka');
    const cluster = await withTimeout(this.admin.describeCluster(), 3000, 'Kafka');
    return cluster.brokers.length;
  }

  async redisPing(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === 'wait' || this.redis.status === 'end')
      await this.redis.connect().catch(() => undefined);
    await withTimeout(this.redis.ping(), 2000, 'Redis');
  }

  /** The service's consumer group lag per topic it has committed on (for /metrics). */
  async lagByTopic(): Promise<Map<string, number>> {
    await this.kafka();
    const lag = new Map<string, number>();
    const committed = await withTimeout(
      this.admin.fetchOffsets({ groupId: this.options.service }),
      3000,
      'Kafka',
    );
    for (const { topic, partitions } of committed) {
      const ends = await withTimeout(this.admin.fetchTopicOffsets(topic), 3000, 'Kafka');
      let behind = 0;
      for (const end of ends) {
        const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        behind += Math.max(0, Number(end.offset) - Math.max(0, Number(at)));
      }
      lag.set(topic, behind);
    }
    return lag;
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin.disconnect().catch(() => undefined);
    this.redis?.disconnect();
  }
}

/** Public: load balancers and orchestrators call it without a token. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly probes: DependencyProbes,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  /** The process is up (no dependency checked): for restart decisions. */
  @Get('live')
  live(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.options.service };
  }

  /** 200 only when PostgreSQL, Kafka (and Redis where used) answer; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const check = (key: string, probe: () => Promise<unknown>) => async () => {
      const session = this.indicator.check(key);
      try {
        const detail = await probe();
        return session.up(typeof detail === 'number' ? { brokers: detail } : {});
      } catch (error) {
        return session.down({ message: (error as Error).message });
      }
    };
    return this.health.check([
      check('database', () => this.probes.database()),
      check('kafka', () => this.probes.kafka()),
      ...(this.options.redisUrl ? [check('redis', () => this.probes.redisPing())] : []),
    ]);
  }
}

@Module({})
export class HealthModule {
  static forService(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: HEALTH_OPTIONS, useValue: options },
        DependencyProbes,
        { provide: LAG_SOURCE, useExisting: DependencyProbes },
      ],
      exports: [DependencyProbes],
    };
  }
}
