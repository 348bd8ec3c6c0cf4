import { Logger } from '@nestjs/common';
import type kafkajs from 'kafkajs';
import pg from 'pg';
import { outboxChannel } from './outbox.js';
import { pgConnectionConfig, type ServiceDatabase } from './sql.js';
import { messagingMetrics } from './metrics.js';

export interface OutboxRelayOptions {
  database: ServiceDatabase;
  producer: kafkajs.Producer;
  /** Rows per Kafka batch. */
  batchSize?: number;
  /** Safety poll when no NOTIFY arrives (ms). */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then purged (ms). */
  retentionMs?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  event_id: string;
  envelope: unknown;
  correlation_id: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes outbox rows to Kafka in id order. One relay per service holds a PostgreSQL
 * advisory lock so order per aggregate holds across instances; a crash between send and
 * mark re-sends, which consumers absorb by event id.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private client: pg.Client | undefined;
  private lastPurge = 0;
  /** Rows published since start; read by health and tests. */
  published = 0;
  /** True while this instance holds the relay lock. */
  leader = false;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (this.running) {
      try {
        await this.serve();
        backoff = 200;
      } catch (error) {
        this.leader = false;
        if (this.running) {
          this.logger.warn(
            `outbox relay interrupted, retrying in ${backoff} ms: ${(error as Error).message}`,
          );
          await sleep(backoff);
          backoff = Math.min(backoff * 2, 5000);
        }
      } finally {
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
      }
    }
  }

  private async serve(): Promise<void> {
    const { database } = this.options;
    const client = new pg.Client(pgConnectionConfig(database));
    this.client = client;
    client.on('error', () => undefined); // surfaced by the next query instead
    await client.connect();
    while (this.running) {
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext($1)) AS locked`,
        [`outbox-relay:${database.schema}`],
      );
      if (rows[0]?.locked) break;
      await sleep(1000);
    }
    if (!this.running) return;
    this.leader = true;
    await client.query(`LISTEN ${outboxChannel(database.schema)}`);
    client.on('notification', () => this.wake?.());
    while (this.running) {
      await this.drain(client);
      await this.purgeIfDue(client);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollIntervalMs ?? 1000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async drain(client: pg.Client): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    for (;;) {
      const { rows } = await client.query<OutboxRow>(
        `SELECT id::text, topic, key, event_id::text, envelope, envelope->>'correlationId' AS correlation_id
           FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT $1`,
        [batchSize],
      );
      if (rows.length === 0) return;
      const byTopic = new Map<string, kafkajs.Message[]>();
      for (const row of rows) {
        const messages = byTopic.get(row.topic) ?? [];
        messages.push({
          key: row.key,
          value: JSON.stringify(row.envelope),
          headers: { 'x-event-id': row.event_id, 'x-correlation-id': row.correlation_id ?? '' },
        });
        byTopic.set(row.topic, messages);
      }
      await this.options.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await client.query(
        `UPDATE outbox_event SET published_at = now() WHERE id = ANY($1::bigint[])`,
        [rows.map((row) => row.id)],
      );
      this.published += rows.length;
      messagingMetrics.outboxPublished.inc(rows.length);
      if (rows.length < batchSize) return;
    }
  }

  private async purgeIfDue(client: pg.Client): Promise<void> {
    const retentionMs = this.options.retentionMs ?? 7 * 24 * 3600 * 1000;
    if (Date.now() - this.lastPurge < 3600 * 1000) return;
    this.lastPurge = Date.now();
    await client.query(
      `DELETE FROM outbox_event WHERE published_at < now() - make_interval(secs => $1)`,
      [retentionMs / 1000],
    );
  }
}
