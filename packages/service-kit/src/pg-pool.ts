import pg from 'pg';

/**
 * A pg pool that takes back a checked-out client whose connection died.
 *
 * Prisma's client engine (6.19) ends an interactive transaction by sending ROLLBACK or COMMIT
 * and only then releasing the client; when that statement fails because the server crashed,
 * the client is never released. Each crash leaks the clients that were mid-transaction, and
 * once the pool is full of them every later transaction waits forever (found by the fault
 * test: a service kept answering health checks while its consumer hung on a PostgreSQL
 * restart). Here a checked-out client is released with an error, so the pool drops it and
 * opens a fresh connection, as soon as its connection ends; a later release by its holder is
 * a no-op instead of pg's double-release error.
 */
const ignore = () => undefined;

export class ReclaimingPool extends pg.Pool {
  /** Clients taken back after their connection ended while checked out (for metrics and tests). */
  reclaimed = 0;

  constructor(config?: pg.PoolConfig) {
    super(config);
    // A server crash makes every connected client emit 'error'; one with no listener at that
    // moment (a holder between its listeners) would take the whole process down. The error
    // reaches whoever uses the client next, as a failed query, so here it is only swallowed.
    this.on('connect', (client) => client.on('error', ignore));
    this.on('error', ignore);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void,
  ): void;
  override connect(
    callback?: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): Promise<pg.PoolClient> | void {
    // The callback form is pg-pool's own (pool.query), which always releases its client.
    if (callback) return super.connect(callback);
    return super.connect().then((client) => this.reclaimOnEnd(client));
  }

  private reclaimOnEnd(client: pg.PoolClient): pg.PoolClient {
    const release = client.release.bind(client);
    let released = false;
    const releaseOnce = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      client.removeListener('end', onEnd);
      release(error);
    };
    const onEnd = () => {
      if (released) return;
      this.reclaimed += 1;
      releaseOnce(new Error('connection ended while checked out'));
    };
    client.once('end', onEnd);
    client.release = releaseOnce;
    return client;
  }
}
