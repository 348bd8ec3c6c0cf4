// Unit tests of the benchmarks' own logic (the synthetic nation's generator) and the load
// test's short version (a private stack, small sizes); the benchmarks run from their scripts.
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.spec.mjs', '<rootDir>/nation/**/*.spec.mjs'],
  transform: {},
};
