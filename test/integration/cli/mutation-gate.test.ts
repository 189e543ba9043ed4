/**
 * The mutation gate reuses the recorded Stryker result only when nothing Stryker compares has
 * changed: run on a copy of what the result rests on, without node_modules, so a gate that decides
 * to run Stryker says why and cannot start it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const recorded = JSON.parse(readFileSync(join(root, 'reports/stryker-incremental.json'), 'utf8')) as {
  files: Record<string, unknown>;
  testFiles: Record<string, unknown>;
};
const INPUTS = [
  'stryker.config.mjs',
  'vitest.mutation.config.ts',
  'package-lock.json',
  'reports/stryker-incremental.json',
  'reports/mutation-baseline.json',
  'scripts/mutation-gate.js',
];
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-gate-'));
  copies.push(dir);
  for (const path of [...INPUTS, ...Object.keys(recorded.files), ...Object.keys(recorded.testFiles)]) {
    cpSync(join(root, path), join(dir, path), { recursive: true });
  }
  return dir;
}

function gate(dir: string) {
  const r = spawnSync(process.execPath, [join(dir, 'scripts/mutation-gate.js')], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('mutation gate', () => {
  it('judges the recorded verdicts when every file Stryker compares is as recorded', () => {
    const result = gate(copyOfTree());
    expect(result.out).toMatch(/its verdicts stand/);
    expect(result.out).toMatch(/score 100\.00 %/);
    expect(result.status).toBe(0);
  });

  it.each([
    Object.keys(recorded.files)[0]!,
    Object.keys(recorded.testFiles)[0]!,
    'vitest.mutation.config.ts',
    'package-lock.json',
  ])('runs Stryker again when %s changed', (path) => {
    const dir = copyOfTree();
    appendFileSync(join(dir, path), '\n');
    const result = gate(dir);
    expect(result.out).toContain(`running Stryker (${path} changed since the recorded result)`);
    expect(result.out).not.toMatch(/its verdicts stand/);
    expect(result.status).not.toBe(0);
  });
});
