import * as pty from 'node-pty';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { M1_DELAY, M2_REWRAP, ROTATION_COMPLETED, SETIMM_WARNING } from '../../../shared/tke/messages.js';
import { BIN, ensureBuilt, runSim, simDirs, type SimDirs } from './harness.js';

let dirs: SimDirs;
beforeAll(() => ensureBuilt());
afterEach(() => dirs?.cleanup());

/** Drive the executable on a pseudo-terminal, answering each prompt that matches in turn. */
function onPty(
  args: string[],
  env: NodeJS.ProcessEnv,
  script: [RegExp, string][],
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const term = pty.spawn(process.execPath, [BIN, ...args], { env, cols: 200, rows: 50, name: 'xterm' });
    let out = '';
    let answeredAt = 0;
    term.onData((d) => {
      out += d;
      const next = script[0];
      if (next && next[0].test(out.slice(answeredAt))) {
        script.shift();
        answeredAt = out.length;
        term.write(`${next[1]}\r`);
      }
    });
    term.onExit(({ exitCode }) => resolve({ code: exitCode, out }));
  });
}

describe('ibmcloud-sim under a pseudo-terminal', () => {
  test('auto-mk-rotate: password prompts are answered and never echoed', async () => {
    dirs = simDirs();
    const prompt = /password for the signature key identified by:\r?\n.*\r?\n> $/;
    const r = await onPty(['tke', 'auto-mk-rotate'], dirs.env, [
      [prompt, 'passw0rd'],
      [prompt, 'passw0rd'],
    ]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('passw0rd');
    expect(r.out).toContain(M1_DELAY);
    expect(r.out).toContain(M2_REWRAP);
    expect(r.out).toContain(`${ROTATION_COMPLETED}\r\nOK\r\n`);
  });

  test('setimm confirmation is echoed like any typed answer, and n cancels', async () => {
    dirs = simDirs();
    const r = await onPty(['tke', 'cryptounit-mk-setimm'], dirs.env, [[/\(y\/N\)\r?\n> $/, 'n']]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(SETIMM_WARNING);
    expect(r.out).toMatch(/> n\r\n/);
    expect(r.out).toContain('Operation cancelled.');
  });

  test('several instances: the instance prompt is answered on the terminal', async () => {
    dirs = simDirs();
    await runSim(['sim', 'reset', '--scenario', 'several-instances', '--keys', '10'], dirs.env);
    const pw = /identified by:\r?\n.*\r?\n> $/;
    const r = await onPty(['tke', 'auto-mk-rotate'], dirs.env, [
      [/Enter the INSTANCE NUM of the service instance to use:\r?\n> $/, '2'],
      [pw, 'passw0rd'],
      [pw, 'passw0rd'],
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Promoting the new master key in crypto unit 8...');
  });
});
