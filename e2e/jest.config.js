import { jestPreset } from '@jembatan/tooling/jest';

export default jestPreset({ kind: 'e2e', testTimeout: 300_000 });
