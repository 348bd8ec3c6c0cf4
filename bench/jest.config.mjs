// Unit tests of the benchmarks' own logic (the synthetic nation's generator); the benchmarks
// themselves run from their scripts, not from Jest.
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/nation/**/*.spec.mjs'],
  transform: {},
};
