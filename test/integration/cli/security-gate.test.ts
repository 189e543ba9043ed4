/**
 * The Electron security gate (scripts/electronegativity-gate.js) analyses every part of the built
 * app that Electron loads: run on a copy of dist/, a window opened with Node integration in any of
 * those parts fails it, and the command-line bundles in dist/bin, which plain Node runs and Electron
 * never loads, are left out.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuilt } from '../require-built.js';

const root = join(import.meta.dirname, '..', '..', '..');
const UNSAFE_WINDOW = `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true } });
`;
/** The parts of dist/ Electron loads, and where each gets the unsafe window (relative to dist/). */
const UNSAFE_IN = {
  electron: 'electron/main/unsafe-window.js',
  preload: 'preload/unsafe-window.js',
  renderer: 'renderer/assets/unsafe-window.js',
  shared: 'shared/unsafe-window.js',
};
const copies: string[] = [];

beforeAll(() => {
  requireBuilt('dist/electron/main/window.js', ['electron/main', 'electron/backend', 'shared']);
});
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The gate, its allow list and dist/ (app parts and bin) in a directory of their own. */
function copyOfBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-secgate-'));
  copies.push(dir);
  for (const path of [
    'scripts/electronegativity-gate.js',
    'scripts/no-network.cjs',
    'build/electronegativity-allow.json',
  ])
    cpSync(join(root, path), join(dir, path));
  for (const part of [...Object.keys(UNSAFE_IN), 'bin'])
    cpSync(join(root, 'dist', part), join(dir, 'dist', part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function put(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function gate(dir: string) {
  const r = spawnSync(process.execPath, [join(dir, 'scripts/electronegativity-gate.js')], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('Electron security gate', () => {
  // One run of the analyser (about 10 CPU s) on a copy with an unsafe window in every part: the gate
  // itself passes the build as it is in npm test's last step (npm run test:security).
  it('fails a window with Node integration in any part of the app Electron loads, and leaves out the command-line bundles', () => {
    const dir = copyOfBuild();
    put(dir, 'dist/bin/unsafe-window.js', UNSAFE_WINDOW);
    for (const path of Object.values(UNSAFE_IN)) put(dir, join('dist', path), UNSAFE_WINDOW);
    const result = gate(dir);
    for (const path of Object.values(UNSAFE_IN)) {
      expect(result.out).toMatch(new RegExp(`FAIL +NODE_INTEGRATION_JS_CHECK ${path.replaceAll('.', '\\.')}:2 `));
    }
    // Only the planted windows fail (each for several rules): the build's own findings are accepted.
    const failing = new Set([...result.out.matchAll(/^FAIL +\S+ (\S+):\d+ /gm)].map((m) => m[1]));
    expect([...failing].sort()).toEqual(Object.values(UNSAFE_IN).sort());
    expect(result.out).not.toContain('bin/unsafe-window');
    expect(result.status).toBe(1);
  });
});
