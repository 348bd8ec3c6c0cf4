import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Actor, type FieldError, type ImportView } from '@jembatan/contracts';
import {
  DomainError,
  MESSAGING_OPTIONS,
  OutboxWriter,
  outboxChannel,
  pgConnectionConfig,
  pgSqlClient,
  type MessagingOptions,
  type ServiceDatabase,
} from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS, ReclaimingPool } from '@jembatan/service-kit';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { PrismaService } from '../database/prisma.service.js';
import type { ImportJob } from '../generated/prisma/client.js';
import { CsvToCopyRows, STAGING_COLUMNS } from './csv-rows.js';
import { appendImportedCards, importedCardsParams } from '../families/family-cards.js';
import { createStaging, insertFamilies, validateRows } from './import.sql.js';
import { failAbandonedImports, takeImportLease } from './import-lease.js';

/** Villages per `kpm.imported` event: keeps each message far below Kafka's 1 MB default. */
const VILLAGES_PER_EVENT = 2_000;
/** How often the job's received count is updated while the file streams in. */
const PROGRESS_EVERY_MS = 1_000;
/** How often unfinished imports are checked for an instance that stopped working on them. */
const ABANDONED_SWEEP_MS = 60_000;
/** Memory for the import's sorts and hashes (per statement), so a million rows stay off disk. */
const IMPORT_WORK_MEM = '256MB';

export interface ImportRequest {
  body: Readable;
  fileName: string;
  actor: Actor;
  assistantId: string;
  correlationId: string;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const stagingTable = (id: string) => `import_rows_${id.replaceAll('-', '')}`;

export function toImportView(job: ImportJob): ImportView {
  return {
    id: job.id,
    fileName: job.fileName,
    sha256: job.sha256,
    assistantId: job.assistantId,
    status: job.status as ImportView['status'],
    rowsReceived: job.rowsReceived,
    rowsInserted: job.rowsInserted,
    rowsAlreadyRegistered: job.rowsAlreadyRegistered,
    rowsInvalid: job.rowsInvalid,
    errors: job.errors,
    failure: job.failure,
    startedBy: job.startedBy,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    timings: job.timings as Record<string, number>,
  };
}

/**
 * Imports families from a CSV stream: COPY into the import's own staging table, validate every
 * row in set-based SQL, then add the valid new families in one transaction (all of them or
 * none). Progress is on the job row, which the portal polls; the error report lists each
 * rejected row's line, field and reason.
 */
@Injectable()
export class ImportRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Imports');
  private readonly pool: pg.Pool;
  private readonly running = new Set<Promise<void>>();
  private sweep?: NodeJS.Timeout;

  private readonly database: ServiceDatabase;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxWriter,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {
    this.database = options.database;
    this.pool = new ReclaimingPool(pgConnectionConfig({ ...options.database, poolSize: 4 }));
  }

