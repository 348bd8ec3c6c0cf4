import { Controller, Get, Header, Inject } from '@nestjs/common';
import { MESSAGING_DB, registerOnce, type SqlClient } from '@jembatan/messaging';
import type { NextFunction, Request, Response } from 'express';
import client from 'prom-client';
import { Public } from './public-route.js';

// Prometheus metrics of a process: its HTTP requests, what the messaging layer counts (events,
// dead letters, commands, outbox) and, read when scraped, the outbox backlog and the consumer
// group's lag per topic. Served at GET /metrics, outside /api: scrape it from inside the
// cluster; it names routes and topics, never a person.

const httpDuration = registerOnce(
  'jembatan_http_request_duration_seconds',
  () =>
    new client.Histogram({
      name: 'jembatan_http_request_duration_seconds',
      help: 'HTTP requests by method, route as declared and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
    }),
);

const outboxBacklog = registerOnce(
  'jembatan_outbox_backlog',
  () =>
    new client.Gauge({
      name: 'jembatan_outbox_backlog',
      help: 'Events written to the outbox and not yet relayed to Kafka',
    }),
);

const consumerLag = registerOnce(
  'jembatan_consumer_lag',
  () =>
    new client.Gauge({
      name: 'jembatan_consumer_lag',
      help: "Messages on a topic the service's consumer group has not yet committed",
      labelNames: ['topic'] as const,
    }),
);

let defaultsCollected = false;

/** Labels every metric with the service and collects Node's process metrics, once. */
export function initMetrics(service: string): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  client.register.setDefaultLabels({ service });
  client.collectDefaultMetrics();
}

/** Express middleware timing every request; routes are labelled as declared, not as called. */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const started = performance.now();
  res.once('finish', () => {
    const route = (req.route as { path?: unknown } | undefined)?.path;
    httpDuration.observe(
      {
        method: req.method,
        route: typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      },
      (performance.now() - started) / 1000,
    );
  });
  next();
}

/** The consumer lag of a group per topic: what the broker holds past the group's commits. */
export interface LagSource {
  lagByTopic(): Promise<Map<string, number>>;
}
export const LAG_SOURCE = Symbol('LAG_SOURCE');

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(MESSAGING_DB) private readonly db: SqlClient,
    @Inject(LAG_SOURCE) private readonly lag: LagSource,
  ) {}

  @Get()
  @Header('Content-Type', client.register.contentType)
  async scrape(): Promise<string> {
    // Read at scrape time; a dependency that does not answer leaves its gauge as it was.
    const [backlog, lag] = await Promise.allSettled([
      this.db.$queryRawUnsafe<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL',
      ),
      this.lag.lagByTopic(),
    ]);
    if (backlog.status === 'fulfilled') outboxBacklog.set(backlog.value[0]?.n ?? 0);
    if (lag.status === 'fulfilled')
      for (const [topic, behind] of lag.value) consumerLag.set({ topic }, behind);
    return client.register.metrics();
  }
}
