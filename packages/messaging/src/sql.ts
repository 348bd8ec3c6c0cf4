import pg from 'pg';

/** The raw-SQL surface of a PrismaClient or of one of its interactive transactions. */
export interface SqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** A PrismaClient as the messaging layer needs it: raw SQL plus interactive transactions. */
export interface TransactionalDb<Tx extends SqlClient = SqlClient> extends SqlClient {
  $transaction<R>(
    fn: (tx: Tx) => Promise<R>,
    options?: { timeout?: number; maxWait?: number },
  ): Promise<R>;
}

/** DI token under which a service provides its PrismaClient to the messaging layer. */
export const MESSAGING_DB = Symbol('MESSAGING_DB');

export interface ServiceDatabase {
  /** postgresql://user@host:port/database (a `?schema=` parameter is ignored: `schema` decides). */
  url: string;
  /** The PostgreSQL schema the service owns; its tables and `_prisma_migrations` live there. */
  schema: string;
  /** Connections in the pool (runtime only). */
  poolSize?: number;
}

/** Connection settings that pin search_path to the service's own schema. */
export function pgConnectionConfig({ url, schema, poolSize }: ServiceDatabase): pg.PoolConfig {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name: ${schema}`);
  const connectionString = new URL(url);
  connectionString.searchParams.delete('schema');
  return {
    connectionString: connectionString.toString(),
    // Raw SQL and migrations follow search_path, so pin it on every connection.
    options: `-c search_path=${schema}`,
    max: poolSize ?? 10,
    // Waiting for a connection fails (and is retried as transient) instead of hanging forever.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  };
}

/**
 * Errors worth retrying in place: the database or broker is away or the transaction lost a
 * race. Anything else is treated as a fault of the message or the code.
 *
 * Prisma's driver adapter reports the server's SQLSTATE in a plain-object `cause`, or in
 * `meta.driverAdapterError` of a raw query's error, so both are followed. The messages cover
 * what pg and Prisma say while a server crashes and recovers (seen in the fault test).
 */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const record = error as {
    code?: unknown;
    retriable?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (record.retriable === true) return true;
  const code = typeof record.code === 'string' ? record.code : '';
  if (/^(08|53|57P)/.test(code) || code === '40001' || code === '40P01') return true;
  if (TRANSIENT_CODES.has(code)) return true;
  const message = typeof record.message === 'string' ? record.message : '';
  if (TRANSIENT_MESSAGE.test(message)) return true;
  return [record.cause, record.meta?.driverAdapterError].some(
    (inner) => inner !== undefined && inner !== error && isTransientError(inner, depth + 1),
  );
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'P1001',
  'P1002',
  'P1017',
  'P2034',
  'P2028',
]);

const TRANSIENT_MESSAGE =
  /Connection terminated|connection .*closed|Can't reach database|timeout exceeded when trying to connect|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|terminating connection due to|encountered a connection error and is not queryable/i;

/** A pg client (outside Prisma, e.g. for COPY) seen as the SqlClient the outbox writes with. */
export function pgSqlClient(client: pg.ClientBase): SqlClient {
  return {
    $executeRawUnsafe: async (query, ...values) =>
      (await client.query(query, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rows as T,
  };
}
