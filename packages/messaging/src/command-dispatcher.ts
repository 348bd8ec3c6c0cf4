import { createHash } from 'node:crypto';
import {
  RpcRequest,
  commandDefinition,
  validate,
  type BackendService,
  type RpcReply,
} from '@jembatan/contracts';
import { DomainError } from './domain-error.js';
import type { CommandContext } from './handlers.js';
import type { OutboxWriter, PendingEvent } from './outbox.js';
import { isTransientError, type SqlClient, type TransactionalDb } from './sql.js';
import { messagingMetrics } from './metrics.js';

export interface RegisteredCommandHandler {
  name: string;
  handle(payload: unknown, context: CommandContext): Promise<unknown>;
}

export interface CommandDispatcherOptions {
  service: BackendService;
  db: TransactionalDb;
  outbox: OutboxWriter;
  handlers: RegisteredCommandHandler[];
  log?: (level: 'warn' | 'error', message: string, error?: unknown) => void;
}

interface Receipt {
  request_hash: string;
  reply: unknown;
}

/**
 * Serves the gateway's requests from the service's rpc topic. Commands run in one transaction
 * with their events and, when the request carries an idempotency key, with a receipt of the
 * reply: a retried command gets the first reply back instead of being applied twice.
 */
export class CommandDispatcher {
  private readonly handlers = new Map<string, RegisteredCommandHandler>();

  constructor(private readonly options: CommandDispatcherOptions) {
    for (const handler of options.handlers) {
      if (this.handlers.has(handler.name)) throw new Error(`two handlers for ${handler.name}`);
      this.handlers.set(handler.name, handler);
    }
  }

  /** Handles one request and records its latency and outcome (ok, or the error code). */
  async dispatch(raw: unknown): Promise<RpcReply> {
    const started = performance.now();
    const reply = await this.execute(raw);
    const name = (raw as { command?: unknown } | null)?.command;
    messagingMetrics.commands.observe(
      {
        // Only known commands become labels: a label per garbage name would grow without end.
        command: typeof name === 'string' && this.handlers.has(name) ? name : 'unknown',
        outcome: reply.ok ? 'ok' : reply.error.error,
      },
      (performance.now() - started) / 1000,
    );
    return reply;
  }

  private async execute(raw: unknown): Promise<RpcReply> {
    const request = validate(RpcRequest, raw);
    if (!request.ok)
      return failure(
        new DomainError(400, 'malformed-request', 'Malformed request', request.fields),
      );
    const { command, actor, correlationId, idempotencyKey } = request.value;
    try {
      const definition = commandDefinition(command);
      const handler = this.handlers.get(command);
      if (!definition || definition.service !== this.options.service || !handler) {
        throw new DomainError(
          404,
          'unknown-command',
          `${this.options.service} does not handle ${command}`,
        );
      }
      const payload = validate(definition.request, request.value.payload);
      if (!payload.ok) throw DomainError.invalid(payload.fields);

      const run = async (tx: SqlClient): Promise<unknown> => {
        // Events are validated as they are emitted and written together before the commit.
        const pending: PendingEvent[] = [];
        const context: CommandContext = {
          actor,
          correlationId,
          tx,
          emit: async (draft) => {
            if (definition.kind !== 'command')
              throw new Error(`query ${command} cannot emit events`);
            pending.push(this.options.outbox.envelope(draft, { actor, correlationId }));
          },
        };
        const data = await handler.handle(payload.value, context);
        await this.options.outbox.appendMany(tx, pending);
        // The reply is part of the contract too; a handler that breaks it is a bug, not a 4xx.
        return definition.response.parse(data);
      };

      if (definition.kind === 'query') return { ok: true, data: await run(this.options.db) };

      const data = await this.options.db.$transaction(async (tx) => {
        if (!idempotencyKey) return run(tx);
        const requestHash = createHash('sha256')
          .update(`${command}\n${JSON.stringify(payload.value)}`)
          .digest('hex');
        // A concurrent twin blocks on this insert until the first commits, then sees its receipt.
        const claimed = await tx.$executeRawUnsafe(
          `INSERT INTO command_receipt (actor_id, idempotency_key, command, request_hash, reply)
           VALUES ($1, $2, $3, $4, 'null'::jsonb) ON CONFLICT DO NOTHING`,
          actor.userId,
          idempotencyKey,
          command,
          requestHash,
        );
        if (claimed === 0) {
          const [receipt] = await tx.$queryRawUnsafe<Receipt[]>(
            `SELECT request_hash, reply FROM command_receipt WHERE actor_id = $1 AND idempotency_key = $2`,
            actor.userId,
            idempotencyKey,
          );
          if (receipt?.request_hash !== requestHash) {
            throw new DomainError(
              422,
              'idempotency-key-reused',
              'This Idempotency-Key was already used for a different request',
            );
          }
          return receipt.reply;
        }
        const reply = await run(tx);
        await tx.$executeRawUnsafe(
          `UPDATE command_receipt SET reply = $3::jsonb WHERE actor_id = $1 AND idempotency_key = $2`,
          actor.userId,
          idempotencyKey,
          JSON.stringify(reply),
        );
        return reply;
      });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof DomainError) return failure(error, correlationId);
      const uniqueViolation = prismaUniqueViolation(error);
      if (uniqueViolation) return failure(uniqueViolation, correlationId);
      if (isTransientError(error)) {
        this.options.log?.('warn', `${command} failed transiently`, error);
        return failure(
          new DomainError(503, 'temporarily-unavailable', 'Please retry shortly'),
          correlationId,
        );
      }
      this.options.log?.('error', `${command} failed`, error);
      return {
        ok: false,
        error: {
          statusCode: 500,
          error: 'internal-error',
          message: 'Something went wrong',
          correlationId,
        },
      };
    }
  }
}

function failure(error: DomainError, correlationId?: string): RpcReply {
  return { ok: false, error: error.toBody(correlationId) };
}

/** A unique constraint the handler did not pre-check (a race) is still a conflict, not a 500. */
function prismaUniqueViolation(error: unknown): DomainError | undefined {
  const record = error as { code?: unknown; meta?: { target?: unknown } };
  if (record?.code !== 'P2002' && record?.code !== '23505') return undefined;
  return new DomainError(409, 'conflict', 'A record with the same unique value already exists');
}
