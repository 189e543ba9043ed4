import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import { fixesFor, recoverFixes } from '../../../shared/precheck/fixes.js';
import { PRECHECK_IDS } from '../../../shared/tke/messages.js';

type Tree = { [key: string]: string | Tree };
const en = import.meta.glob<Tree>('../../../renderer/src/lib/i18n/en/*.json', { eager: true, import: 'default' });
const ja = import.meta.glob<Tree>('../../../renderer/src/lib/i18n/ja/*.json', { eager: true, import: 'default' });

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const values = (o: unknown): string[] => (typeof o === 'string' ? [o] : Object.values(o as object).flatMap(values));
const name = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

describe('translations', () => {
  it('every catalogue file exists in both languages', () => {
    expect(Object.keys(en).map(name).sort()).toEqual(Object.keys(ja).map(name).sort());
    expect(Object.keys(en).map(name)).toContain('screens.json');
  });

  it.each(Object.keys(en).map(name))('%s has exactly the same keys in English and Japanese, none empty', (file) => {
    const e = Object.entries(en).find(([p]) => name(p) === file)?.[1];
    const j = Object.entries(ja).find(([p]) => name(p) === file)?.[1];
    expect(keys(j).sort()).toEqual(keys(e).sort());
    expect(values(j).filter((v) => v.trim() === '')).toEqual([]);
    expect(values(e).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('the merged catalogues agree too (no top-level key defined in two files)', () => {
    expect(keys(MESSAGES.ja).sort()).toEqual(keys(MESSAGES.en).sort());
  });

  it('the screens catalogue owns only its top-level keys', () => {
    const screens = Object.entries(en).find(([p]) => name(p) === 'screens.json')?.[1] ?? {};
    expect(Object.keys(screens).sort()).toEqual([
      'demo',
      'history',
      'keyfiles',
      'nav',
      'overview',
      'plan',
      'precheck',
      'resume',
    ]);
  });

  it('every catalogue key a pre-check fix names exists in both languages, with the values it fills in', () => {
    const fixes = PRECHECK_IDS.flatMap((id) =>
      (['auto', 'keyparts'] as const).flatMap((flow) =>
        [[], [5, 6]].flatMap((units) =>
          [false, true].flatMap((signingService) => fixesFor(id, flow, { units, signingService })),
        ),
      ),
    );
    // selection-read: the selection check's fix for units auto-mk-rotate will act on that are not selected (evaluate.ts).
    const named = [...fixes, ...recoverFixes([1])]
      .flatMap((f) => (f.i18n === undefined ? [] : [f.i18n]))
      .concat({ key: 'selection-read', values: { units: '5' } });
    expect(named.length).toBeGreaterThan(10);
    for (const lang of ['en', 'ja'] as const) {
      const words = ((MESSAGES[lang] as Tree).precheck as Tree).fixWhy as Record<string, string>;
      for (const { key, values: filled } of named) {
        expect(words[key], `${lang}: precheck.fixWhy.${key}`).toBeTypeOf('string');
        for (const name of Object.keys(filled ?? {}))
          expect(words[key], `${lang}: ${key} uses {${name}}`).toContain(`{${name}}`);
      }
    }
  });
});
