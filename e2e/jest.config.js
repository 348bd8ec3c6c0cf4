import { jestPreset } from '@jembatan/tooling/jest';

// Two suites at a time, each on a stack of its own: one stack alone leaves the two cores about
// a quarter idle (waiting on Kafka and PostgreSQL); two cut the run from 13.5 to 9 minutes here.
export default {
  ...jestPreset({ kind: 'e2e', testTimeout: 300_000 }),
  maxWorkers: 2,
  testSequencer: '<rootDir>/longest-first.mjs',
};
