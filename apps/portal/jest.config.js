import { jestPreset } from '@jembatan/tooling/jest';

export default jestPreset();
