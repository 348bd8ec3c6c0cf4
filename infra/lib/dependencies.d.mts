export function ensureDependencies(options: {
  databaseUrl: string;
  redisUrl: string;
}): Promise<void>;
export function ensureDatabase(url: string): Promise<void>;
