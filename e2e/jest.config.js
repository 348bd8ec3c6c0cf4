import { jestPreset } from '@jembatan/tooling/jest';

// Two suites at a time, each on a stack of its own: one stack alone leaves the two cores about
// a quarter idle (waiting on Kafka and PostgreSQL). With quicker stack teardown, the suites took
// 496 s in CI instead of 983 s.
export default {
  ...jestPreset({ kind: 'e2e', testTimeout: 300_000 }),
  maxWorkers: 2,
  testSequencer: '<rootDir>/longest-first.mjs',
};