  /** Imports an instance was working on when it stopped: found at boot and every minute after. */
  async onApplicationBootstrap(): Promise<void> {
    await this.sweepAbandoned();
    this.sweep = setInterval(() => void this.sweepAbandoned(), ABANDONED_SWEEP_MS);
    this.sweep.unref();
    await this.ensureRegionReference();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweep);
    await Promise.allSettled(this.running);
    await this.pool.end();
  }

  private async sweepAbandoned(): Promise<void> {
    try {
      const abandoned = await failAbandonedImports(this.pool);
      for (const id of abandoned) await this.pool.query(`DROP TABLE IF EXISTS ${stagingTable(id)}`);
      if (abandoned.length > 0)
        this.logger.warn(`${abandoned.length} interrupted import(s) marked failed`);
    } catch (error) {
      this.logger.warn(`sweeping interrupted imports failed: ${(error as Error).message}`);
    }
  }

  /** Fills region_ref from idn-area-data when it is missing or out of date. */
  private async ensureRegionReference(): Promise<void> {
    const codes: string[] = [];
    const levels: string[] = [];
    const visit = (parent: string | null) => {
      for (const region of this.regions.children(parent)) {
        codes.push(region.code);
        levels.push(region.level);
        if (region.level !== 'village') visit(region.code);
      }
    };
    visit(null);
    const filled = async (client: pg.ClientBase | pg.Pool) =>
      Number(
        (await client.query<{ count: string }>('SELECT count(*) FROM region_ref')).rows[0]?.count,
      ) === codes.length;
    if (await filled(this.pool)) return;
    await this.inTransaction(async (client) => {
      // Instances start together: one fills it, the others wait and find it filled.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('caseload-region-ref'))`);
      if (await filled(client)) return;
      await client.query('DELETE FROM region_ref');
      await client.query(
        'INSERT INTO region_ref (code, level) SELECT * FROM unnest($1::text[], $2::text[])',
        [codes, levels],
      );
    });
  }

  /** Receives the file (the caller waits for this part), then validates and inserts in the background. */
  async start(request: ImportRequest): Promise<ImportView> {
    const id = randomUUID();
    const lease = await takeImportLease(this.database, id);
    let received: { job: ImportJob; timings: Record<string, number> };
    try {
      received = await this.receiveFile(id, request);
    } catch (error) {
      await lease.release();
      throw error;
    }
    const task = this.process(id, stagingTable(id), request, received.timings)
      .finally(() => lease.release())
      .finally(() => this.running.delete(task));
    this.running.add(task);
    return toImportView({ ...received.job, status: 'validating' });
  }

  /** Creates the job and streams the file into its staging table; the caller waits for this part. */
  private async receiveFile(id: string, request: ImportRequest) {
    const job = await this.prisma.importJob.create({
      data: {
        id,
        fileName: request.fileName,
        sha256: ''.padEnd(64, '0'),
        assistantId: request.assistantId,
        status: 'receiving',
        startedBy: request.actor.userId,
        startedByRole: request.actor.role,
        correlationId: request.correlationId,
      },
    });
    const staging = stagingTable(id);
    const timings: Record<string, number> = {};
    try {
      const received = performance.now();
      const { rows, problems, sha256 } = await this.receive(id, staging, request.body);
      timings.receiveSeconds = seconds(received);
      if (problems.length > 0) await this.recordProblems(id, problems);
      await this.prisma.importJob.update({
        where: { id },
        data: { sha256, rowsReceived: rows + problems.length, status: 'validating', timings },
      });
    } catch (error) {
      await this.fail(id, staging, error);
      if (error instanceof DomainError) throw error;
      throw new DomainError(
        400,
        'unreadable-csv',
        `The file could not be read as CSV: ${(error as Error).message}`,
      );
    }
    return { job, timings };
  }

  private async receive(id: string, staging: string, body: Readable) {
    const client = await this.pool.connect();
    try {
      await client.query(createStaging(staging));
      const hash = createHash('sha256');
      const rows = new CsvToCopyRows((fields: FieldError[]) =>
        DomainError.invalid(fields, 'The file is missing required columns'),
      );
      const tee = new PassThrough();
      tee.on('data', (chunk: Buffer) => hash.update(chunk));
      // Progress for the portal while the file streams in.
      const progress = setInterval(() => {
        void this.prisma.importJob
          .update({ where: { id }, data: { rowsReceived: rows.rows } })
          .catch(() => undefined);
      }, PROGRESS_EVERY_MS);
      const copy = client.query(
        copyFrom(`COPY ${staging} (${STAGING_COLUMNS.join(', ')}) FROM STDIN`),
      );
      try {
        await pipeline(body, tee, rows, copy);
      } finally {
        clearInterval(progress);
      }
      await client.query(`ANALYZE ${staging}`);
      return { rows: rows.rows, problems: rows.problems, sha256: hash.digest('hex') };
    } finally {
      client.release();
    }
  }

  private async recordProblems(
    id: string,
    problems: { line: number; field: string; reason: string }[],
  ) {
    await this.pool.query(
      `INSERT INTO import_error (import_id, line, field, reason)
       SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::text[])`,
      [
        id,
        problems.map((p) => p.line),
        problems.map((p) => p.field),
        problems.map((p) => p.reason),
      ],
    );
  }

  private async process(
    id: string,
    staging: string,
    request: ImportRequest,
    timings: Record<string, number>,
  ) {
    try {
      const validated = performance.now();
      const region =
        request.actor.role === 'coordinator' || request.actor.role === 'dinas'
          ? request.actor.regionCode
          : null;
      await this.inTransaction(async (client) => {
        await client.query(`SET LOCAL work_mem = '${IMPORT_WORK_MEM}'`);
        await client.query(validateRows(staging), [id, region, new Date().getUTCFullYear()]);
      });
      const [counts] = (
        await this.pool.query<{ errors: number; invalid: number; staged: number }>(
          `SELECT (SELECT count(*) FROM import_error WHERE import_id = $1)::int AS errors,
                  (SELECT count(DISTINCT line) FROM import_error WHERE import_id = $1)::int AS invalid,
                  (SELECT count(*) FROM ${staging})::int AS staged`,
          [id],
        )
      ).rows;
      timings.validateSeconds = seconds(validated);
      await this.prisma.importJob.update({
        where: { id },
        data: {
          status: 'inserting',
          errors: counts!.errors,
          rowsInvalid: counts!.invalid,
          timings,
        },
      });

      const inserted = performance.now();
      const added = await this.inTransaction(async (client) => {
        await client.query(`SET LOCAL work_mem = '${IMPORT_WORK_MEM}'`);
        const { rows: villages } = await client.query<{ village_code: string; families: number }>(
          insertFamilies(staging),
          [id, request.assistantId, request.actor.userId, `imported from ${request.fileName}`],
        );
        const importedAt = new Date().toISOString();
        for (let i = 0; i < villages.length; i += VILLAGES_PER_EVENT) {
          await this.outbox.append(
            pgSqlClient(client),
            {
              type: 'kpm.imported',
              version: 1,
              aggregateId: id,
              payload: {
                importId: id,
                assistantId: request.assistantId,
                villages: villages
                  .slice(i, i + VILLAGES_PER_EVENT)
                  .map((v) => ({ villageCode: v.village_code, families: v.families })),
                importedAt,
              },
            },
            { actor: request.actor, correlationId: request.correlationId },
          );
        }
        await client.query(
          appendImportedCards,
          importedCardsParams(id, request.actor, request.correlationId),
        );
        await client.query(`SELECT pg_notify($1, '')`, [outboxChannel('caseload')]);
        const families = villages.reduce((sum, v) => sum + v.families, 0);
        timings.insertSeconds = seconds(inserted);
        const stagedValid = counts!.staged - (await this.stagedInvalid(client, id, staging));
        // The job's completion commits with the families: either both or neither.
        await client.query(
          `UPDATE import_job SET status = 'completed', rows_inserted = $2, rows_already_registered = $3,
                  timings = $4::jsonb, finished_at = now() WHERE id = $1`,
          [id, families, stagedValid - families, JSON.stringify(timings)],
        );
        return families;
      });
      this.logger.log(`import ${id}: ${added} families added, ${counts!.invalid} rows refused`);
      await this.pool.query(`DROP TABLE IF EXISTS ${staging}`);
    } catch (error) {
      this.logger.error(`import ${id} failed`, (error as Error).stack);
      await this.fail(id, staging, error);
    }
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async stagedInvalid(client: pg.PoolClient, id: string, staging: string): Promise<number> {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(DISTINCT e.line)::int AS n FROM import_error e JOIN ${staging} s ON s.line = e.line WHERE e.import_id = $1`,
      [id],
    );
    return rows[0]?.n ?? 0;
  }

  private async fail(id: string, staging: string, error: unknown): Promise<void> {
    const failure =
      error instanceof DomainError
        ? error.message
        : 'the import stopped on an unexpected error; nothing was added';
    await this.prisma.importJob
      .update({ where: { id }, data: { status: 'failed', failure, finishedAt: new Date() } })
      .catch(() => undefined);
    await this.pool.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
  }

  /** Streams the error report (CSV: line, field, reason) into `out`. */
  async writeErrors(id: string, out: NodeJS.WritableStream): Promise<void> {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not an import id: ${id}`);
    const client = await this.pool.connect();
    try {
      const report = client.query(
        copyTo(
          `COPY (SELECT line, field, reason FROM import_error WHERE import_id = '${id}' ORDER BY line, id)
           TO STDOUT WITH (FORMAT csv, HEADER)`,
        ),
      );
      await pipeline(report, out);
    } finally {
      client.release();
    }
  }

  findJob(id: string) {
    return this.prisma.importJob.findUnique({ where: { id } });
  }
}
