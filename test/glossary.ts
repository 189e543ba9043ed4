/**
 * The shared glossary (renderer/src/lib/i18n/glossary.json) as the tests read it: the unit test over
 * the catalogues and the Japanese end-to-end walk both find variants with `variantsIn`.
 */
import glossary from '../renderer/src/lib/i18n/glossary.json' with { type: 'json' };

export interface Term {
  id: string;
  en: string;
  ja: string;
  shortJa: string[];
  forbiddenJa: string[];
}

export const TERMS: Term[] = glossary.terms;

/**
 * The forbidden variants of glossary terms in a Japanese text, as `id: variant`. Every glossary form
 * is taken out first (longest first), so that a variant inside a glossary form (シミュレータ in
 * シミュレーター) is not counted.
 */
export function variantsIn(text: string, terms: Term[] = TERMS): string[] {
  const own = terms.flatMap((t) => [t.ja, ...t.shortJa]).sort((a, b) => b.length - a.length);
  let rest = text;
  for (const form of own) rest = rest.split(form).join('\u0000');
  return terms.flatMap((t) => t.forbiddenJa.filter((v) => rest.includes(v)).map((v) => `${t.id}: ${v}`));
}
