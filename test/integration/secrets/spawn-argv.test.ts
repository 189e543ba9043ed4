/**
 * The real simulator, run by the app's runner (RotationService over a pseudo-terminal) for `login`,
 * `mk-add --value` and `cryptounit-mk-load`: every secret is typed at a hidden prompt, and none of
 * them (login password, key part value, key part and signature key passwords) appears in the program,
 * the argument list or the environment of any process the runner started.
 */
import { spawn as ptySpawn } from 'node-pty';
import { describe, expect, it } from 'vitest';
import { demoPaths } from '../../../electron/backend/environment/paths.js';
import type { PtySpawn } from '../../../electron/backend/runner/pty-process.js';
import * as tke from '../../../shared/tke/messages.js';
import { createHarness, type Harness } from '../rotation/harness.js';
import { changeKeyFilePassword } from './live-workstation.js';

const S = {
  login: 'Zq7-spawn-login-Hd4',
  sig1: 'Zq7-spawn-sigkey1-Wq8',
  sig2: 'Zq7-spawn-sigkey2-Lp3',
  part1: 'Zq7-spawn-part1-Rt6',
  part2: 'Zq7-spawn-part2-Mv2',
  mkAdd: 'Zq7-spawn-mkadd-Xe5',
} as const;
/** The key part typed at mk-add's hidden prompt (key material: searched in both cases). */
const KEY_PART = '7f3c9a1e5b2d4c6e8a0f1b3d5c7e9a2b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c';

interface Spawned {
  file: string;
  args: string[];
  env: Record<string, string>;
}

/** Answer each prompt by its text and detail (who it is for), as an administrator would type it. */
function answerFor(h: Harness, typed: string[]): () => string {
  return () => {
    const p = h.service.state().running?.prompt;
    const who = (p?.detail[0] ?? '').split(' ')[0] ?? '';
    const pick = (): string => {
      if (p?.text === 'Email') return 'admin@example.com';
      if (p?.text === 'Password') return S.login;
      if (p?.text === tke.SIGKEY_PASSWORD_PROMPT) return who === 'admin1' ? S.sig1 : S.sig2;
      if (p?.text === tke.MKPART_PASSWORD_PROMPT) return who === 'part1-alice' ? S.part1 : S.part2;
      if (p?.text === tke.MKPART_VALUE_PROMPT) return KEY_PART;
      if (p?.text === tke.MKPART_DESCRIPTION_PROMPT) return 'spawn-part';
      if (p?.text === tke.MKPART_SELECT_PROMPT) return '1 2';
      if (p?.secret) return S.mkAdd;
      throw new Error(`no answer for ${JSON.stringify(p)}`);
    };
    const answer = pick();
    if (p?.secret) typed.push(answer);
    return answer;
  };
}

describe('secrets never reach a process argument list or environment', () => {
  it('login, mk-add --value and cryptounit-mk-load under the app runner', { timeout: 300_000 }, async () => {
    const spawned: Spawned[] = [];
    const recording: PtySpawn = (file, args, options) => {
      spawned.push({ file, args: [...args], env: { ...options.env } });
      return ptySpawn(file, args, options);
    };
    const h = await createHarness('key-parts', 20, { spawn: recording });
    const { tkeFilesDir } = demoPaths(h.dataDir);
    const owners = [
      ['1.sigkey', S.sig1],
      ['2.sigkey', S.sig2],
      ['1.mkpart', S.part1],
      ['2.mkpart', S.part2],
    ] as const;
    for (const [file, password] of owners) changeKeyFilePassword(tkeFilesDir, file, 'passw0rd', password);
    const typed: string[] = [];
    const answer = answerFor(h, typed);
    const all = { password: answer, other: answer, keys: answer, confirm: answer };

    await h.service.start({ flow: 'keyparts' });
    await h.runToExit(['login'], all);
    expect(h.lines).toContain('Targeted account Example Co (0123456789abcdef)');
    expect((await h.runToExit(['tke', 'mk-add', '--value'], all)).commands.at(-1)?.exitCode).toBe(0);
    const loaded = await h.runToExit(['tke', 'cryptounit-mk-load'], all);
    expect(loaded.commands.at(-1)?.exitCode).toBe(0);

    // Every secret was typed, at a hidden prompt: login, the key part and its file's password twice,
    // one signature key for the load and both key parts.
    expect(new Set(typed)).toEqual(new Set([S.login, KEY_PART, S.mkAdd, S.sig1, S.part1, S.part2]));
    // The runner also read the registers when the rotation started; the three commands ran as typed.
    const commands = spawned.map((s) => s.args.slice(1).join(' '));
    for (const c of ['login', 'tke mk-add --value', 'tke cryptounit-mk-load']) expect(commands).toContain(c);
    const needles = [...Object.values(S), KEY_PART, KEY_PART.toUpperCase()];
    for (const s of spawned) {
      const words = [s.file, ...s.args, ...Object.entries(s.env).map(([k, v]) => `${k}=${v}`)];
      for (const needle of needles) {
        expect(
          words.filter((w) => w.includes(needle)),
          `${needle} in ${s.args.join(' ')}`,
        ).toEqual([]);
      }
    }
  });
});
