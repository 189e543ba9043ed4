// scripts/build.js: a failed step fails the build, stops its own chain and leaves no record of the
// inputs (so `npm test`'s --if-stale never skips a build that did not finish); a finished build
// records them, and --if-stale then builds nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript script without type declarations
import { build as buildScript, inputsDigest } from '../../../scripts/build.js';

const build = buildScript as (options: { top: string; chains: string[][]; ifStale?: boolean }) => Promise<number>;
const digest = inputsDigest as (top: string) => string;

let top = '';
afterEach(() => {
  if (top) rmSync(top, { recursive: true, force: true });
});

/** A package whose scripts append their name to dist/ran.txt (outside the inputs); `bad-*` then exit 3. */
function project(names: string[]): string {
  top = mkdtempSync(join(tmpdir(), 'mkra-build-script-'));
  const scripts = Object.fromEntries(
    names.map((name) => [
      name,
      `node -e "const fs=require('fs');fs.mkdirSync('dist',{recursive:true});fs.appendFileSync('dist/ran.txt','${name}\\n');process.exit(${name.startsWith('bad') ? 3 : 0})"`,
    ]),
  );
  writeFileSync(join(top, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts }));
  return top;
}

const ran = () =>
  readFileSync(join(top, 'dist', 'ran.txt'), 'utf8')
    .trim()
    .split('\n')
    .sort();
const record = () => join(top, 'dist', '.build-inputs');

describe('scripts/build.js', () => {
  it('fails when a step fails: its chain stops there, the other chain runs, no record is left', async () => {
    project(['one', 'bad-two', 'three', 'four']);
    // An earlier build of the same files recorded them: a failed rebuild must take that record away.
    expect(await build({ top, chains: [['four']] })).toBe(0);
    expect(existsSync(record())).toBe(true);
    rmSync(join(top, 'dist', 'ran.txt'));
    expect(await build({ top, chains: [['one', 'bad-two', 'three'], ['four']] })).toBe(1);
    expect(ran()).toEqual(['bad-two', 'four', 'one']);
    expect(existsSync(record())).toBe(false);
  });

  it('records the inputs of a finished build, and --if-stale then builds nothing', async () => {
    project(['one', 'two']);
    expect(await build({ top, chains: [['one'], ['two']] })).toBe(0);
    expect(readFileSync(record(), 'utf8').trim()).toBe(digest(top));
    expect(await build({ top, chains: [['one'], ['two']], ifStale: true })).toBe(0);
    expect(ran()).toEqual(['one', 'two']);
    writeFileSync(join(top, 'input.txt'), 'a changed input\n');
    expect(await build({ top, chains: [['one'], ['two']], ifStale: true })).toBe(0);
    expect(ran()).toEqual(['one', 'one', 'two', 'two']);
  });
});
