/**
 * What the added administrator, threshold, control point, failover and key-file commands do in the
 * simulator, the refusals the SDK's table gives for each cause, and that the new state survives a
 * save and load (older state files without it still load).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseSimState } from '../../../shared/sim/index.js';
import { EP11_CODES, type Ep11Code } from '../../../shared/tke/ep11-codes.js';
import { HSM_ERROR_LINE } from '../../../shared/tke/messages.js';
import { makeSim, PASSWORDS, run, status } from './helpers.js';

type Sim = Awaited<ReturnType<typeof makeSim>>;
/** The transcript, or the exit code, of one command with its answers. */
const out = async (sim: Sim, words: string, answers: readonly string[] = []): Promise<string> =>
  (await run(sim, words, { answers })).transcript;
const code = async (sim: Sim, words: string, answers: readonly string[] = []): Promise<number> =>
  (await run(sim, words, { answers })).exitCode;

const PW = 'passw0rd';

function refusal(c: Ep11Code): string {
  return `Return code: ${c.returnCode}\nReason code: ${c.reasonCode ?? ''}\nError message: ${c.text}\n`;
}

describe('administrators and thresholds', () => {
  test('admin-add installs a key file’s administrator everywhere; twice is 256/38, a ninth 261/39', async () => {
    const sim = await makeSim();
    await run(sim, 'tke sigkey-add', { answers: ['admin3', 'pw3', 'pw3'] });
    expect(await code(sim, 'tke cryptounit-admin-add', ['3', 'pw3', ...PASSWORDS])).toBe(0);
    const names = async (): Promise<string[]> =>
      (await status(sim)).units.map((u) => u.admins.map((a) => a.name).join());
    expect(await names()).toEqual(Array(4).fill('admin1,admin2,admin3'));
    const twice = await run(sim, 'tke cryptounit-admin-add', { answers: ['3', 'pw3', ...PASSWORDS] });
    expect(twice.transcript).toContain(`${HSM_ERROR_LINE}\n${refusal(EP11_CODES.adminExists)}`);
    for (const u of sim.state.instances[0]?.units ?? []) {
      for (let n = u.admins.length; n < 8; n++) u.admins.push({ name: `x${n}`, ski: String(n).repeat(64) });
    }
    await run(sim, 'tke sigkey-add', { answers: ['admin9', 'pw9', 'pw9'] });
    const ninth = await out(sim, 'tke cryptounit-admin-add', ['4', 'pw9', ...PASSWORDS]);
    expect(ninth).toContain(refusal(EP11_CODES.tooManyAdmins));
  });

  test('admin-add checks the key file’s own password before anything is sent', async () => {
    const sim = await makeSim();
    const r = await run(sim, 'tke cryptounit-admin-add', { answers: ['1', 'wrong'] });
    expect(r.transcript).toContain('The password for the signature key is not correct.');
  });

  test('admin-rm: an unknown SKI is 32/32, one that drops below a threshold 209/66; a spare one goes', async () => {
    const sim = await makeSim();
    const [k1] = await sim.ws.listSigkeys();
    const unknown = await out(sim, 'tke cryptounit-admin-rm', ['ab'.repeat(32), ...PASSWORDS]);
    expect(unknown).toContain(refusal(EP11_CODES.adminNotFound));
    const needed = await out(sim, 'tke cryptounit-admin-rm', [k1?.ski ?? '', ...PASSWORDS]);
    expect(needed).toContain(refusal(EP11_CODES.removeBelowThreshold));
    await run(sim, 'tke sigkey-add', { answers: ['admin3', 'pw3', 'pw3'] });
    await run(sim, 'tke cryptounit-admin-add', { answers: ['3', 'pw3', ...PASSWORDS] });
    expect(await code(sim, 'tke cryptounit-admin-rm', [k1?.ski.toUpperCase() ?? '', ...PASSWORDS])).toBe(0);
    expect((await status(sim)).units.every((u) => u.admins.map((a) => a.name).join() === 'admin2,admin3')).toBe(true);
  });

  test('thrhld-set: above the installed administrators is 209/57; out of 1 to 8 fails before signing', async () => {
    const sim = await makeSim();
    const signature = await out(sim, 'tke cryptounit-thrhld-set', ['3', '2', ...PASSWORDS]);
    expect(signature).toContain(refusal(EP11_CODES.signatureAboveAdmins));
    const revocation = await out(sim, 'tke cryptounit-thrhld-set', ['2', '3', ...PASSWORDS]);
    expect(revocation).toContain(refusal(EP11_CODES.revocationAboveAdmins));
    const zero = await run(sim, 'tke cryptounit-thrhld-set', { answers: ['0'] });
    expect(zero.transcript).toContain("'0' is not a number from 1 to 8.");
    expect(zero.transcript).not.toContain('Enter the password');
    expect(await code(sim, 'tke cryptounit-thrhld-set', ['1', '2', ...PASSWORDS])).toBe(0);
    expect((await status(sim)).units.map((u) => u.thresholds)).toEqual(Array(4).fill({ signature: 1, revocation: 2 }));
  });

  test('leaving imprint mode: administrators (unsigned), then thresholds signed by the new threshold', async () => {
    const sim = await makeSim();
    await run(sim, 'tke cryptounit-zeroize', { answers: [PW] });
    await run(sim, 'tke cryptounit-admin-add', { answers: ['1', PW] });
    // Signed by admin1 and admin2, but only admin1 is installed: an unauthorized signer.
    const early = await run(sim, 'tke cryptounit-thrhld-set', { answers: ['2', '1', ...PASSWORDS] });
    expect(early.transcript).toContain(refusal(EP11_CODES.unauthorizedSigner));
    await run(sim, 'tke cryptounit-admin-add', { answers: ['2', PW] });
    expect(await code(sim, 'tke cryptounit-thrhld-set', ['2', '1', ...PASSWORDS])).toBe(0);
    expect((await status(sim)).units.every((u) => !u.imprint && u.thresholds.signature === 2)).toBe(true);
  });

  test('exit-impr (deprecated) leaves imprint mode with thresholds 1; a unit out of it is refused', async () => {
    const sim = await makeSim();
    expect(await out(sim, 'tke cryptounit-exit-impr', [PW])).toContain(refusal(EP11_CODES.inconsistent));
    await run(sim, 'tke cryptounit-zeroize', { answers: [PW] });
    await run(sim, 'tke cryptounit-admin-add', { answers: ['1', PW] });
    const r = await run(sim, 'tke cryptounit-exit-impr', { answers: [PW] });
    expect(r.transcript).toContain('Deprecated. Use cryptounit-thrhld-set instead.');
    expect((await status(sim)).units.map((u) => u.thresholds)).toEqual(Array(4).fill({ signature: 1, revocation: 1 }));
  });
});

