import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  SYSTEM_ACTOR,
  type AccountChangedV1,
  type Actor,
  type PartnerProfileInput,
} from '@jembatan/contracts';
import {
  createOutboxProducer,
  OutboxRelay,
  OutboxWriter,
  type SqlClient,
} from '@jembatan/messaging';
import type kafkajs from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { GATEWAY_CONFIG, type GatewayConfig } from '../common/config.js';
import type { UserAccount } from '../generated/prisma/client.js';

const writer = new OutboxWriter('gateway', 'gateway');

/**
 * Writes `account.changed` into the gateway's outbox in the transaction that changed the
 * account, so supervision's roster of assistants never misses or invents one.
 */
export async function recordAccountChanged(
  tx: SqlClient,
  accounts: readonly Pick<
    UserAccount,
    'id' | 'displayName' | 'role' | 'regionCode' | 'disabled' | 'createdAt'
  >[],
  actor: Actor = SYSTEM_ACTOR,
): Promise<void> {
  const asOf = new Date().toISOString();
  const context = { actor, correlationId: randomUUID() };
  await writer.appendMany(
    tx,
    accounts.map((account) =>
      writer.envelope(
        {
          type: 'account.changed',
          version: 1,
          aggregateId: account.id,
          payload: {
            accountId: account.id,
            displayName: account.displayName,
            role: account.role as AccountChangedV1['role'],
            regionCode: account.regionCode,
            disabled: account.disabled,
            activeSince: account.createdAt.toISOString(),
            asOf,
          },
        },
        context,
      ),
    ),
  );
}

/**
 * Writes `partner.registered` with the partner's account: the partners service keeps the
 * profile (pending until the Dinas verifies it; verified when an admin created the account).
 */
export async function recordPartnerRegistered(
  tx: SqlClient,
  registration: { accountId: string; profile: PartnerProfileInput; status: 'pending' | 'verified' },
  actor: Actor = SYSTEM_ACTOR,
): Promise<void> {
  await writer.append(
    tx,
    {
      type: 'partner.registered',
      version: 1,
      aggregateId: registration.accountId,
      payload: { ...registration, registeredAt: new Date().toISOString() },
    },
    { actor, correlationId: randomUUID() },
  );
}

/** Relays the gateway's outbox (account events) to Kafka while the gateway runs. */
@Injectable()
export class AccountEventsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly producer: kafkajs.Producer;
  private readonly relay: OutboxRelay;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.producer = createOutboxProducer('gateway', config.KAFKA_BROKERS);
    this.relay = new OutboxRelay({ database: config.database, producer: this.producer });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.connect();
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect();
  }
}
