import { SetMetadata } from '@nestjs/common';
import type {
  Actor,
  CommandName,
  CommandPayload,
  CommandResponse,
  EventEnvelope,
  EventPayload,
  EventType,
  EventVersion,
} from '@jembatan/contracts';
import type { EventContext, EventDraft } from './outbox.js';
import type { SqlClient } from './sql.js';

export const EVENT_HANDLER = Symbol('jembatan:event-handler');
export const COMMAND_HANDLER = Symbol('jembatan:command-handler');

export interface EventHandlerMeta {
  type: EventType;
  version: number;
}

/**
 * Marks a provider method as the handler of one event type and version. It runs inside a
 * transaction that also records the event id, so a redelivered event changes nothing.
 * Signature: `(event: EventEnvelope<Payload>, tx) => Promise<void>`.
 */
export const OnEvent = <T extends EventType>(type: T, version: EventVersion<T>) =>
  SetMetadata(EVENT_HANDLER, { type, version } satisfies EventHandlerMeta);

/** Marks a provider method as the handler of one catalogued command or query. */
export const HandleCommand = (name: CommandName) => SetMetadata(COMMAND_HANDLER, name);

/** What a command or query handler gets besides its validated payload. */
export interface CommandContext<Tx extends SqlClient = SqlClient> {
  actor: Actor;
  correlationId: string;
  /** For commands: the transaction the reply, the state change and the events share. For queries: the client. */
  tx: Tx;
  /** Appends an event to the outbox in `tx`. Only for commands. */
  emit<T extends EventType, V extends EventVersion<T>>(draft: EventDraft<T, V>): Promise<void>;
}

export type CommandHandlerFn<N extends CommandName, Tx extends SqlClient = SqlClient> = (
  payload: CommandPayload<N>,
  context: CommandContext<Tx>,
) => Promise<CommandResponse<N>>;

/** What an event handler gets besides the event and the transaction. */
export interface EventDelivery extends EventContext {
  /**
   * The Kafka partition the event arrived on. One partition is applied at a time and an
   * aggregate's events always share one, so it is a shard key free of lock contention (see
   * supervision's region counts).
   */
  partition: number;
}

export type EventHandlerFn<
  T extends EventType,
  V extends EventVersion<T>,
  Tx extends SqlClient = SqlClient,
> = (event: EventEnvelope<EventPayload<T, V>>, tx: Tx, delivery: EventDelivery) => Promise<void>;