describe('control points', () => {
  test('cp-* set their points; cryptounit-cp shows, sets and resets one by number', async () => {
    const sim = await makeSim();
    await run(sim, 'tke cryptounit-cp-eddsa', { answers: PASSWORDS });
    expect(await out(sim, 'tke cryptounit-compare')).toMatch(/^1 {17}Not Set {7}Set {20}Not Set$/m);
    expect(await code(sim, 'tke cryptounit-cp', ['12', 'set', ...PASSWORDS])).toBe(0);
    const shown = await run(sim, 'tke cryptounit-cp', { answers: ['12', ''] });
    expect(shown.transcript).toContain('CRYPTO UNIT NUM   CONTROL POINT 12\n1                 Set\n');
    expect(shown.transcript).not.toContain('Enter the password');
    await run(sim, 'tke cryptounit-cp', { answers: ['12', 'reset', ...PASSWORDS] });
    const points = sim.state.instances[0]?.units.map((u) => u.controlPoints);
    expect(points).toEqual([1, 2, 3, 4].map(() => ['XCP_CPB_ALG_EC_25519']));
  });
});

describe('failover-enable', () => {
  test('adds failover units in imprint mode, not selected, after y; n changes nothing', async () => {
    const sim = await makeSim();
    const before = JSON.stringify(sim.state.instances);
    expect(await out(sim, 'tke failover-enable', ['2', 'n'])).toContain('Operation cancelled.');
    expect(JSON.stringify(sim.state.instances)).toBe(before);
    const r = await run(sim, 'tke failover-enable', { answers: ['2', 'y'] });
    expect(r.transcript).toContain('2 failover crypto units have been assigned.');
    const added = (await status(sim)).units.filter((u) => u.type === 'FAILOVER');
    expect(added.map((u) => [u.num, u.selected, u.imprint, u.current.state])).toEqual([
      [5, false, true, 'Empty'],
      [6, false, true, 'Empty'],
    ]);
    expect(await code(sim, 'tke failover-enable', ['2', 'y'])).toBe(1);
  });

  test('needs every unit of one instance selected', async () => {
    const sim = await makeSim();
    await run(sim, 'tke cryptounit-rm', { answers: ['4'] });
    const r = await run(sim, 'tke failover-enable', { answers: ['2', 'y'] });
    expect(r.transcript).toContain('Select all crypto units of one service instance with cryptounit-add');
  });
});

