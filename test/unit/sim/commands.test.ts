import { describe, expect, test } from 'vitest';
import {
  COMPARE_DIFFERENT,
  COMPARE_SAME,
  CRYPTOUNITS_TABLE_HEADER,
  HSM_ERROR_LINE,
  M2_REWRAP,
  MKPART_DESCRIPTION_PROMPT,
  MKPART_VALUE_PROMPT,
  NO_SIGKEYS_SELECTED,
  OK,
  REGISTER_TABLE_HEADER,
  ROTATE_PRECHECK_CONFIRM,
  ROTATION_COMPLETED,
  SETIMM_WARNING,
  SIGKEY_PASSWORD_PROMPT,
} from '../../../shared/tke/messages.js';
import { FAULT_POINTS, SCENARIOS } from '../../../shared/sim/index.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

describe('listings', () => {
  test('every tke command starts with the context header', async () => {
    const sim = await makeSim();
    const r = await run(sim, 'tke cryptounits');
    expect(r.transcript.split('\n').slice(0, 6)).toEqual([
      'API endpoint:     https://cloud.ibm.com',
      'Region:           us-south',
      'User:             admin@example.com',
      'Account:          Example Co (0123456789abcdef)',
      'Resource group:   default',
      '',
    ]);
    expect(r.transcript).toContain(
      `${CRYPTOUNITS_TABLE_HEADER}\n1                 true       OPERATIONAL   [us-south].[AZ1-CS1].[00].[03]\n`,
    );
    expect(r.transcript.endsWith(`${OK}\n`)).toBe(true);
  });

  test('cryptounit-mk and cryptounit-mks print both registers with VPs on two lines', async () => {
    const sim = await makeSim();
    const a = await run(sim, 'tke cryptounit-mk');
    const b = await run(sim, 'tke cryptounit-mks');
    expect(a.transcript).toBe(b.transcript);
    const vp = sim.state.instances[0]!.units[0]!.current.value;
    const s = await status(sim);
    const upper = s.units[0]!.current.vp.toUpperCase();
    expect(vp).not.toBe('');
    expect(a.transcript).toContain(
      `${REGISTER_TABLE_HEADER}\nnew                   Empty              ${'0'.repeat(32)}\n${' '.repeat(41)}${'0'.repeat(32)}\ncurrent               Valid              ${upper.slice(0, 32)}\n${' '.repeat(41)}${upper.slice(32)}\n`,
    );
  });

  test('only selected units are listed by cryptounit-mk', async () => {
    const sim = await makeSim();
    await run(sim, 'tke cryptounit-rm', { answers: ['1 2'] });
    const r = await run(sim, 'tke cryptounit-mk');
    expect(r.transcript).not.toContain('CRYPTO UNIT NUM: 1 ');
    expect(r.transcript).toContain('CRYPTO UNIT NUM: 3   TYPE: RECOVERY');
  });

  test('thresholds, admins and compare', async () => {
    const sim = await makeSim('threshold-mismatch');
    expect((await run(sim, 'tke cryptounit-thrhlds')).transcript).toContain(
      '2                 1                     1\n',
    );
    const admins = await run(sim, 'tke cryptounit-admins');
    expect(admins.transcript).toMatch(/^1 {17}admin1 {7}[0-9a-f]{64}$/m);
    const cmp = await run(sim, 'tke cryptounit-compare');
    expect(cmp.transcript).toContain(`${COMPARE_DIFFERENT}\nThe signature thresholds differ.\n`);
    const same = await makeSim();
    expect((await run(same, 'tke cryptounit-compare')).transcript).toContain(COMPARE_SAME);
  });

  test('imprint-mode units show a dash admin row', async () => {
    const sim = await makeSim('imprint-mode');
    expect((await run(sim, 'tke cryptounit-admins')).transcript).toContain('2                 -            -\n');
  });
});

describe('selection commands', () => {
  test('cryptounit-rm and cryptounit-add change only the selection', async () => {
    const sim = await makeSim();
    const regs = JSON.stringify(sim.state.instances);
    expect((await run(sim, 'tke cryptounit-rm', { answers: ['1,2'] })).exitCode).toBe(0);
    expect(sim.state.selectedUnits).toEqual([3, 4]);
    expect((await run(sim, 'tke cryptounit-add', { answers: ['2'] })).exitCode).toBe(0);
    expect(sim.state.selectedUnits).toEqual([2, 3, 4]);
    expect(JSON.stringify(sim.state.instances)).toBe(regs);
    expect((await run(sim, 'tke cryptounit-add', { answers: ['17'] })).exitCode).toBe(1);
  });

  test('sigkey-sel replaces the selection; sigkeys shows it', async () => {
    const sim = await makeSim();
    await run(sim, 'tke sigkey-sel', { answers: ['2', 'passw0rd'] });
    const r = await run(sim, 'tke sigkeys');
    expect(r.transcript).toMatch(
      /Signature keys selected to sign commands:\nKEYNUM {3}DESCRIPTION {3}SUBJECT KEY IDENTIFIER\n2 {8}admin2/,
    );
    sim.state.selectedSigkeys = [];
    expect((await run(sim, 'tke sigkeys')).transcript).toContain(NO_SIGKEYS_SELECTED);
  });

  test('sigkey-add creates a key file; mismatched passwords fail', async () => {
    const sim = await makeSim();
    expect((await run(sim, 'tke sigkey-add', { answers: ['admin3', 'pw', 'pw'] })).exitCode).toBe(0);
    expect((await sim.ws.listSigkeys()).map((k) => k.description)).toEqual(['admin1', 'admin2', 'admin3']);
    expect(sim.state.simFiles).toContain('3.sigkey');
    expect((await run(sim, 'tke sigkey-add', { answers: ['admin4', 'a', 'b'] })).exitCode).toBe(1);
  });
});

