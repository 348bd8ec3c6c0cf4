import { PrismaClient, type Prisma } from '../generated/prisma/client.js';

/** The gateway schema's client; only repositories use it. */
export class PrismaService extends PrismaClient {}

/** A transaction on the gateway schema, as command and event handlers receive it. */
export type Tx = Prisma.TransactionClient;
