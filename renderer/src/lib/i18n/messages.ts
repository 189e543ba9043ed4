/**
 * The message catalogues, one JSON file per screen area under en/ and ja/ (so each area's
 * strings live beside each other), merged into one tree per language at build time.
 */
type Tree = { [key: string]: string | Tree };

const en = import.meta.glob<Tree>('./en/*.json', { eager: true, import: 'default' });
const ja = import.meta.glob<Tree>('./ja/*.json', { eager: true, import: 'default' });

function merge(files: Record<string, Tree>): Tree {
  const out: Tree = {};
  for (const tree of Object.values(files)) {
    for (const [key, value] of Object.entries(tree)) {
      if (key in out) throw new Error(`message key ${key} is defined in two catalogue files`);
      out[key] = value;
    }
  }
  return out;
}

export const MESSAGES = { en: merge(en), ja: merge(ja) } as const;
