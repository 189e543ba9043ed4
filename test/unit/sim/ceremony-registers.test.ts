/**
 * What the added register commands do to the simulated hardware: auto-init, auto-recover, clrcur,
 * zeroize, and the crypto units' refusals (imprint mode, too few signatures, an unauthorized signer,
 * a commit of different values), each with the SDK's code for its cause.
 */
import { describe, expect, test } from 'vitest';
import { CURRENT_VALUES_DIFFER, NO_RECOVERY_UNIT_SET } from '../../../shared/sim/commands/recover.js';
import { NO_RECOVERY_UNIT_INIT } from '../../../shared/sim/commands/auto-init.js';
import { INIT_SCREEN } from '../../../shared/tke/catalogue-screens.js';
import { EP11_CODES, type Ep11Code } from '../../../shared/tke/ep11-codes.js';
import { HSM_ERROR_LINE, OK } from '../../../shared/tke/messages.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

type Sim = Awaited<ReturnType<typeof makeSim>>;
/** The transcript, or the exit code, of one command with its answers. */
const out = async (sim: Sim, words: string, answers: readonly string[] = []): Promise<string> =>
  (await run(sim, words, { answers })).transcript;
const code = async (sim: Sim, words: string, answers: readonly string[] = []): Promise<number> =>
  (await run(sim, words, { answers })).exitCode;

const PW = 'passw0rd';
const ZEROIZE_ANSWERS = [PW];
/** auto-init answers: thresholds 2/2, two administrators from key files 1 and 2, their passwords. */
const INIT_ANSWERS = ['2', '2', '2', '1 2', PW, PW];

function refusal(c: Ep11Code): string {
  const reason = c.reasonCode ?? '';
  return `${HSM_ERROR_LINE}\nReturn code: ${c.returnCode}\nReason code: ${reason}\nError message: ${c.text}\n`;
}

describe('auto-init', () => {
  test('initializes a zeroized instance: administrators, thresholds, one random current value everywhere', async () => {
    const sim = await makeSim();
    expect((await run(sim, 'tke cryptounit-zeroize', { answers: ZEROIZE_ANSWERS })).exitCode).toBe(0);
    const r = await run(sim, 'tke auto-init', { answers: INIT_ANSWERS });
    expect(r.exitCode, r.transcript).toBe(0);
    expect(r.transcript).toContain(`${OK}\n${INIT_SCREEN.done.text}\n${INIT_SCREEN.compareHint.text}\n`);
    expect(r.transcript).toContain('Transferring the master key value to 3 of 3 crypto units....');
    const s = await status(sim);
    const vp = s.units[0]?.current.vp;
    expect(vp).not.toBe('');
    for (const u of s.units) {
      expect(u).toMatchObject({ imprint: false, thresholds: { signature: 2, revocation: 2 } });
      expect(u).toMatchObject({ current: { state: 'Valid', vp }, new: { state: 'Empty' } });
      expect(u.admins.map((a) => a.name)).toEqual(['admin1', 'admin2']);
    }
    // The old key storage went with the zeroized value; a rotation works on the new one.
    expect((await run(sim, 'tke auto-mk-rotate')).exitCode).toBe(0);
  });

  test('refuses an instance whose units are not all in imprint mode, before any change', async () => {
    const sim = await makeSim();
    const before = JSON.stringify(sim.state.instances);
    const r = await run(sim, 'tke auto-init', { answers: INIT_ANSWERS });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain('Crypto units 1, 2, 3, 4 are not in imprint mode.');
    expect(JSON.stringify(sim.state.instances)).toBe(before);
  });

  test('an instance without a recovery crypto unit gets the SDK’s error', async () => {
    const sim = await makeSim();
    await run(sim, 'tke cryptounit-zeroize', { answers: ZEROIZE_ANSWERS });
    for (const u of sim.state.instances[0]?.units ?? []) u.type = 'OPERATIONAL';
    const r = await run(sim, 'tke auto-init', { answers: INIT_ANSWERS });
    expect(r.transcript).toContain(`FAILED\n${NO_RECOVERY_UNIT_INIT}\n`);
  });
});

