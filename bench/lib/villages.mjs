// Every village code in idn-area-data, in file order (province by province).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function realVillages() {
  const require = createRequire(import.meta.url);
  const csv = readFileSync(
    join(dirname(require.resolve('idn-area-data/package.json')), 'data', 'villages.csv'),
    'utf8',
  );
  return csv
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0])
    .filter((code) => /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code));
}
