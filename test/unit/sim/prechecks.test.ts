import { describe, expect, test } from 'vitest';
import {
  AUTH_FAILED_LINES,
  FAILED,
  MULTIPLE_INSTANCES,
  PRECHECK_FAILED_PREFIX,
  PRECHECK_MESSAGES,
} from '../../../shared/tke/messages.js';
import type { ScenarioName } from '../../../shared/sim/index.js';
import { fill } from '../../../shared/sim/format.js';
import { makeSim, run, status } from './helpers.js';

const cases: [ScenarioName, keyof typeof PRECHECK_MESSAGES, string][] = [
  ['imprint-mode', 'imprint', '2'],
  ['threshold-mismatch', 'thresholds', ''],
  ['admin-mismatch', 'admins', ''],
  ['current-mk-mismatch', 'current-mk', ''],
  ['current-mk-cleared', 'current-mk', ''],
  ['new-mk-not-empty', 'new-mk', '3'],
];

describe('auto-mk-rotate pre-checks', () => {
  test.each(cases)('%s fails only pre-check %s and changes nothing', async (scenario, id, units) => {
    const sim = await makeSim(scenario);
    const before = JSON.stringify(sim.state);
    const r = await run(sim, 'tke auto-mk-rotate');
    expect(r.exitCode).toBe(1);
    const failures = r.transcript.split('\n').filter((l) => l.startsWith(PRECHECK_FAILED_PREFIX));
    expect(failures).toEqual([`${PRECHECK_FAILED_PREFIX} ${fill(PRECHECK_MESSAGES[id], { units })}`]);
    expect(r.transcript).toContain(`\n${FAILED}\n`);
    expect(JSON.stringify(sim.state)).toBe(before);
  });

  test('expired token prints the 401 block before any prompt', async () => {
    const sim = await makeSim('expired-token');
    const r = await run(sim, 'tke auto-mk-rotate');
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain([FAILED, ...AUTH_FAILED_LINES].join('\n'));
    expect(r.transcript).not.toContain('password');
  });

  test('login renews the token for one hour', async () => {
    const sim = await makeSim('expired-token');
    expect((await run(sim, 'login --apikey secret-key -r eu-de')).exitCode).toBe(0);
    expect(sim.state.session.tokenExpiresAt).toBe(sim.now() + 3_600_000);
    expect(sim.state.session.region).toBe('eu-de');
    expect(JSON.stringify(sim.state)).not.toContain('secret-key');
    expect((await run(sim, 'tke auto-mk-rotate')).exitCode).toBe(0);
  });

  test('a wrong signature key password fails before anything changes', async () => {
    const sim = await makeSim();
    const before = JSON.stringify(sim.state);
    const r = await run(sim, 'tke auto-mk-rotate', { answers: ['passw0rd', 'wrong'] });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain('The password for the signature key is not correct.');
    expect(JSON.stringify(sim.state)).toBe(before);
  });

  test('admins check fails when too few signature keys are selected', async () => {
    const sim = await makeSim();
    expect((await run(sim, 'tke sigkey-sel', { answers: ['1', 'passw0rd'] })).exitCode).toBe(0);
    const r = await run(sim, 'tke auto-mk-rotate');
    expect(r.transcript).toContain(`${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.admins}`);
  });

  test('several instances: auto-mk-rotate asks for one and selects exactly its units', async () => {
    const sim = await makeSim('several-instances');
    const r = await run(sim, 'tke auto-mk-rotate', { answers: ['2', 'passw0rd', 'passw0rd'] });
    expect(r.exitCode).toBe(0);
    expect(r.transcript).toContain(MULTIPLE_INSTANCES);
    expect(r.transcript).toContain('Enter the INSTANCE NUM of the service instance to use:\n> ');
    expect(sim.state.selectedUnits).toEqual([5, 6, 7, 8]);
    const s = await status(sim);
    expect(s.units.filter((u) => u.num <= 4).every((u) => u.current.vp === s.units[0]!.current.vp)).toBe(true);
    expect(s.units[4]!.current.vp).not.toBe(s.units[0]!.current.vp);
  });

  test('several instances: the key-part flow fails the selection check', async () => {
    const sim = await makeSim('several-instances');
    const r = await run(sim, 'tke cryptounit-mk-rotate');
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain(`${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.selection}`);
  });

  test('an invalid instance number fails', async () => {
    const sim = await makeSim('several-instances');
    const r = await run(sim, 'tke auto-mk-rotate', { answers: ['9'] });
    expect(r.exitCode).toBe(1);
  });
});
