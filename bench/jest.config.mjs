// Unit tests of the benchmarks' own logic (the synthetic nation's generator) and the short
// versions of the load test and of the many-instances comparison (each on private stacks, at
// small sizes, two at a time); the benchmarks themselves run from their scripts.
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.spec.mjs', '<rootDir>/nation/**/*.spec.mjs'],
  transform: {},
  maxWorkers: 2,
};
