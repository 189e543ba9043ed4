/**
 * The simulator with a signing service (TKE_SIGNSERV_URL) [hs-crypto: signing-service.md]: the
 * `sigkey` commands do nothing, signatures come from the SIGNSERVKEYS keys (a missing token is asked,
 * hidden), the service's failures are the SDK's lines, and a short key list fails the administrators'
 * initial check before anything changes.
 */
import { describe, expect, test } from 'vitest';
import {
  countAllKeys,
  parseSimState,
  type MemorySim,
  SCENARIO_SIGNSERV_URL,
  SCENARIO_TOKEN,
} from '../../../shared/sim/index.js';
import { CATALOGUE } from '../../../shared/tke/catalogue.js';
import { INFERRED_LINES } from '../../../shared/tke/catalogue-inferred.js';
import { PRECHECK_ADMINS_SIGNSERV, PRECHECK_FAILED_PREFIX, PRECHECK_MESSAGES } from '../../../shared/tke/messages.js';
import { makeSim, run, status } from './helpers.js';

const TOKEN_PROMPT = INFERRED_LINES.signServTokenPrompt.text;

describe('signing service in the simulator', () => {
  test('the scenario: no signature key file, the service address set, SIGNSERVKEYS without tokens', async () => {
    const sim = await makeSim('signing-service');
    expect(sim.signServUrl).toBe(SCENARIO_SIGNSERV_URL);
    expect(await sim.ws.listSigkeys()).toEqual([]);
    const file = await sim.ws.readSignServKeys();
    expect(JSON.parse(file ?? 'null')).toEqual([{ key: 'admin1-key' }, { key: 'admin2-key' }]);
    expect(file).not.toContain(SCENARIO_TOKEN);
    expect(JSON.stringify(sim.state)).not.toContain(SCENARIO_TOKEN);
    // The state (with its service) survives a save and load.
    expect(parseSimState(JSON.parse(JSON.stringify(sim.state)))).toEqual(sim.state);
  });

  test.each(['sigkeys', 'sigkey-sel', 'sigkey-add', 'sigkey-rm'])(
    '%s does nothing with a signing service',
    async (command) => {
      const sim = await makeSim('signing-service');
      const before = JSON.stringify(sim.state);
      const r = await run(sim, `tke ${command}`, { answers: [] });
      expect(r.exitCode).toBe(0);
      expect(r.transcript.trimEnd().split('\n').at(-1)).toBe('OK');
      expect(r.transcript).not.toContain('KEYNUM');
      expect(JSON.stringify(sim.state)).toBe(before);
    },
  );

  test('auto-mk-rotate asks each token, hidden, after the key name, and rotates with 0 keys lost', async () => {
    const sim = await makeSim('signing-service');
    const prompts: string[] = [];
    const r = await run(sim, 'tke auto-mk-rotate', {
      answers: (pending) => {
        prompts.push(pending);
        return pending.includes(TOKEN_PROMPT) ? SCENARIO_TOKEN : undefined;
      },
    });
    expect(r.exitCode).toBe(0);
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toContain(`${TOKEN_PROMPT}\nadmin1-key\n`);
    expect(prompts[1]).toContain(`${TOKEN_PROMPT}\nadmin2-key\n`);
    expect(r.transcript).not.toContain(SCENARIO_TOKEN);
    const s = await status(sim);
    expect(new Set(s.units.map((u) => u.current.vp)).size).toBe(1);
    expect(countAllKeys(sim.state)).toEqual({ total: 300, usable: 300, lost: 0 });
    expect(s.instances[0]?.wrapped).toEqual([{ vp: s.units[0]?.current.vp, count: 300 }]);
  });

  test('a token written in SIGNSERVKEYS is used without a prompt', async () => {
    const sim = await makeSim('signing-service');
    await sim.ws.writeSignServKeys(
      JSON.stringify([
        { key: 'admin1-key', token: SCENARIO_TOKEN },
        { key: 'admin2-key', token: SCENARIO_TOKEN },
      ]),
    );
    const r = await run(sim, 'tke auto-mk-rotate', { answers: [] });
    expect(r.exitCode).toBe(0);
    expect(r.transcript).not.toContain(TOKEN_PROMPT);
  });

  test('one listed key for a threshold of 2: the administrators check fails, nothing changes', async () => {
    const sim = await makeSim('signing-service-short');
    const before = JSON.stringify(sim.state.instances);
    const r = await run(sim, 'tke auto-mk-rotate', { answers: [SCENARIO_TOKEN] });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain(`${PRECHECK_FAILED_PREFIX} ${PRECHECK_ADMINS_SIGNSERV}`);
    expect(JSON.stringify(sim.state.instances)).toBe(before);
  });

  type Change = (s: MemorySim) => Promise<void>;
  const cases: [string, Change, string, string[]][] = [
    ['a wrong token', async () => undefined, 'wrong', ['Status code: 401', 'Message: Unauthorized']],
    [
      'a key the service does not hold',
      (s) => s.ws.writeSignServKeys('[{"key":"nobody"}]'),
      SCENARIO_TOKEN,
      ['Status code: 404', 'Message: Not Found'],
    ],
    [
      'another service address',
      async (s) => void (s.signServUrl = 'https://elsewhere.example.com'),
      SCENARIO_TOKEN,
      ['Message: connection refused'],
    ],
  ];
  test.each(cases)('%s: the SDK’s error line, nothing sent', async (_name, change, token, tail) => {
    const sim = await makeSim('signing-service');
    await change(sim);
    const before = JSON.stringify(sim.state.instances);
    const r = await run(sim, 'tke auto-mk-rotate', { answers: [token, token] });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain(['FAILED', CATALOGUE.signServPublicKey.text, ...tail].join('\n'));
    expect(JSON.stringify(sim.state.instances)).toBe(before);
  });

  test.each(['', 'not json', '[]', '[{"token":"x"}]', '{"key":"admin1-key"}'])(
    'SIGNSERVKEYS %j is refused before anything is signed',
    async (text) => {
      const sim = await makeSim('signing-service');
      await sim.ws.writeSignServKeys(text);
      const r = await run(sim, 'tke auto-mk-rotate', { answers: [] });
      expect(r.exitCode).toBe(1);
      expect(r.transcript).toContain(INFERRED_LINES.signServKeysMissing.text);
      expect(r.transcript).not.toContain('Generating');
    },
  );

  test('cryptounit-admin-add installs a service key by its identifier and token', async () => {
    const sim = await makeSim('signing-service');
    sim.state.signingService?.keys.push({
      name: 'admin3-key',
      ski: 'a'.repeat(64),
      tokenDigest: sim.state.signingService.keys[0]?.tokenDigest ?? '',
    });
    const r = await run(sim, 'tke cryptounit-admin-add', {
      answers: ['admin3-key', SCENARIO_TOKEN, SCENARIO_TOKEN, SCENARIO_TOKEN],
    });
    expect(r.exitCode).toBe(0);
    expect(r.transcript).toContain(INFERRED_LINES.signServKeyPrompt.text);
    expect((await status(sim)).units.every((u) => u.admins.some((a) => a.name === 'admin3-key'))).toBe(true);
  });

  test('without TKE_SIGNSERV_URL the same workstation has no key to sign with', async () => {
    const sim = await makeSim('signing-service');
    delete sim.signServUrl;
    const r = await run(sim, 'tke auto-mk-rotate', { answers: [] });
    expect(r.exitCode).toBe(1);
    expect(r.transcript).toContain(`${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.admins}`);
  });
});
