import type { ChildProcess } from 'node:child_process';
export const REPO_ROOT: string;
export const SERVICES: { name: string; port: number }[];
export function migrateAll(env: Record<string, string>): Promise<void>;
export function startService(
  name: string,
  options?: { env?: Record<string, string>; logDir?: string; logName?: string; cpus?: string },
): ChildProcess;
export function waitForHealthy(
  url: string,
  options?: { timeoutMs?: number; child?: ChildProcess },
): Promise<void>;
export function stopProcess(child: ChildProcess | undefined, graceMs?: number): Promise<void>;