describe('key-part flow', () => {
  test('load, commit, rotate with pre-check: re-encrypts and promotes, nothing lost', async () => {
    const sim = await makeSim('key-parts');
    // The parts, one signature key password, then each part's password [hs-crypto: initialize-hsm-cli.md].
    const load = await run(sim, 'tke cryptounit-mk-load', { answers: ['1 2 3', ...Array(4).fill('passw0rd')] });
    expect(load.exitCode).toBe(0);
    expect(load.transcript.split(SIGKEY_PASSWORD_PROMPT)).toHaveLength(2);
    let s = await status(sim);
    expect(s.units.every((u) => u.new.state === 'Full Uncommitted')).toBe(true);
    expect((await run(sim, 'tke cryptounit-mk-commit', { answers: PASSWORDS })).exitCode).toBe(0);
    s = await status(sim);
    const newVp = s.units[0]!.new.vp;
    expect(s.units.every((u) => u.new.state === 'Full Committed' && u.new.vp === newVp)).toBe(true);
    const rot = await run(sim, 'tke cryptounit-mk-rotate', { answers: ['y', ...PASSWORDS] });
    expect(rot.exitCode).toBe(0);
    expect(rot.transcript).toContain(`${ROTATE_PRECHECK_CONFIRM}\n> `);
    expect(rot.transcript).toContain(M2_REWRAP);
    expect(rot.transcript).toContain(ROTATION_COMPLETED);
    s = await status(sim);
    expect(s.units.every((u) => u.current.vp === newVp && u.new.state === 'Empty')).toBe(true);
    expect(s.keystore).toEqual({ total: 300, usable: 300, lost: 0 });
  });

  test('a wrong key part password fails the load', async () => {
    const sim = await makeSim('key-parts');
    const r = await run(sim, 'tke cryptounit-mk-load', { answers: ['1 2', 'passw0rd', 'nope'] });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain('The password for the master key part is not correct.');
    expect((await status(sim)).units[0]!.new.state).toBe('Empty');
  });

  test('commit without a loaded key and rotate without a committed key report HSM errors', async () => {
    const sim = await makeSim();
    const c = await run(sim, 'tke cryptounit-mk-commit', { answers: PASSWORDS });
    // An Empty register: the SDK's code for a key that is not there, not a threshold refusal.
    expect(c.transcript).toContain(`${HSM_ERROR_LINE}\nReturn code: 96\nReason code: \nError message: A requested key`);
    const r = await run(sim, 'tke cryptounit-mk-rotate', { answers: ['n', ...PASSWORDS] });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain('Return code: 96');
  });

  test('mk-add writes a part; mks lists it; bad flags fail', async () => {
    const sim = await makeSim();
    const value = 'ab'.repeat(32);
    const typed = await run(sim, 'tke mk-add --value', { answers: [value.toUpperCase(), 'part-x', 'pw', 'pw'] });
    expect(typed.exitCode).toBe(0);
    expect(typed.transcript).toContain(`${MKPART_VALUE_PROMPT}\n> \n${MKPART_DESCRIPTION_PROMPT}\n> `);
    expect((await run(sim, 'tke mk-add --random', { answers: ['part-y', 'pw', 'pw'] })).exitCode).toBe(0);
    const r = await run(sim, 'tke mks');
    expect(r.transcript).toMatch(/^1 {8}part-x {8}[0-9A-F]{64}$/m);
    expect(await sim.ws.openMkPart(1, 'pw')).toBe(value);
    expect((await run(sim, 'tke mk-add')).exitCode).toBe(1);
  });

  test('mk-add takes no key part on the command line and never prints one back', async () => {
    const sim = await makeSim();
    const value = 'cd'.repeat(32);
    for (const words of [`tke mk-add --value ${value}`, `tke mk-add --value=${value}`, `tke mk-add ${value}`]) {
      // Answers that would create a part, had the command taken the value from its arguments or prompted.
      const r = await run(sim, words, { answers: [value, 'part-z', 'pw', 'pw'] });
      expect(r.exitCode).toBe(1);
      expect(r.transcript).not.toMatch(/cdcdcdcd/i);
    }
    const bad = await run(sim, 'tke mk-add --value', { answers: ['not-hex-Zq7', 'part-z', 'pw', 'pw'] });
    expect(bad.exitCode).toBe(1);
    expect(bad.transcript).toContain('The key part value must be 64 hexadecimal digits');
    expect(bad.transcript).not.toContain('not-hex-Zq7');
    expect(bad.transcript).not.toContain(MKPART_DESCRIPTION_PROMPT);
    expect(await sim.ws.listMkParts()).toEqual([]);
  });
});

