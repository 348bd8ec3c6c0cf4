import client from 'prom-client';

// What the messaging layer counts, in the process's Prometheus registry (served at /metrics by
// service-kit): events applied, duplicates absorbed, dead letters, commands and their latency,
// events relayed from the outbox.

/** A metric is created once per process even if its module is evaluated twice. */
export function registerOnce<T extends client.Metric>(name: string, create: () => T): T {
  return (client.register.getSingleMetric(name) as T | undefined) ?? create();
}

export const messagingMetrics = {
  eventsConsumed: registerOnce(
    'jembatan_events_consumed_total',
    () =>
      new client.Counter({
        name: 'jembatan_events_consumed_total',
        help: 'Events read from Kafka, by topic and outcome (applied, duplicate, ignored, dead-lettered)',
        labelNames: ['topic', 'outcome'] as const,
      }),
  ),
  deadLetters: registerOnce(
    'jembatan_dead_letters_total',
    () =>
      new client.Counter({
        name: 'jembatan_dead_letters_total',
        help: 'Messages parked on the dead-letter topic, by source topic and reason',
        labelNames: ['topic', 'reason'] as const,
      }),
  ),
  commands: registerOnce(
    'jembatan_command_duration_seconds',
    () =>
      new client.Histogram({
        name: 'jembatan_command_duration_seconds',
        help: 'Commands and queries handled from the gateway, by name and outcome (ok or error code)',
        labelNames: ['command', 'outcome'] as const,
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  ),
  outboxPublished: registerOnce(
    'jembatan_outbox_published_total',
    () =>
      new client.Counter({
        name: 'jembatan_outbox_published_total',
        help: 'Events relayed from the outbox to Kafka',
      }),
  ),
};
