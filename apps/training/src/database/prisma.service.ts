import { PrismaClient, type Prisma } from '../generated/prisma/client.js';

/** The training schema's client; only repositories use it. */
export class PrismaService extends PrismaClient {}

/** A transaction on the training schema, as command and event handlers receive it. */
export type Tx = Prisma.TransactionClient;
