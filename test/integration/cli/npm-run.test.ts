// A newcomer's first commands, as the README gives them: right after `npm install` (which builds
// bin/ on `prepare`), `npm run mkra -- ...` and `npm run ibmcloud-sim -- ...` work in the checkout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuilt, ROOT } from '../require-built.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(npm, ['run', '--silent', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });

describe('npm run mkra / ibmcloud-sim in the checkout', () => {
  it('npm run --silent mkra -- version prints the package version and nothing else', () => {
    requireBuilt('dist/bin/mkra.js', ['electron/cli', 'electron/backend', 'shared']);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run(['mkra', '--', 'version']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('passes the arguments through, exit code included', () => {
    requireBuilt('dist/bin/mkra.js', ['electron/cli', 'electron/backend', 'shared']);
    const r = run(['mkra', '--', 'classify', '--flow', 'nonsense', 'x.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown --flow "nonsense"');
  });

  it('npm run --silent ibmcloud-sim -- sim scenarios lists the scenarios', () => {
    requireBuilt('dist/bin/ibmcloud-sim.cjs', ['electron/cli', 'shared']);
    const env = { ...process.env, MKRA_SIM_DIR: join(mkdtempSync(join(tmpdir(), 'mkra-npm-')), 'sim') };
    const r = run(['ibmcloud-sim', '--', 'sim', 'scenarios'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^default\b/m);
  });
});
