import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Every screen's source, to find the keys it asks for. */
function sources(dir = fileURLToPath(new URL('..', import.meta.url))): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts')
      ? [readFileSync(path, 'utf8')]
      : [];
  });
}

const lookup = (tree: object, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      tree,
    );

describe('keys the screens use', () => {
  const code = sources().join('\n');

  it('exist, for every t("literal") in the portal', () => {
    const used = [...code.matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => typeof lookup(id, key) !== 'string')).toEqual([]);
  });

  it('exist as a group, for every t(`group.${value}`)', () => {
    const groups = [...code.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)].map((m) => m[1]!);
    expect(groups.length).toBeGreaterThan(10);
    expect(groups.filter((key) => typeof lookup(id, key) !== 'object')).toEqual([]);
  });
});
