import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';

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
    expect(Object.keys(screens).sort()).toEqual(['demo', 'history', 'keyfiles', 'nav', 'overview', 'plan', 'precheck', 'resume']);
  });
});