describe('clearing the current register and recovering it from a recovery unit', () => {
  test('clrcur on one unit keeps the keys (a recovery unit holds the value); auto-recover copies it back', async () => {
    const sim = await makeSim();
    const vp = (await status(sim)).units[0]?.current.vp;
    await run(sim, 'tke cryptounit-rm', { answers: ['2 3 4'] });
    expect(await code(sim, 'tke cryptounit-mk-clrcur', [PW])).toBe(0);
    expect((await status(sim)).units[0]?.current).toEqual({ state: 'Empty', vp: '' });
    expect((await status(sim)).keystore.lost).toBe(0);
    await run(sim, 'tke cryptounit-add', { answers: ['2 3 4'] });
    const r = await run(sim, 'tke auto-mk-recover', { answers: PASSWORDS });
    expect(r.exitCode, r.transcript).toBe(0);
    expect(r.transcript).toContain('Transferring the master key value to 1 of 1 crypto units....');
    const s = await status(sim);
    expect(s.units.map((u) => u.current)).toEqual(s.units.map(() => ({ state: 'Valid', vp })));
    expect(s.keystore).toEqual({ total: 300, usable: 300, lost: 0 });
    expect(await out(sim, 'tke auto-recover', PASSWORDS)).toContain('there is nothing to recover');
  });

  test('clrcur on every unit loses the key storage for good; auto-recover has no source', async () => {
    const sim = await makeSim();
    expect(await code(sim, 'tke cryptounit-mk-clrcur', [PW])).toBe(0);
    expect((await status(sim)).keystore).toEqual({ total: 300, usable: 0, lost: 300 });
    expect(await out(sim, 'tke auto-recover', PASSWORDS)).toContain(`FAILED\n${NO_RECOVERY_UNIT_SET}\n`);
  });

  test('auto-recover refuses units whose current values differ', async () => {
    const sim = await makeSim('current-mk-mismatch');
    const r = await run(sim, 'tke auto-recover', { answers: PASSWORDS });
    expect(r.transcript).toContain(`FAILED\n${CURRENT_VALUES_DIFFER}\n`);
  });

  test('zeroize clears administrators, thresholds and both registers; in imprint mode it is unsigned', async () => {
    const sim = await makeSim();
    expect((await run(sim, 'tke cryptounit-zeroize', { answers: ZEROIZE_ANSWERS })).exitCode).toBe(0);
    for (const u of (await status(sim)).units) {
      expect(u).toMatchObject({ imprint: true, admins: [], current: { state: 'Empty' }, new: { state: 'Empty' } });
    }
    expect((await status(sim)).keystore.lost).toBe(300);
    const again = await run(sim, 'tke cryptounit-zeroize', { answers: [] });
    expect(again.exitCode).toBe(0);
    expect(again.transcript).not.toContain('Enter the password');
  });
});

describe("the crypto units' refusals, with the SDK's code for each cause", () => {
  test('imprint mode: 179, after the signatures were asked', async () => {
    const sim = await makeSim('imprint-mode');
    for (const words of ['tke cryptounit-mk-clrcur', 'tke cryptounit-mk-clrnew', 'tke cryptounit-cp-btc']) {
      const r = await run(sim, words, { answers: PASSWORDS });
      expect(r.transcript, words).toContain(refusal(EP11_CODES.imprint));
    }
  });

  test('too few selected signature keys: 208; a selected key that is not an administrator: 257', async () => {
    const sim = await makeSim();
    await run(sim, 'tke sigkey-sel', { answers: ['1', PW] });
    expect(await out(sim, 'tke cryptounit-cp-btc', PASSWORDS)).toContain(refusal(EP11_CODES.notEnoughSignatures));
    await run(sim, 'tke sigkey-add', { answers: ['outsider', 'pw', 'pw'] });
    await run(sim, 'tke sigkey-sel', { answers: ['3', 'pw'] });
    const r = await run(sim, 'tke cryptounit-mk-clrnew', { answers: ['pw'] });
    expect(r.transcript).toContain(refusal(EP11_CODES.unauthorizedSigner));
  });

  test('committing different new values: 101/48; nothing changes', async () => {
    const sim = await makeSim();
    const values = ['ab', 'cd', 'ab', 'cd'].map((v) => v.repeat(32));
    sim.state.instances[0]?.units.forEach((u, i) => (u.new = { state: 'Full Uncommitted', value: values[i] ?? '' }));
    const r = await run(sim, 'tke cryptounit-mk-commit', { answers: PASSWORDS });
    expect(r.transcript).toContain(refusal(EP11_CODES.commitMismatch));
    expect((await status(sim)).units.every((u) => u.new.state === 'Full Uncommitted')).toBe(true);
  });

  test('loading over a value already in the new register: 209 with no reason code', async () => {
    const sim = await makeSim('key-parts');
    expect(await code(sim, 'tke cryptounit-mk-load', ['1 2', PW, PW, PW])).toBe(0);
    const r = await run(sim, 'tke cryptounit-mk-load', { answers: ['1 3', PW, PW, PW] });
    expect(r.transcript).toContain(refusal(EP11_CODES.inconsistent));
  });
});
