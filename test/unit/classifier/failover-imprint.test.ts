/**
 * Crypto units in imprint mode, failover units as failover-enable leaves them among them
 * [hs-crypto: enable-failover.md]: they are initialized like the others (only them selected,
 * administrators, thresholds, then the current master key from a recovery crypto unit with
 * auto-mk-recover), never by a command that changes the other units' registers. The failure lines are
 * the inferred initial-condition lines (docs/ibm-strings.md, section 10) and IBM's own wording.
 */
import { describe, expect, test } from 'vitest';
import { classify } from '../../../shared/classifier/index.js';

const HEADER = [
  'API endpoint:     https://cloud.ibm.com',
  'Region:           us-south',
  'User:             admin@example.com',
];
const precheck = (...lines: string[]): string =>
  ['$ ibmcloud tke auto-mk-rotate', ...HEADER, '', 'FAILED', ...lines, ''].join('\n');
const ok = (command: string): string => [`$ ibmcloud tke ${command}`, ...HEADER, '', 'OK', ''].join('\n');
const FAILOVER = precheck(
  'Initial state check failed: crypto units 5, 6 are in imprint mode.',
  'Initial state check failed: the current master key registers are not all Valid with the same verification pattern.',
);
const commands = (next: readonly { command: string }[]): string[] =>
  next.map((a) => a.command.replace('ibmcloud tke ', ''));

describe('units in imprint mode, named by the failure', () => {
  test("IBM's initialization, with the units named: only them selected, administrators, thresholds, the key from a recovery unit", () => {
    const c = classify({ transcripts: [{ file: 'rotate.txt', text: FAILOVER, exit: { code: 1 } }] });
    expect(c.phase).toBe('precheck-failed');
    expect(c.failedChecks).toEqual(['imprint', 'current-mk']);
    expect(commands(c.next)).toEqual([
      'cryptounit-compare',
      'cryptounit-rm',
      'cryptounit-admin-add',
      'cryptounit-thrhld-set',
      'cryptounit-add',
      'auto-mk-recover',
      'auto-mk-rotate',
    ]);
    const why = Object.fromEntries(c.next.map((a) => [a.command.replace('ibmcloud tke ', ''), a.why]));
    expect(why['cryptounit-rm']).toMatch(
      /Initialize crypto unit 5, 6 like the other crypto units.*deselect the others/,
    );
    expect(why['cryptounit-admin-add']).toContain('Install on crypto unit 5, 6 the same administrators');
    expect(why['cryptounit-add']).toContain('Select a recovery crypto unit as well');
    expect(why['auto-mk-recover']).toContain(
      'Transfer the current master key from the recovery crypto unit to crypto unit 5, 6',
    );
    // Each step is a command, its reason and the argv the app runs for it, nothing else (the UI's catalogue keys stay behind).
    expect(c.next.every((a) => Object.keys(a).join() === 'command,why,argv')).toBe(true);
    expect(c.next.every((a) => a.argv !== null && `ibmcloud ${a.argv.join(' ')}` === a.command)).toBe(true);
    // Nothing that changes the other units' master key registers is advised.
    expect(commands(c.next)).not.toContain('cryptounit-zeroize');
    expect(commands(c.next)).not.toContain('cryptounit-mk-clrcur');
  });

  test('each check names its own units: the imprint fix names the units in imprint mode only, once each', () => {
    const text = precheck(
      'Initial state check failed: crypto units 5, 6 are in imprint mode.',
      'Initial state check failed: crypto units 5 are in imprint mode.',
      'Initial state check failed: the new master key registers are not in the required state (crypto units 3).',
    );
    const c = classify({ transcripts: [{ file: 'rotate.txt', text }] });
    expect(c.failedChecks).toEqual(['imprint', 'new-mk']);
    const rm = c.next.find((a) => a.command === 'ibmcloud tke cryptounit-rm')?.why ?? '';
    expect(rm).toContain('Initialize crypto unit 5, 6 like');
    expect(rm).not.toContain('3');
  });

  test('each step done drops out of the advice, in order', () => {
    const transcripts = [{ file: 'rotate.txt', text: FAILOVER }];
    const steps = ['cryptounit-rm', 'cryptounit-admin-add', 'cryptounit-thrhld-set', 'cryptounit-add'];
    for (const [i, step] of steps.entries()) {
      transcripts.push({ file: `${step}.txt`, text: ok(step) });
      const c = classify({ transcripts });
      expect(commands(c.next)[0]).toBe([...steps, 'auto-mk-recover'][i + 1]);
    }
  });

  test('without unit numbers the fix names the units in imprint mode; in the key-part flow the current key is loaded as at initialization', () => {
    const auto = classify({
      transcripts: [{ file: 'r.txt', text: precheck('One or more crypto units are in imprint mode.') }],
    });
    expect(auto.next.find((a) => a.command.endsWith('cryptounit-rm'))?.why).toContain(
      'Initialize the crypto units in imprint mode',
    );
    const load = [
      '$ ibmcloud tke cryptounit-mk-load',
      ...HEADER,
      '',
      'FAILED',
      'Initial state check failed: crypto units 2 are in imprint mode.',
      '',
    ].join('\n');
    const keyparts = classify({ transcripts: [{ file: 'load.txt', text: load }] });
    expect(commands(keyparts.next)).toEqual([
      'cryptounit-compare',
      'cryptounit-rm',
      'cryptounit-admin-add',
      'cryptounit-thrhld-set',
      'cryptounit-mk-load',
      'cryptounit-mk-commit',
      'cryptounit-mk-rotate',
    ]);
    expect(keyparts.next[3]?.why).toContain('load the current master key parts into it as at initialization');
    expect(commands(keyparts.next)).not.toContain('auto-mk-recover');
  });
});
