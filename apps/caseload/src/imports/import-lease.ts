import type { ServiceDatabase } from '@jembatan/messaging';
import { WorkLease, workLeaseKey } from '@jembatan/service-kit';
import type pg from 'pg';

/**
 * Several instances of the caseload service run side by side: the one working on an import
 * holds the job's lease until it ends, so one instance starting never fails another's imports
 * (each used to mark every unfinished job failed at boot).
 */
export const takeImportLease = (database: ServiceDatabase, jobId: string) =>
  WorkLease.take(database, 'import-job', jobId);

/**
 * Marks failed every unfinished job no instance holds (its instance stopped mid-way; its
 * transaction never committed, so nothing of it was added). Returns their ids.
 */
export async function failAbandonedImports(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE import_job SET status = 'failed', failure = $1, finished_at = now()
      WHERE status IN ('receiving', 'validating', 'inserting')
        AND pg_try_advisory_xact_lock(${workLeaseKey('import-job', 'id')})
      RETURNING id`,
    ['interrupted by a restart; import the file again'],
  );
  return rows.map((row) => row.id);
}
