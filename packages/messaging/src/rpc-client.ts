import { randomUUID } from 'node:crypto';
import {
  COMMAND_CATALOG,
  RpcReply,
  TOPICS,
  type Actor,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type RpcRequest,
} from '@jembatan/contracts';
import { ClientKafka } from '@nestjs/microservices';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { DomainError } from './domain-error.js';
import { gatewayClientOptions } from './kafka-config.js';

export interface CallOptions {
  actor: Actor;
  correlationId: string;
  /** Commands only: retries with the same key are applied once by the service. */
  idempotencyKey?: string;
  timeoutMs?: number;
}

/**
 * Request-reply to the backend services over Kafka (the gateway never calls a service over
 * HTTP). A service that does not answer in time yields 504; its error replies become DomainErrors.
 */
export class ServiceRpcClient {
  private readonly client: ClientKafka;

  constructor(
    brokers: string[],
    private readonly defaultTimeoutMs = 5000,
  ) {
    this.client = new ClientKafka(gatewayClientOptions('gateway', brokers) ?? {});
    for (const topic of new Set(Object.values(TOPICS.rpc)))
      this.client.subscribeToResponseOf(topic);
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async call<N extends CommandName>(
    name: N,
    payload: CommandRequest<N>,
    options: CallOptions,
  ): Promise<CommandResponse<N>> {
    const definition = COMMAND_CATALOG[name];
    const request: RpcRequest = {
      command: name,
      requestId: randomUUID(),
      actor: options.actor,
      correlationId: options.correlationId,
      payload,
      ...(definition.kind === 'command' && options.idempotencyKey
        ? { idempotencyKey: options.idempotencyKey }
        : {}),
    };
    let raw: unknown;
    try {
      raw = await firstValueFrom(
        this.client
          .send(TOPICS.rpc[definition.service], {
            key: request.requestId,
            value: request,
            headers: { 'x-correlation-id': options.correlationId },
          })
          .pipe(timeout(options.timeoutMs ?? this.defaultTimeoutMs)),
      );
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new DomainError(
          504,
          'service-timeout',
          `${definition.service} did not answer in time; retry with the same Idempotency-Key`,
        );
      }
      throw new DomainError(
        503,
        'service-unavailable',
        `${definition.service} is unreachable; retry shortly`,
      );
    }
    const reply = RpcReply.safeParse(raw);
    if (!reply.success) throw new Error(`malformed reply from ${definition.service} to ${name}`);
    if (!reply.data.ok) {
      const { statusCode, error, message, fields } = reply.data.error;
      if (statusCode >= 500 && statusCode !== 503 && statusCode !== 504)
        throw new Error(`${name}: ${message}`);
      throw new DomainError(statusCode as DomainError['statusCode'], error, message, fields);
    }
    return definition.response.parse(reply.data.data) as CommandResponse<N>;
  }
}
