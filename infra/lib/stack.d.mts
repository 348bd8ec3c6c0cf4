import type { ChildProcess } from 'node:child_process';
import type pg from 'pg';

export interface Stack {
  env: Record<string, string> & { DATABASE_URL: string; KAFKA_BROKERS: string };
  /** The first instance's gateway. */
  gatewayUrl: string;
  /** Every instance's gateway, first to last. */
  gatewayUrls: string[];
  kafkaPort: number;
  brokers: string[];
  /** A pool on the stack's database (every service's schema is in it). */
  db: pg.Pool;
  /** By instance name: `caseload`, then `caseload-2` and so on. */
  children: Map<string, ChildProcess>;
  portOf(service: string, instance?: number): number;
  start(service: string, instance?: number): Promise<void>;
  /** By instance name (see `instanceName`). */
  kill(instance: string, signal?: NodeJS.Signals): Promise<void>;
  restartKafka(options?: { kill?: boolean; downMs?: number }): Promise<void>;
  /** kill -9 of PostgreSQL and its backends, then a restart (crash recovery); private server only. */
  restartPostgres(options?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export function startStack(
  name: string,
  portBase: number,
  options?: {
    logLevel?: string;
    rpcTimeoutMs?: number;
    rateLimitPerMinute?: number;
    /** Run on a private PostgreSQL server on this port, which restartPostgres() may crash. */
    privatePostgresPort?: number;
    /** Instances of every service (1 to 8), in one consumer group per service. */
    instances?: number;
    /** The CPUs (a taskset list, "0" or "0-1") each instance's processes are kept on. */
    cpusOfInstance?: (instance: number) => string | undefined;
  },
): Promise<Stack>;

/** `caseload` for the first instance, `caseload-2` for the second. */
export function instanceName(service: string, instance?: number): string;
