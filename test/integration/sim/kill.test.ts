import { spawn } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { M1_DELAY, M2_REWRAP } from '../../../shared/tke/messages.js';
import type { SimStatus } from '../../../shared/sim/index.js';
import { BIN, ensureBuilt, runSim, simDirs, type SimDirs } from './harness.js';

let dirs: SimDirs;
beforeAll(() => ensureBuilt());
afterEach(() => dirs?.cleanup());

const KEYS = 30_000;

/** Start a command, SIGKILL it after `ms`, resolve with what it printed. */
function killAfter(args: string[], env: NodeJS.ProcessEnv, input: string, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stdin.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

async function statusJson(env: NodeJS.ProcessEnv): Promise<SimStatus> {
  const r = await runSim(['sim', 'status', '--json'], env);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as SimStatus;
}

describe('killing ibmcloud-sim at random instants', () => {
  test('every kill leaves a loadable state; the recovery table then finishes with nothing lost', async () => {
    // Scale 0.002: 60 ms discovery delay, 120 ms per 3000 keys, so kills land in every phase.
    dirs = simDirs('0.002');
    expect((await runSim(['sim', 'reset', '--keys', String(KEYS)], dirs.env)).code).toBe(0);
    let evidence = '';
    for (let i = 0; i < 8; i++) {
      const delay = 80 + Math.floor(Math.random() * 900);
      if (evidence.includes(M2_REWRAP)) break;
      // The recovery table: after M1, never auto-mk-rotate again.
      const args = evidence.includes(M1_DELAY) ? ['tke', 'cryptounit-mk-rotate'] : ['tke', 'auto-mk-rotate'];
      const input = args[1] === 'cryptounit-mk-rotate' ? 'y\npassw0rd\npassw0rd\n' : 'passw0rd\npassw0rd\n';
      evidence += await killAfter(args, dirs.env, input, delay);
      const after = await statusJson(dirs.env);
      expect(after.keystore.total).toBe(KEYS);
      expect(after.keystore.lost).toBe(0);
    }
    // Finish by the recovery table, at full speed.
    const fast = { ...dirs.env, MKRA_SIM_TIME_SCALE: '0' };
    let s = await statusJson(fast);
    if (!evidence.includes(M1_DELAY)) {
      expect((await runSim(['tke', 'auto-mk-rotate'], fast, 'passw0rd\npassw0rd\n')).code).toBe(0);
    } else if (!evidence.includes(M2_REWRAP)) {
      expect((await runSim(['tke', 'cryptounit-mk-rotate'], fast, 'y\npassw0rd\npassw0rd\n')).code).toBe(0);
    } else if (s.units.some((u) => u.new.state !== 'Empty')) {
      const pending = s.units.find((u) => u.new.state !== 'Empty');
      const promoted = s.units
        .filter((u) => u.new.state === 'Empty' && u.current.vp === pending?.new.vp)
        .map((u) => u.num);
      if (promoted.length > 0) await runSim(['tke', 'cryptounit-rm'], fast, `${promoted.join(' ')}\n`);
      expect((await runSim(['tke', 'cryptounit-mk-setimm'], fast, 'y\npassw0rd\npassw0rd\n')).code).toBe(0);
    }
    s = await statusJson(fast);
    expect(s.keystore).toEqual({ total: KEYS, usable: KEYS, lost: 0 });
    expect(s.units.every((u) => u.new.state === 'Empty' && u.current.vp === s.units[0]?.current.vp)).toBe(true);
  });

  test('kills during sim reset and key file creation never leave an unreadable state', async () => {
    dirs = simDirs();
    for (let i = 0; i < 6; i++) {
      await killAfter(['sim', 'reset', '--scenario', 'key-parts'], dirs.env, '', 40 + Math.floor(Math.random() * 200));
      const r = await runSim(['sim', 'status', '--json'], dirs.env);
      expect(r.code).toBe(0);
      expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    }
  });
});
