/**
 * The shared glossary (renderer/src/lib/i18n/glossary.json) over the Japanese catalogues: no
 * forbidden variant of a term anywhere, and where an English string names a term, its Japanese
 * string uses the glossary's one form for it (or an accepted abbreviation), never another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TERMS, variantsIn } from '../../glossary.js';

type Tree = { [key: string]: string | Tree };

const DIR = 'renderer/src/lib/i18n';
const SCENARIOS = 'training/scenarios';

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );
}
function catalogue(lang: 'en' | 'ja'): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(DIR, lang))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const tree = JSON.parse(readFileSync(join(DIR, lang, file), 'utf8')) as Tree;
    for (const [key, value] of flatten(tree)) out.set(key, value);
  }
  return out;
}
const EN = catalogue('en');
const JA = catalogue('ja');

/** An English term as a word, any case, plural or hyphenated alike ("pre-checks", "Crypto units"). */
const enPattern = (term: string) => new RegExp(`\\b${term.replace(/[-\s]+/g, '[-\\s]')}(?:e?s)?\\b`, 'i');

/** English prose without its placeholders, commands and file names, which hold no glossary term. */
const prose = (en: string) =>
  en
    .replace(/\{\w+\}/g, ' ')
    .replace(/\b(?:ibmcloud|tke|cryptounit[\w-]*|auto-mk-[\w-]+|[\w-]*-mk-[\w-]*|[\w.-]+\.md)\b/g, ' ');

describe('glossary', () => {
  it('is well formed: unique ids, no form both allowed and forbidden', () => {
    expect(new Set(TERMS.map((t) => t.id)).size).toBe(TERMS.length);
    for (const t of TERMS) {
      expect(t.forbiddenJa, t.id).not.toContain(t.ja);
      for (const s of t.shortJa) expect(t.forbiddenJa, t.id).not.toContain(s);
    }
  });

  it('catches a forbidden variant but not a glossary form that contains it', () => {
    expect(variantsIn('クリプト・ユニット 3 を選択')).toContain('crypto-unit: クリプト・ユニット');
    expect(variantsIn('新しいマスター・キー')).toContain('master-key: マスター・キー');
    expect(variantsIn('シミュレーターの暗号装置とリカバリー暗号装置')).toEqual([]);
  });

  it('no Japanese string uses a forbidden variant of a glossary term', () => {
    const found = [...JA].flatMap(([key, value]) => variantsIn(value).map((v) => `${key} — ${v}`));
    expect(found).toEqual([]);
  });

  it('no Japanese text of a training scenario uses a forbidden variant either', () => {
    const jaTexts = (o: unknown): string[] =>
      typeof o !== 'object' || o === null
        ? []
        : Object.entries(o).flatMap(([k, v]) => (k === 'ja' && typeof v === 'string' ? [v] : jaTexts(v)));
    const found = readdirSync(SCENARIOS)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) =>
        jaTexts(JSON.parse(readFileSync(join(SCENARIOS, f), 'utf8'))).flatMap((text) =>
          variantsIn(text).map((v) => `${f} — ${v}`),
        ),
      );
    expect(found).toEqual([]);
  });

  it('where the English names a term, the Japanese uses its one glossary form', () => {
    const found: string[] = [];
    for (const t of TERMS) {
      const pattern = enPattern(t.en);
      for (const [key, en] of EN) {
        const ja = JA.get(key);
        if (ja === undefined || !pattern.test(prose(en))) continue;
        if (![t.ja, ...t.shortJa].some((form) => ja.includes(form))) found.push(`${key} (${t.id}): ${ja}`);
      }
    }
    expect(found).toEqual([]);
  });
});
