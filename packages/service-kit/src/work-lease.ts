import { pgConnectionConfig, type ServiceDatabase } from '@jembatan/messaging';
import pg from 'pg';

/**
 * The advisory lock key of one piece of work of a `kind` (say `import-job`), from the SQL
 * expression of its id: `$1` where the id is a parameter, a column name where rows are swept.
 */
export function workLeaseKey(kind: string, idSql: string): string {
  if (!/^[a-z][a-z-]*$/.test(kind)) throw new Error(`unsafe work kind: ${kind}`);
  return `hashtextextended('${kind}:' || ${idSql}::text, 0)`;
}

/**
 * Long background work (an import's validation and insert) held by the instance doing it: a
 * session advisory lock on a connection of its own, until the work ends. When an instance
 * stops, PostgreSQL closes its sessions and frees their locks, so unfinished work whose lock is
 * free was abandoned, and an instance that starts can tell it from another's work in progress.
 */
export class WorkLease {
  private constructor(private readonly client: pg.Client) {}

  /** Take it before the work's row is written, so no sweep ever sees the row unleased. */
  static async take(database: ServiceDatabase, kind: string, id: string): Promise<WorkLease> {
    const client = new pg.Client(pgConnectionConfig(database));
    client.on('error', () => undefined); // a lost session frees the lock; sweeps report it
    await client.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(${workLeaseKey(kind, '$1')})`, [id]);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return new WorkLease(client);
  }

  async release(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
