// scripts/run-parallel.js runs npm test's static checks: a failing check must fail the step, and
// every named check must run even when one before it failed, so the log names all the failures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../require-built.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A package whose scripts each append their name to ran.txt; `bad-*` scripts then exit 3. */
function project(names: string[]): string {
  dir = mkdtempSync(join(tmpdir(), 'mkra-run-parallel-'));
  const scripts = Object.fromEntries(
    names.map((name) => [
      name,
      `node -e "require('fs').appendFileSync('ran.txt', '${name}\\n'); process.exit(${name.startsWith('bad') ? 3 : 0})"`,
    ]),
  );
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts }));
  return dir;
}

const runParallel = (cwd: string, names: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts/run-parallel.js'), ...names], { cwd, encoding: 'utf8' });

describe('scripts/run-parallel.js', () => {
  it('runs every script and exits 0 when all pass', () => {
    const names = ['one', 'two', 'three', 'four', 'five'];
    const r = runParallel(project(names), names);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ran.txt'), 'utf8').trim().split('\n').sort()).toEqual([...names].sort());
    for (const name of names) expect(r.stdout).toContain(`> npm run ${name}: ok`);
  });

  it('exits 1 naming each failed script, after running the ones queued behind a failure', () => {
    const names = ['bad-first', 'two', 'three', 'bad-fourth', 'five'];
    const r = runParallel(project(names), names);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Failed: bad-first, bad-fourth');
    expect(r.stdout).toContain('> npm run bad-first: failed (3)');
    expect(readFileSync(join(dir, 'ran.txt'), 'utf8').trim().split('\n').sort()).toEqual([...names].sort());
  });

  it('refuses to run without a script name', () => {
    const r = runParallel(project([]), []);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
