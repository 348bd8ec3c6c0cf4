import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnModuleDestroy,
} from '@nestjs/common';
import { MESSAGING_DB, type ServiceDatabase, type TransactionalDb } from '@jembatan/messaging';
import type { PrismaPg } from '@prisma/adapter-pg';
import { createPrismaAdapter } from './prisma.js';

export type DisconnectableDb = TransactionalDb & { $disconnect(): Promise<void> };
export type PrismaClientClass<C extends DisconnectableDb> = new (options: {
  adapter: PrismaPg;
}) => C;

@Injectable()
class DatabaseCloser implements OnModuleDestroy {
  constructor(@Inject(MESSAGING_DB) private readonly db: DisconnectableDb) {}

  async onModuleDestroy(): Promise<void> {
    await this.db.$disconnect();
  }
}

/**
 * Provides the service's generated PrismaClient (as its own class, for repositories) and the
 * same instance as MESSAGING_DB (for the outbox and the idempotent consumer).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot<C extends DisconnectableDb>(
    client: PrismaClientClass<C>,
    database: ServiceDatabase,
  ): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: client,
          useFactory: () => new client({ adapter: createPrismaAdapter(database) }),
        },
        { provide: MESSAGING_DB, useExisting: client },
        DatabaseCloser,
      ],
      exports: [client, MESSAGING_DB],
    };
  }
}
