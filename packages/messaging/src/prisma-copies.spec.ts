import { readFileSync } from 'node:fs';

const SERVICES = ['gateway', 'caseload', 'training', 'partners', 'microcredit', 'supervision'];
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('messaging tables', () => {
  it.each(SERVICES)(
    'are declared in %s exactly as in the canonical messaging.prisma',
    (service) => {
      expect(read(`../../../apps/${service}/prisma/schema/messaging.prisma`)).toBe(
        read('../prisma/messaging.prisma'),
      );
    },
  );
});