describe('setimm and clrnew', () => {
  test('setimm warns, needs y, refuses a unit whose new register is not committed', async () => {
    const sim = await makeSim();
    const cancelled = await run(sim, 'tke cryptounit-mk-setimm', { answers: ['n'] });
    expect(cancelled.transcript).toContain(`${SETIMM_WARNING}\nDo you want to continue? (y/N)\n> `);
    const r = await run(sim, 'tke cryptounit-mk-setimm', { answers: ['y', ...PASSWORDS] });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain(HSM_ERROR_LINE);
  });

  test('setimm before re-encryption finished loses the keys still under the old value', async () => {
    const sim = await makeSim();
    await run(sim, 'tke auto-mk-rotate', { fault: 'mid-rewrap' });
    const r = await run(sim, 'tke cryptounit-mk-setimm', { answers: ['y', ...PASSWORDS] });
    expect(r.exitCode).toBe(0);
    expect((await status(sim)).keystore).toEqual({ total: 300, usable: 150, lost: 150 });
  });

  test('clrnew mid-rotation loses the keys already under the new value', async () => {
    const sim = await makeSim();
    await run(sim, 'tke auto-mk-rotate', { fault: 'after-m1' });
    expect((await run(sim, 'tke cryptounit-mk-clrnew', { answers: PASSWORDS })).exitCode).toBe(0);
    const s = await status(sim);
    expect(s.units.every((u) => u.new.state === 'Empty')).toBe(true);
    expect(s.keystore).toEqual({ total: 300, usable: 270, lost: 30 });
    expect(s.instances[0]!.autoRotateInProgress).toBe(false);
  });
});

describe('usage and sim verbs', () => {
  test.each([
    ['bogus', "'bogus' is not a registered command. See 'ibmcloud help'."],
    ['tke bogus', "'bogus' is not a registered command. See 'ibmcloud tke help'."],
    ['tke cryptounits --x', 'Incorrect Usage: flag provided but not defined: --x'],
    ['tke cryptounits extra', 'Incorrect Usage: unexpected argument extra'],
    ['login --bad', 'Incorrect Usage: flag provided but not defined: --bad'],
    ['sim reset --scenario nope', "Unknown scenario 'nope'. Run 'ibmcloud-sim sim scenarios' for the list."],
    ['sim reset --keys -3', 'Incorrect Usage: --keys needs a whole number from 0 to 10000000.'],
  ])('%s fails with a reason', async (words, reason) => {
    const sim = await makeSim();
    const r = await run(sim, words);
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain(`FAILED\n${reason}\n`);
  });

  test('sim faults and sim scenarios list one name per line with a description', async () => {
    const sim = await makeSim();
    const f = (await run(sim, 'sim faults')).transcript.trim().split('\n');
    expect(f.map((l) => l.split(/\s+/)[0])).toEqual([...FAULT_POINTS]);
    expect(f.every((l) => l.split(/\s{2,}/).length === 2)).toBe(true);
    const s = (await run(sim, 'sim scenarios')).transcript.trim().split('\n');
    expect(s.map((l) => l.split(/\s+/)[0])).toEqual(SCENARIOS.map((x) => x.name));
    // Name and description stand apart at the first run of two spaces (demo-control.ts takes the
    // scenarios and fault points from SCENARIOS and FAULT_POINTS themselves, without starting the
    // simulator; the CLI user reads them here).
    expect(s.map((l) => l.split(/\s{2,}/)[0])).toEqual(SCENARIOS.map((x) => x.name));
  });

  test('sim reset rebuilds a scenario and removes only the files it made', async () => {
    const sim = await makeSim();
    await run(sim, 'tke auto-mk-rotate');
    expect((await run(sim, 'sim reset --scenario several-instances --seed 7 --keys 42')).exitCode).toBe(0);
    const s = await status(sim);
    expect(s.scenario).toBe('several-instances');
    expect(s.units).toHaveLength(8);
    expect(s.keystore.total).toBe(84);
    expect(s.sigkeys.map((k) => k.keynum)).toEqual([1, 2]);
  });

  test('same seed, same state', async () => {
    const a = await makeSim('default', 10, 5);
    const b = await makeSim('default', 10, 5);
    await run(a, 'tke auto-mk-rotate');
    await run(b, 'tke auto-mk-rotate');
    expect(a.state).toEqual(b.state);
  });

  test('sim status --json units are accepted as classify --registers JSON', async () => {
    const sim = await makeSim();
    const r = await run(sim, 'sim status --json');
    const parsed = JSON.parse(r.transcript) as {
      units: {
        num: number;
        type: string;
        current: { state: string; vp: string };
        new: { state: string; vp: string };
      }[];
    };
    for (const u of parsed.units) {
      expect(u.current.vp).toMatch(/^[0-9a-f]{64}$/);
      expect(u.new).toEqual({ state: 'Empty', vp: '' });
    }
  });
});
