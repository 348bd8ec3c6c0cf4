// Jest runs in native ESM mode (NestJS 12 packages are pure ESM and Node 20 Jest cannot
// require() them), so every test command sets NODE_OPTIONS=--experimental-vm-modules.
// SWC strips types and emits decorator metadata, which Nest's injector reads.

/**
 * @param {{ kind?: 'unit' | 'e2e', testTimeout?: number }} [options]
 * @returns {import('jest').Config}
 */
export function jestPreset(options = {}) {
  const kind = options.kind ?? 'unit';
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    testMatch: kind === 'e2e' ? ['<rootDir>/**/*.e2e-spec.ts'] : ['<rootDir>/src/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true, tsx: true },
            transform: {
              legacyDecorator: true,
              decoratorMetadata: true,
              react: { runtime: 'automatic' },
            },
            target: 'es2022',
          },
          module: { type: 'es6' },
        },
      ],
    },
    testTimeout: options.testTimeout ?? (kind === 'e2e' ? 120_000 : 10_000),
  };
}
