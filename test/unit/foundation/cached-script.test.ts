/**
 * bin/cached-script.js runs a CommonJS bundle with V8's code cache. V8 checks a cache against the
 * source's length, not its bytes, so a cache made for one build would run its code in place of
 * another build of the same length: the cache is named by the bundle's size, inode and modification
 * time, and a bundle written again finds none and is compiled from its text.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

interface Loaded {
  exports: { answer?: () => string };
  script: { cachedDataRejected?: boolean; createCachedData(): Buffer };
}
const { codeCachePath, loadBundle } = createRequire(import.meta.url)('../../../bin/cached-script.js') as {
  codeCachePath(file: string): string;
  loadBundle(file: string): Loaded;
};

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A bundle exporting `answer()`, built and cached in a directory of its own; returns its path. */
function cachedBundle(answer: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-code-cache-'));
  dirs.push(dir);
  const file = join(dir, 'bundle.cjs');
  writeFileSync(file, `'use strict';\nexports.answer = function answer() { return '${answer}'; };\n`);
  const { script } = loadBundle(file);
  writeFileSync(codeCachePath(file), script.createCachedData());
  return file;
}

describe('a bundle run with its code cache', () => {
  it('uses the cache made from its own source', () => {
    const file = cachedBundle('first');
    const loaded = loadBundle(file);
    expect(loaded.script.cachedDataRejected).toBe(false);
    expect(loaded.exports.answer?.()).toBe('first');
  });

  it('runs a rebuilt source of the same length from its text, never the cached code of the old one', () => {
    const file = cachedBundle('first');
    const { mtime } = statSync(file);
    writeFileSync(file, `'use strict';\nexports.answer = function answer() { return 'again'; };\n`);
    // Written again in the same microsecond would be a build faster than any real one: a real rebuild
    // is seconds later, which this stands for on a file system whose clock is coarse.
    if (statSync(file).mtime.getTime() === mtime.getTime())
      utimesSync(file, new Date(), new Date(mtime.getTime() + 1000));
    const loaded = loadBundle(file);
    expect(loaded.script.cachedDataRejected).toBeUndefined();
    expect(loaded.exports.answer?.()).toBe('again');
  });

  it('runs from its text when no cache is there', () => {
    const file = cachedBundle('first');
    for (const name of readdirSync(join(file, '..'))) if (name.endsWith('.code-cache')) rmSync(join(file, '..', name));
    const loaded = loadBundle(file);
    expect(loaded.script.cachedDataRejected).toBeUndefined();
    expect(loaded.exports.answer?.()).toBe('first');
  });
});
