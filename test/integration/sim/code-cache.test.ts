/**
 * The build leaves the simulator's code cache beside its bundle, and a plain `node` (as the demo
 * starts it) takes it: were it missing or rejected, every start would compile the bundle again.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './harness.js';

beforeAll(() => ensureBuilt());

describe('the simulator code cache', () => {
  it('is made by the build for the bundle as built, and V8 accepts it', () => {
    const probe = [
      `const { loadBundle } = require(${JSON.stringify(join(ROOT, 'bin/cached-script.js'))});`,
      `const { script, exports } = loadBundle(${JSON.stringify(join(ROOT, 'dist/bin/ibmcloud-sim.cjs'))});`,
      'process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected, runCli: typeof exports.runCli }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ rejected: false, runCli: 'function' });
  });

  it('holds no dynamic import(): a script compiled by node:vm has no module loader to run one', () => {
    expect(readFileSync(join(ROOT, 'dist/bin/ibmcloud-sim.cjs'), 'utf8')).not.toMatch(/\bimport\s*\(/);
  });
});
