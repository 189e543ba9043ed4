import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  AUTH_FAILED_LINES,
  M1_DELAY,
  M2_REWRAP,
  PRECHECK_FAILED_PREFIX,
  ROTATION_COMPLETED,
} from '../../../shared/tke/messages.js';
import { decryptWithPassword } from '../../../electron/cli/sim/key-files.js';
import type { SimStatus } from '../../../shared/sim/index.js';
import { ensureBuilt, runSim, simDirs, type SimDirs } from './harness.js';

let dirs: SimDirs;
beforeAll(() => ensureBuilt());
afterEach(() => dirs?.cleanup());

async function statusJson(env: NodeJS.ProcessEnv): Promise<SimStatus> {
  const r = await runSim(['sim', 'status', '--json'], env);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as SimStatus;
}

describe('ibmcloud-sim with piped stdin', () => {
  test('creates the default scenario on first use with real, password-protected P-521 key files', async () => {
    dirs = simDirs();
    const r = await runSim(['tke', 'sigkeys'], dirs.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 {8}admin1 {8}[0-9a-f]{64}$/m);
    const file = JSON.parse(readFileSync(join(dirs.keyFiles, '1.sigkey'), 'utf8')) as Record<string, string>;
    expect(file.keyType).toBe('p521ec');
    const pem = decryptWithPassword('passw0rd', file.seaSalt ?? '', file.enckey ?? '');
    expect(pem).toContain('BEGIN PRIVATE KEY');
    expect(decryptWithPassword('wrong', file.seaSalt ?? '', file.enckey ?? '')).toBeUndefined();
    const state = readFileSync(join(dirs.dir, 'state.json'), 'utf8');
    expect(state).not.toContain('passw0rd');
  });

  test('auto-mk-rotate completes with answers read line by line', async () => {
    dirs = simDirs();
    const r = await runSim(['tke', 'auto-mk-rotate'], dirs.env, 'passw0rd\npassw0rd\n');
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf(M1_DELAY)).toBeLessThan(r.stdout.indexOf(M2_REWRAP));
    expect(r.stdout).toContain(`${ROTATION_COMPLETED}\nOK\n`);
    expect((await statusJson(dirs.env)).keystore).toEqual({ total: 300, usable: 300, lost: 0 });
  });

  test('a fault fails with exit 1; the recovery command then completes with nothing lost', async () => {
    dirs = simDirs();
    const f = await runSim(
      ['tke', 'auto-mk-rotate'],
      { ...dirs.env, MKRA_SIM_FAULT: 'mid-rewrap' },
      'passw0rd\npassw0rd\n',
    );
    expect(f.code).toBe(1);
    expect(f.stdout).toContain(M1_DELAY);
    expect(f.stdout).toContain('FAILED\n');
    const r = await runSim(['tke', 'cryptounit-mk-rotate'], dirs.env, 'y\npassw0rd\npassw0rd\n');
    expect(r.code).toBe(0);
    expect((await statusJson(dirs.env)).keystore.lost).toBe(0);
  });

  test('a :crash fault kills the process without a message and leaves a loadable state', async () => {
    dirs = simDirs();
    const f = await runSim(
      ['tke', 'auto-mk-rotate'],
      { ...dirs.env, MKRA_SIM_FAULT: 'after-m2:crash' },
      'passw0rd\npassw0rd\n',
    );
    expect(f.signal).toBe('SIGKILL');
    expect(f.stdout).not.toContain('FAILED');
    const s = await statusJson(dirs.env);
    expect(s.units.every((u) => u.new.state === 'Full Committed')).toBe(true);
  });

  test('pre-check failures and the expired token print their documented lines', async () => {
    dirs = simDirs();
    expect((await runSim(['sim', 'reset', '--scenario', 'new-mk-not-empty'], dirs.env)).code).toBe(0);
    const p = await runSim(['tke', 'auto-mk-rotate'], dirs.env, 'passw0rd\npassw0rd\n');
    expect(p.code).toBe(1);
    expect(p.stdout).toContain(
      `${PRECHECK_FAILED_PREFIX} the new master key registers are not in the required state (crypto units 3).`,
    );
    await runSim(['sim', 'reset', '--scenario', 'expired-token'], dirs.env);
    const a = await runSim(['tke', 'cryptounits'], dirs.env);
    expect(a.stdout).toContain(['FAILED', ...AUTH_FAILED_LINES].join('\n'));
    expect((await runSim(['login', '--apikey', 'k'], dirs.env)).code).toBe(0);
    expect((await runSim(['tke', 'cryptounits'], dirs.env)).code).toBe(0);
  });

  test('missing answers, bad environment and unknown commands fail with exit 1', async () => {
    dirs = simDirs();
    const noInput = await runSim(['tke', 'auto-mk-rotate'], dirs.env, '');
    expect(noInput.code).toBe(1);
    expect(noInput.stdout).toContain('No input was received for the prompt.');
    const badFault = await runSim(['tke', 'cryptounits'], { ...dirs.env, MKRA_SIM_FAULT: 'nope' });
    expect(badFault.code).toBe(1);
    expect((await runSim(['frobnicate'], dirs.env)).stdout).toContain(
      "FAILED\n'frobnicate' is not a registered command.",
    );
  });

  test('key-part flow through mk-add files on disk', async () => {
    dirs = simDirs();
    await runSim(['sim', 'reset', '--scenario', 'key-parts', '--keys', '50'], dirs.env);
    // The parts, the signature key password, then each part's password.
    const load = await runSim(['tke', 'cryptounit-mk-load'], dirs.env, '1 3\npassw0rd\npassw0rd\npassw0rd\n');
    expect(load.code).toBe(0);
    expect((await runSim(['tke', 'cryptounit-mk-commit'], dirs.env, 'passw0rd\npassw0rd\n')).code).toBe(0);
    const rot = await runSim(['tke', 'cryptounit-mk-rotate'], dirs.env, 'y\npassw0rd\npassw0rd\n');
    expect(rot.code).toBe(0);
    expect(rot.stdout).toContain(M2_REWRAP);
    expect((await statusJson(dirs.env)).keystore).toEqual({ total: 50, usable: 50, lost: 0 });
  });
});
