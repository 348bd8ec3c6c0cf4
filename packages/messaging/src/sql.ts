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
  };
}

/**
 * Errors worth retrying in place: the database or broker is away or the transaction lost a
 * race. Anything else is treated as a fault of the message or the code.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const record = error as Error & { code?: unknown; retriable?: unknown; cause?: unknown };
  if (record.retriable === true) return true;
  const code = typeof record.code === 'string' ? record.code : '';
  if (/^(08|53|57P)/.test(code) || code === '40001' || code === '40P01') return true;
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'P1001',
      'P1002',
      'P1017',
      'P2034',
      'P2028',
    ].includes(code)
  ) {
    return true;
  }
  if (
    /Connection terminated|connection .*closed|Can't reach database|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i.test(
      error.message,
    )
  ) {
    return true;
  }
  return record.cause !== undefined && record.cause !== error && isTransientError(record.cause);
}

/** A pg client (outside Prisma, e.g. for COPY) seen as the SqlClient the outbox writes with. */
export function pgSqlClient(client: pg.ClientBase): SqlClient {
  return {
    $executeRawUnsafe: async (query, ...values) =>
      (await client.query(query, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rows as T,
  };
}