describe('key files', () => {
  test('mk-rm and sigkey-rm delete one file; a removed signature key is no longer selected', async () => {
    const sim = await makeSim('key-parts');
    expect(await code(sim, 'tke mk-rm', ['2'])).toBe(0);
    expect((await sim.ws.listMkParts()).map((p) => p.keynum)).toEqual([1, 3]);
    expect(sim.state.simFiles).not.toContain('2.mkpart');
    const ski = (await sim.ws.listSigkeys())[1]?.ski;
    expect(await code(sim, 'tke sigkey-rm', ['2'])).toBe(0);
    expect(sim.state.selectedSigkeys).not.toContain(ski);
    expect(await code(sim, 'tke mk-rm', ['1 3'])).toBe(1);
  });
});

describe('help and state', () => {
  test('tke help names one command; an unknown one fails', async () => {
    const sim = await makeSim();
    expect(await out(sim, 'tke help mk-add')).toContain('ibmcloud tke mk-add --random | --value');
    expect(await out(sim, 'tke h auto-mk-recover')).toContain('auto-recover, auto-mk-recover - Automatically copies');
    expect((await run(sim, 'tke help bogus')).exitCode).toBe(1);
  });

  test('control points and failover units survive a save; a state file from before them still loads', async () => {
    const sim = await makeSim();
    await run(sim, 'tke cryptounit-cp-btc', { answers: PASSWORDS });
    await run(sim, 'tke failover-enable', { answers: ['2', 'y'] });
    const saved = JSON.parse(JSON.stringify(sim.state)) as unknown;
    expect(parseSimState(saved)).toEqual(sim.state);
    const old = JSON.parse(JSON.stringify(sim.state)) as { instances: { units: Record<string, unknown>[] }[] };
    for (const u of old.instances[0]?.units ?? []) delete u.controlPoints;
    expect(typeof parseSimState(old)).toBe('object');
    (old.instances[0]?.units[0] as Record<string, unknown>).controlPoints = ['rm -rf'];
    expect(parseSimState(old)).toMatch(/invalid simulator state at instances\.0\.units\.0\.controlPoints/);
  });

  test('every EP11 code the simulator prints has the text docs/ibm-strings.md gives for it', () => {
    const doc = readFileSync('docs/ibm-strings.md', 'utf8');
    for (const code of Object.values(EP11_CODES) as Ep11Code[]) {
      const id = `ep11-3-${code.returnCode}${code.reasonCode === undefined ? '' : `-${code.reasonCode}`}`;
      const row = doc.split('\n').find((l) => l.startsWith(`| ${id} |`));
      expect(row, id).toContain(`| \`${code.text}\` |`);
    }
  });
});
