/**
 * The demo panel's status is computed in the backend with the simulator's own code, not by starting
 * a simulator process per command. It must say exactly what `ibmcloud-sim sim status --json` says.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoStatus } from '../../../electron/backend/demo/demo-control.js';
import type { Invocation } from '../../../electron/backend/runner/tke-invocation.js';
import { BIN, ensureBuilt, runSim, simDirs, type SimDirs } from '../sim/harness.js';

beforeAll(ensureBuilt);

let dirs: SimDirs | undefined;
afterEach(() => dirs?.cleanup());

function invocation(env: NodeJS.ProcessEnv, file = process.execPath): Invocation {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) vars[k] = v;
  return { mode: 'demo', file, prefixArgs: [BIN], env: vars, cwd: process.cwd() };
}

async function simStatus(env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const r = await runSim(['sim', 'status', '--json'], env);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('demo status', () => {
  it('equals the simulator’s own status after a reset, a selection and a failed rotation', async () => {
    dirs = simDirs();
    const { env } = dirs;
    expect((await runSim(['sim', 'reset', '--scenario', 'default', '--keys', '40'], env)).code).toBe(0);
    expect((await runSim(['login', '--apikey', 'demo-training-key'], env)).code).toBe(0);
    expect((await runSim(['tke', 'cryptounit-add'], env, '1\n')).code).toBe(0);
    await runSim(['tke', 'auto-mk-rotate', '--crypto_instance_id', 'x'], { ...env, MKRA_SIM_FAULT: 'after-m1' }, 'y\n');

    const own = await simStatus(env);
    const ours = await demoStatus(invocation(env));
    expect(ours.scenario).toBe(own.scenario);
    expect(ours.keystore).toEqual(own.keystore);
    expect(ours.token).toEqual(own.token);
    const units = own.units as Record<string, unknown>[];
    expect(units.length).toBeGreaterThan(0);
    expect(ours.units).toEqual(
      units.map((u) => ({
        num: u.num,
        type: u.type,
        location: u.location,
        selected: u.selected,
        current: u.current,
        new: u.new,
      })),
    );
  });

  it('reads the state without starting a simulator process', async () => {
    dirs = simDirs();
    expect((await runSim(['sim', 'reset', '--scenario', 'default'], dirs.env)).code).toBe(0);
    // A program that cannot be started: only an in-process reading can answer.
    const status = await demoStatus(invocation(dirs.env, '/nonexistent/ibmcloud-sim'));
    expect(status.scenario).toBe('default');
    expect(status.units.length).toBeGreaterThan(0);
  });

  it('asks the simulator when there is no state yet, and it creates the default scenario', async () => {
    dirs = simDirs();
    const status = await demoStatus(invocation(dirs.env));
    expect(status.scenario).toBe('default');
    expect((await simStatus(dirs.env)).scenario).toBe('default');
  });

  it('refuses outside demo mode', async () => {
    dirs = simDirs();
    await expect(demoStatus({ ...invocation(dirs.env), mode: 'live' })).rejects.toThrow(/only in demo mode/);
  });
});
