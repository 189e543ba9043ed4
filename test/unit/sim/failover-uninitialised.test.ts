/**
 * Failover crypto units as failover-enable leaves them (imprint mode, no master key, not selected)
 * [hs-crypto: enable-failover.md]: auto-mk-rotate selects every unit of the instance, failover units
 * included, and stops at its initial checks; initializing them as IBM's page says (administrators,
 * thresholds, the current master key from a recovery crypto unit with auto-mk-recover) lets the
 * rotation run on every unit, the failover ones included.
 */
import { expect, test } from 'vitest';
import { PRECHECK_FAILED_PREFIX } from '../../../shared/tke/messages.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

const PW = 'passw0rd';

test('the scenario: units 5 and 6 FAILOVER, in imprint mode, no master key, not selected', async () => {
  const sim = await makeSim('failover-uninitialised');
  const s = await status(sim);
  const failover = s.units.filter((u) => u.type === 'FAILOVER');
  expect(failover.map((u) => u.num)).toEqual([5, 6]);
  for (const u of failover) {
    expect(u).toMatchObject({
      selected: false,
      imprint: true,
      admins: [],
      thresholds: { signature: 0, revocation: 0 },
    });
    expect(u.current.state).toBe('Empty');
    expect(u.location).toMatch(/^\[us-east\]/);
  }
  expect(s.selectedUnits).toEqual([1, 2, 3, 4]);
});

test('auto-mk-rotate selects them too and stops at its initial checks, changing nothing', async () => {
  const sim = await makeSim('failover-uninitialised');
  const r = await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS });
  expect(r.exitCode).toBe(1);
  expect(r.transcript).toContain(`${PRECHECK_FAILED_PREFIX} crypto units 5, 6 are in imprint mode.`);
  const s = await status(sim);
  expect(s.selectedUnits).toEqual([1, 2, 3, 4, 5, 6]);
  expect(s.units.every((u) => u.new.state === 'Empty')).toBe(true);
  expect(s.keystore).toEqual({ total: 300, usable: 300, lost: 0 });
});

test('initialized as IBM says, the failover units take part in the rotation', async () => {
  const sim = await makeSim('failover-uninitialised');
  await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS });
  expect((await run(sim, 'tke cryptounit-rm', { answers: ['1 2 3 4'] })).exitCode).toBe(0);
  expect((await status(sim)).selectedUnits).toEqual([5, 6]);
  for (const keynum of ['1', '2']) {
    expect((await run(sim, 'tke cryptounit-admin-add', { answers: [keynum, PW, PW, PW] })).exitCode).toBe(0);
  }
  expect((await run(sim, 'tke cryptounit-thrhld-set', { answers: ['2', '2', PW, PW] })).exitCode).toBe(0);
  expect((await run(sim, 'tke cryptounit-add', { answers: ['3'] })).exitCode).toBe(0);
  const recover = await run(sim, 'tke auto-mk-recover', { answers: PASSWORDS });
  expect(recover.exitCode).toBe(0);
  let s = await status(sim);
  const vp = s.units[0]?.current.vp;
  expect(s.units.filter((u) => u.num >= 5).every((u) => u.current.state === 'Valid' && u.current.vp === vp)).toBe(true);
  expect((await run(sim, 'tke cryptounit-add', { answers: ['1 2 4'] })).exitCode).toBe(0);
  const rotate = await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS });
  expect(rotate.exitCode).toBe(0);
  s = await status(sim);
  const newVp = s.units[0]?.current.vp;
  expect(newVp).not.toBe(vp);
  // The new master key reached every unit, the failover ones included [hs-crypto: instance-initialization-mode.md].
  expect(s.units.every((u) => u.current.vp === newVp && u.new.state === 'Empty')).toBe(true);
  expect(s.keystore).toEqual({ total: 300, usable: 300, lost: 0 });
});
