export interface KafkaStartOptions {
  port?: number;
  controllerPort?: number;
  dataDir?: string;
  heapMb?: number;
  fresh?: boolean;
  timeoutMs?: number;
}
export function kafkaVersion(): string;
export function fetchKafka(options?: { quiet?: boolean }): string;
export function isPortOpen(port: number, host?: string): Promise<boolean>;
export function startKafka(
  options?: KafkaStartOptions,
): Promise<{ pid: number | undefined; version: string; port: number; reused: boolean }>;
export function stopKafka(options?: {
  port?: number;
  dataDir?: string;
  kill?: boolean;
}): Promise<boolean>;
export function kafkaDataDirs(): string[];
