export const ROLE_HOMES: Record<string, string>;
export function initialScripts(
  distDir: string,
  screen?: string,
): { files: number; gzipBytes: number };
export function readManifest(distDir: string): Record<string, { file: string; imports?: string[] }>;
