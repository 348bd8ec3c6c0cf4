// Two workers run the suites. Without timings of an earlier run (a fresh clone has none), Jest
// starts the largest files first; the fault tests are small but the longest (about 4 minutes),
// and started late they leave one worker idle at the end. The longest suites start first.
import TestSequencerModule from '@jest/test-sequencer';

const TestSequencer = TestSequencerModule.default ?? TestSequencerModule;
const LONGEST = ['faults', 'portal'];

const rank = (test) => {
  const index = LONGEST.findIndex((name) => test.path.endsWith(`/${name}.e2e-spec.ts`));
  return index === -1 ? LONGEST.length : index;
};

export default class LongestFirst extends TestSequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
