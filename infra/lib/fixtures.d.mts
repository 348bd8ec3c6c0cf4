export function syntheticNik(district: string, n: number): string;
export declare const IMPORT_HEADER: string;
export declare function familyImportLines(
  count: number,
  villages: string[],
  options?: { invalidEvery?: number; offset?: number },
): Generator<string>;
export declare const FIRST_NAMES: string[];
export declare const LAST_NAMES: string[];
export declare function socioEconomicAnswers(
  overrides?: Record<string, unknown>,
): Record<string, unknown>;
