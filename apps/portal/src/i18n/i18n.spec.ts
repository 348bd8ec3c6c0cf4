import { readFileSync } from 'node:fs';
import { OBSERVATION_TEMPLATES } from '@jembatan/contracts';

const load = (lang: string): object =>
  JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8'));
// English readiness observations are the service's own templates (see index.ts).
const en = { ...load('en'), observations: OBSERVATION_TEMPLATES };
const id = load('id');

/** Every key in one language exists in the other, so no screen shows a raw key. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('translations', () => {
  it('have the same keys in Bahasa Indonesia and English', () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });

  it('have no empty strings', () => {
    for (const dictionary of [en, id]) {
      expect(JSON.stringify(dictionary)).not.toMatch(/:""/);
    }
  });
});
