import type { ChildProcess } from 'node:child_process';
import type pg from 'pg';

export interface Stack {
  env: Record<string, string>;
  gatewayUrl: string;
  kafkaPort: number;
  brokers: string[];
  /** A pool on the stack's database (every service's schema is in it). */
  db: pg.Pool;
  children: Map<string, ChildProcess>;
  portOf(service: string): number;
  start(service: string): Promise<void>;
  kill(service: string, signal?: NodeJS.Signals): Promise<void>;
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
  },
): Promise<Stack>;
