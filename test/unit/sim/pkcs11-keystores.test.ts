/**
 * An instance with PKCS #11 keystores enabled, where IBM says not to use auto-mk-rotate
 * [hs-crypto: introduce-master-key-rotation.md]: the simulator refuses it before anything is selected,
 * signed or sent (the wording is inferred), and the key part flow rotates the instance.
 */
import { expect, test } from 'vitest';
import { parseSimState } from '../../../shared/sim/index.js';
import { PKCS11_KEYSTORES_ENABLED, M2_REWRAP } from '../../../shared/tke/messages.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

test('auto-mk-rotate refuses the instance and changes nothing', async () => {
  const sim = await makeSim('pkcs11-keystores');
  expect((await status(sim)).instances[0]?.pkcs11Keystores).toBe(true);
  sim.state.selectedUnits = [1];
  const before = JSON.stringify(sim.state);
  const prompts: string[] = [];
  const r = await run(sim, 'tke auto-mk-rotate', {
    answers: (pending) => {
      prompts.push(pending);
      return 'passw0rd';
    },
  });
  expect(r.exitCode).toBe(1);
  expect(r.transcript).toContain(`FAILED\n${PKCS11_KEYSTORES_ENABLED}`);
  // Nothing asked (no signature key password), nothing selected, nothing changed.
  expect(prompts).toEqual([]);
  expect(JSON.stringify(sim.state)).toBe(before);
  // The flag survives a save and load.
  expect(parseSimState(JSON.parse(JSON.stringify(sim.state)))).toEqual(sim.state);
});

test('the key part flow rotates it with nothing lost', async () => {
  const sim = await makeSim('pkcs11-keystores');
  expect(
    (await run(sim, 'tke cryptounit-mk-load', { answers: ['1 2 3', ...Array(4).fill('passw0rd')] })).exitCode,
  ).toBe(0);
  expect((await run(sim, 'tke cryptounit-mk-commit', { answers: PASSWORDS })).exitCode).toBe(0);
  const rot = await run(sim, 'tke cryptounit-mk-rotate', { answers: ['y', ...PASSWORDS] });
  expect(rot.exitCode).toBe(0);
  expect(rot.transcript).toContain(M2_REWRAP);
  expect((await status(sim)).keystore).toEqual({ total: 300, usable: 300, lost: 0 });
});

test('other instances are not refused', async () => {
  const sim = await makeSim('key-parts');
  expect((await status(sim)).instances[0]?.pkcs11Keystores).toBe(false);
  const r = await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS });
  expect(r.transcript).not.toContain(PKCS11_KEYSTORES_ENABLED);
});
