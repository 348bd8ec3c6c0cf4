import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ServiceRpcClient } from '@jembatan/messaging';
import { GATEWAY_CONFIG, type GatewayConfig } from './config.js';

/** The gateway's one way to reach the services: request-reply over Kafka. */
@Injectable()
export class Services extends ServiceRpcClient implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super(config.KAFKA_BROKERS, config.RPC_TIMEOUT_MS);
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }
}
