import { parseEvent, type EventEnvelope } from '@jembatan/contracts';
import type { DeadLetter } from './dead-letter.js';
import type { EventDelivery } from './handlers.js';
import { messagingMetrics } from './metrics.js';
import { isTransientError, type SqlClient, type TransactionalDb } from './sql.js';

export interface RegisteredEventHandler {
  /** Unique per handler; the key under which processed event ids are recorded. */
  consumer: string;
  type: string;
  version: number;
  handle(event: EventEnvelope, tx: SqlClient, delivery: EventDelivery): Promise<void>;
}

export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  /** The value as the transport decoded it (JSON-parsed when it was JSON). */
  decoded: unknown;
}

export type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface EventConsumerOptions {
  consumerGroup: string;
  db: TransactionalDb;
  handlers: RegisteredEventHandler[];
  deadLetter(letter: DeadLetter): Promise<void>;
  /** Attempts for a handler that keeps failing for a non-transient reason before dead-lettering. */
  maxAttempts?: number;
  /** How long to retry transient failures in place before handing the message back to Kafka. */
  transientBudgetMs?: number;
  baseDelayMs?: number;
  log?: (level: 'warn' | 'error', message: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies one Kafka message to the service: validate, find handlers, apply each once.
 *
 * - Invalid or unknown messages are poison: straight to the dead-letter topic.
 * - A handler failing for a non-transient reason is retried `maxAttempts` times, then its
 *   message is dead-lettered so the partition keeps moving.
 * - Transient failures (database or broker away) are retried in place for a while, then
 *   rethrown so Kafka redelivers later: an outage must not dead-letter good messages.
 */
export class EventConsumer {
  private readonly byKind = new Map<string, RegisteredEventHandler[]>();

  constructor(private readonly options: EventConsumerOptions) {
    for (const handler of options.handlers) {
      const kind = `${handler.type}@${handler.version}`;
      this.byKind.set(kind, [...(this.byKind.get(kind) ?? []), handler]);
    }
  }

  async handle(message: InboundMessage): Promise<Outcome[]> {
    const outcomes = await this.outcomesOf(message);
    for (const outcome of outcomes)
      messagingMetrics.eventsConsumed.inc({ topic: message.topic, outcome });
    return outcomes;
  }

  private async outcomesOf(message: InboundMessage): Promise<Outcome[]> {
    const parsed = parseEvent(message.decoded);
    if (!parsed.ok) {
      // A message that breaks its contract (or has none) can never succeed: park it.
      await this.deadLetter(message, parsed.reason, JSON.stringify(parsed.fields));
      return ['dead-lettered'];
    }
    const { envelope } = parsed;
    const handlers = this.byKind.get(`${envelope.type}@${envelope.version}`) ?? [];
    if (handlers.length === 0) return ['ignored'];
    const outcomes: Outcome[] = [];
    for (const handler of handlers) outcomes.push(await this.applyOnce(handler, envelope, message));
    return outcomes;
  }

  private async applyOnce(
    handler: RegisteredEventHandler,
    envelope: EventEnvelope,
    message: InboundMessage,
  ): Promise<Outcome> {
    const { maxAttempts = 3, transientBudgetMs = 15_000, baseDelayMs = 100 } = this.options;
    const started = Date.now();
    let failures = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.db.$transaction(async (tx) => {
          const recorded = await tx.$executeRawUnsafe(
            `INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING`,
            handler.consumer,
            envelope.id,
          );
          if (recorded === 0) return 'duplicate' as const;
          await handler.handle(envelope, tx, {
            actor: envelope.actor,
            correlationId: envelope.correlationId,
            partition: message.partition,
          });
          return 'applied' as const;
        });
      } catch (error) {
        const delay = Math.min(baseDelayMs * 2 ** Math.min(attempt, 6), 3000);
        if (isTransientError(error)) {
          if (Date.now() - started + delay > transientBudgetMs) throw error;
          this.options.log?.(
            'warn',
            `${handler.consumer}: transient failure on ${envelope.id}, retrying: ${(error as Error).message}`,
          );
        } else {
          failures++;
          if (failures >= maxAttempts) {
            await this.deadLetter(
              message,
              'handler-failed',
              `${handler.consumer}: ${(error as Error).message}`,
            );
            return 'dead-lettered';
          }
          this.options.log?.(
            'warn',
            `${handler.consumer}: attempt ${failures} failed on ${envelope.id}: ${(error as Error).message}`,
          );
        }
        await sleep(delay);
      }
    }
  }

  private async deadLetter(message: InboundMessage, reason: string, detail: string): Promise<void> {
    messagingMetrics.deadLetters.inc({ topic: message.topic, reason });
    this.options.log?.(
      'error',
      `dead-lettering ${message.topic}[${message.partition}]@${message.offset}: ${reason} ${detail}`,
    );
    await this.options.deadLetter({
      consumerGroup: this.options.consumerGroup,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      reason,
      detail,
    });
  }
}
