/**
 * A private-only instance [hs-crypto: secure-connection.md]: over the public network its crypto units
 * are not listed [hs-crypto: initialize-hsm-cli.md], so commands find no instance; with
 * TKE_PRIVATE_ADDR set to the region's private endpoint the plug-in reaches it.
 */
import { describe, expect, test } from 'vitest';
import { privateEndpoint } from '../../../shared/sim/endpoint.js';
import { parseSimState } from '../../../shared/sim/index.js';
import { NO_INSTANCES } from '../../../shared/tke/messages.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

describe('a private-only instance', () => {
  test('through the public endpoint: not listed, and auto-mk-rotate finds no instance, changing nothing', async () => {
    const sim = await makeSim('private-only');
    expect((await status(sim)).instances[0]?.privateOnly).toBe(true);
    expect(parseSimState(JSON.parse(JSON.stringify(sim.state)))).toEqual(sim.state);
    const before = JSON.stringify(sim.state);
    const units = await run(sim, 'tke cryptounits');
    expect(units.exitCode).toBe(0);
    expect(units.transcript).not.toContain('CRYPTO UNIT NUM');
    const rotate = await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS });
    expect(rotate.exitCode).toBe(1);
    expect(rotate.transcript).toContain(`FAILED\n${NO_INSTANCES}`);
    expect(JSON.stringify(sim.state)).toBe(before);
    for (const words of ['tke cryptounit-mk', 'tke cryptounit-compare']) {
      expect((await run(sim, words)).transcript, words).not.toContain('CRYPTO UNIT NUM:');
    }
    // ibmcloud target does not change that: the region and group were right.
    const targeted = await run(sim, 'target -r us-south -g default');
    expect(targeted.exitCode).toBe(0);
    expect(targeted.transcript).toContain('Targeted region us-south');
    expect((await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS })).transcript).toContain(NO_INSTANCES);
  });

  test('through the private endpoint (TKE_PRIVATE_ADDR): listed and rotated; another address reaches nothing more', async () => {
    const sim = await makeSim('private-only');
    sim.privateAddr = 'https://tke.us-south.hs-crypto.cloud.ibm.com';
    expect((await run(sim, 'tke cryptounits')).transcript).not.toContain('CRYPTO UNIT NUM');
    sim.privateAddr = privateEndpoint('eu-de');
    expect((await run(sim, 'tke cryptounits')).transcript).not.toContain('CRYPTO UNIT NUM');
    sim.privateAddr = `${privateEndpoint('us-south')}/`;
    expect(privateEndpoint('us-south')).toBe('https://tke.private.us-south.hs-crypto.cloud.ibm.com');
    expect((await run(sim, 'tke cryptounits')).transcript).toContain('CRYPTO UNIT NUM');
    const rotate = await run(sim, 'tke auto-mk-rotate', { answers: PASSWORDS });
    expect(rotate.exitCode).toBe(0);
    expect((await status(sim)).keystore).toEqual({ total: 300, usable: 300, lost: 0 });
  });

  test('target checks its flags and needs a login', async () => {
    const sim = await makeSim('expired-token');
    expect((await run(sim, 'target -x 1')).transcript).toContain('flag provided but not defined: -x');
    expect((await run(sim, 'target -r')).transcript).toContain('flag needs an argument: -r');
    expect((await run(sim, 'target -r us-south')).transcript).toContain('Not logged in');
  });
});
