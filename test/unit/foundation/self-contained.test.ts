// The repository stands on its own: no file points at the team's documents beside it, every
// markdown link and every `docs/*.md` a file names exists inside the repository.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SKIP = new Set([
  'node_modules',
  'dist',
  '.git',
  'test-results',
  'playwright-report',
  'release',
  'reports',
  '.stryker-tmp',
]);
const TEXT = /\.(ts|js|mjs|cjs|svelte|md|json|html|css|sh|yml|yaml)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) walk(path, out);
    else if (TEXT.test(name) && st.size < 2_000_000) out.push(path);
  }
  return out;
}

const files = walk(ROOT).filter((f) => !relative(ROOT, f).startsWith('test/fixtures/'));
const self = relative(ROOT, import.meta.filename);

describe('a self-contained repository', () => {
  it('no file points at documents outside it', () => {
    const outside = /\.\.\/shared\/(docs|seeds)|\b(house-style|architecture|toolchain)\.md\b/;
    const hits = files
      .filter((f) => relative(ROOT, f) !== self)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ f, i, line })),
      )
      .filter(({ line }) => outside.test(line))
      .map(({ f, i, line }) => `${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
    expect(hits).toEqual([]);
  });

  it('every relative markdown link resolves to a file inside the repository', () => {
    const broken: string[] = [];
    for (const f of files.filter((x) => x.endsWith('.md'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)) {
        const target = m[1] ?? '';
        if (/^[a-z]+:/i.test(target)) continue;
        const path = resolve(dirname(f), target);
        if (relative(ROOT, path).startsWith('..') || !existsSync(path)) broken.push(`${relative(ROOT, f)}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every docs/*.md that a file names exists', () => {
    const missing = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bdocs\/([a-z0-9-]+\.md)\b/g)) {
        if (!existsSync(join(ROOT, 'docs', m[1] ?? ''))) missing.add(`${relative(ROOT, f)}: docs/${m[1]}`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
