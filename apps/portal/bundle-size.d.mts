export const ROLE_HOMES: Record<
  'assistant' | 'coordinator' | 'dinas' | 'admin' | 'partner' | 'treasurer',
  string
>;
export function initialScripts(
  distDir: string,
  screen?: string,
): { files: number; gzipBytes: number };
export function readManifest(distDir: string): Record<string, { file: string; imports?: string[] }>;
export function loadsLibrary(distDir: string, screen: string, marker: string): boolean;
