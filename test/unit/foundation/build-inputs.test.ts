// scripts/build.js --if-stale skips the build only when the record of its inputs matches: the
// digest must change with any file the build could read, and only with those.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript script without type declarations
import { inputsDigest } from '../../../scripts/build.js';

const digest = inputsDigest as (top: string) => string;
const trees: string[] = [];

function tree(files: Record<string, string>): string {
  const top = mkdtempSync(join(tmpdir(), 'mkra-build-inputs-'));
  trees.push(top);
  for (const [path, text] of Object.entries(files)) put(top, path, text);
  return top;
}

function put(top: string, path: string, text: string): void {
  mkdirSync(dirname(join(top, path)), { recursive: true });
  writeFileSync(join(top, path), text);
}

afterEach(() => {
  for (const top of trees.splice(0)) rmSync(top, { recursive: true, force: true });
});

const FILES = {
  'package.json': '{"name":"x"}\n',
  'electron/backend/a.ts': 'export const a = 1;\n',
  'renderer/src/App.svelte': '<p>hi</p>\n',
  'test/unit/a.test.ts': '// test\n',
  'node_modules/.package-lock.json': '{"lockfileVersion":3}\n',
};

describe('the build-inputs digest', () => {
  it('is the same for the same files, and changes with a source, a test, a new file or a renamed one', () => {
    const top = tree(FILES);
    const before = digest(top);
    expect(digest(tree(FILES))).toBe(before);
    put(top, 'electron/backend/a.ts', 'export const a = 2;\n');
    const edited = digest(top);
    expect(edited).not.toBe(before);
    put(top, 'test/unit/a.test.ts', '// test, edited\n');
    expect(digest(top)).not.toBe(edited);
    expect(digest(tree({ ...FILES, 'shared/new.ts': '' }))).not.toBe(before);
    const { ['electron/backend/a.ts']: moved, ...rest } = FILES;
    expect(digest(tree({ ...rest, 'electron/backend/b.ts': moved }))).not.toBe(before);
  });

  it('changes when the installed packages change (the lock npm writes into node_modules)', () => {
    const before = digest(tree(FILES));
    expect(digest(tree({ ...FILES, 'node_modules/.package-lock.json': '{"lockfileVersion":3,"x":1}\n' }))).not.toBe(
      before,
    );
  });

  it('ignores what the build and the tests write: dist/, test results, reports, the rest of node_modules', () => {
    const top = tree(FILES);
    const before = digest(top);
    put(top, 'dist/electron/backend/a.js', 'export const a = 1;\n');
    put(top, 'dist/.build-inputs', 'abc\n');
    put(top, 'test-results/x.json', '{}');
    put(top, 'reports/mutation/mutation.json', '{}');
    put(top, 'bench-results/latest.json', '{}');
    put(top, 'node_modules/zod/index.js', '');
    put(top, 'tsconfig.tsbuildinfo', '');
    expect(digest(top)).toBe(before);
  });
});
