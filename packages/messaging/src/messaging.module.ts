import {
  Controller,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import { TOPICS, type BackendService, type EventTopic, type RpcReply } from '@jembatan/contracts';
import type kafkajs from 'kafkajs';
import { CommandDispatcher, type RegisteredCommandHandler } from './command-dispatcher.js';
import { sendToDeadLetter } from './dead-letter.js';
import { EventConsumer, type RegisteredEventHandler } from './event-consumer.js';
import { COMMAND_HANDLER, EVENT_HANDLER, type EventHandlerMeta } from './handlers.js';
import { createOutboxProducer } from './kafka-config.js';
import { OutboxWriter } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { MESSAGING_DB, type ServiceDatabase, type TransactionalDb } from './sql.js';

export interface MessagingOptions {
  service: BackendService;
  brokers: string[];
  database: ServiceDatabase;
  /** Event topics this service reacts to (its rpc topic is always served). */
  consumes: EventTopic[];
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** The service's Kafka producer: idempotent, so a retried send never duplicates within a session. */
@Injectable()
export class EventProducer implements OnModuleInit, OnModuleDestroy {
  readonly producer: kafkajs.Producer;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.producer = createOutboxProducer(options.service, options.brokers);
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** Starts the outbox relay with the app and stops it before the producer disconnects. */
@Injectable()
export class OutboxRelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions, producer: EventProducer) {
    this.relay = new OutboxRelay({ database: options.database, producer: producer.producer });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/** Collects @OnEvent and @HandleCommand methods from every provider of the service. */
@Injectable()
export class MessageRouter implements OnModuleInit {
  private readonly logger = new Logger('Messaging');
  consumer!: EventConsumer;
  commands!: CommandDispatcher;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_DB) private readonly db: TransactionalDb,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly producer: EventProducer,
    readonly outbox: OutboxWriter,
  ) {}

  // Built at module init, before the Kafka consumer starts, so no message finds it empty.
  onModuleInit(): void {
    const events: RegisteredEventHandler[] = [];
    const commands: RegisteredCommandHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const eventMeta = Reflect.getMetadata(EVENT_HANDLER, fn) as EventHandlerMeta | undefined;
        if (eventMeta) {
          events.push({
            consumer: `${this.options.service}.${instance.constructor.name}.${method}`,
            type: eventMeta.type,
            version: eventMeta.version,
            handle: fn.bind(instance),
          });
        }
        const commandName = Reflect.getMetadata(COMMAND_HANDLER, fn) as string | undefined;
        if (commandName) commands.push({ name: commandName, handle: fn.bind(instance) });
      }
    }
    const log = (level: 'warn' | 'error', message: string, error?: unknown) =>
      level === 'warn'
        ? this.logger.warn(message)
        : this.logger.error(message, (error as Error | undefined)?.stack);
    this.consumer = new EventConsumer({
      consumerGroup: this.options.service,
      db: this.db,
      handlers: events,
      deadLetter: (letter) => sendToDeadLetter(this.producer.producer, letter),
      log,
    });
    this.commands = new CommandDispatcher({
      service: this.options.service,
      db: this.db,
      outbox: this.outbox,
      handlers: commands,
      log,
    });
    this.logger.log(`${events.length} event handler(s), ${commands.length} command handler(s)`);
  }
}

/** Nest's Kafka parser replaces key and value with their JSON-parsed form in place; re-encode for dead letters. */
function asBytes(value: unknown): Buffer | string | null {
  if (value === null || value === undefined) return null;
  return Buffer.isBuffer(value) || typeof value === 'string' ? value : JSON.stringify(value);
}

/** Builds the controller that binds the service's topics to the router (topics are known at runtime). */
function createIngressController(options: MessagingOptions) {
  @Controller()
  class MessagingIngressController {
    constructor(readonly router: MessageRouter) {}

    handleRpc(payload: unknown): Promise<RpcReply> {
      return this.router.commands.dispatch(payload);
    }

    async handleEvent(payload: unknown, context: KafkaContext): Promise<void> {
      const message = context.getMessage();
      try {
        await this.router.consumer.handle({
          topic: context.getTopic(),
          partition: context.getPartition(),
          offset: message.offset,
          key: asBytes(message.key),
          value: asBytes(message.value),
          decoded: payload,
        });
      } catch (error) {
        // What reaches kafkajs is offered again. kafkajs stops a consumer for good on an error
        // it deems non-retriable (a TypeError, say), which would halt every partition.
        throw Object.assign(
          new Error(`not applied, to be redelivered: ${(error as Error).message}`, {
            cause: error,
          }),
          { retriable: true },
        );
      }
    }
  }
  const prototype = MessagingIngressController.prototype;
  const bind = (
    name: string,
    decorate: (target: object, key: string, descriptor: PropertyDescriptor) => void,
  ) => {
    decorate(
      prototype,
      name,
      Object.getOwnPropertyDescriptor(prototype, name) as PropertyDescriptor,
    );
  };
  Payload()(prototype, 'handleRpc', 0);
  bind('handleRpc', MessagePattern(TOPICS.rpc[options.service]));
  for (const [index, topic] of options.consumes.entries()) {
    // Nest routes by method, so each consumed topic gets its own method on the controller.
    const name = `handleEvent${index}`;
    Object.defineProperty(prototype, name, {
      value: function (this: MessagingIngressController, payload: unknown, context: KafkaContext) {
        return this.handleEvent(payload, context);
      },
      writable: true,
      configurable: true,
    });
    Payload()(prototype, name, 0);
    Ctx()(prototype, name, 1);
    bind(name, EventPattern(topic));
  }
  return MessagingIngressController;
}

@Module({})
export class MessagingModule {
  /**
   * Wires a backend service to Kafka. The service must provide MESSAGING_DB (its PrismaClient)
   * through `dbModule`.
   */
  static forService(
    options: MessagingOptions,
    dbModule: DynamicModule | (new (...args: never[]) => unknown),
  ): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule, dbModule],
      controllers: [createIngressController(options)],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: OutboxWriter,
          useValue: new OutboxWriter(options.service, options.database.schema),
        },
        EventProducer,
        OutboxRelayHost,
        MessageRouter,
      ],
      exports: [OutboxWriter, EventProducer, OutboxRelayHost, MESSAGING_OPTIONS],
    };
  }
}
