/**
 * A command run as the advice must be exactly one the classification advises, word for word: a
 * command that only shares a prefix with it, adds a word or differs in letter case is refused. And a
 * refusal matches its command by the command words, never by a typed prefix.
 */
import { describe, expect, it } from 'vitest';
import {
  adviceProblem,
  commandVerdict,
  forbiddenReason,
  refusalKey,
  sameArgv,
} from '../../../../electron/backend/rotation/interlocks.js';
import { withArgv, withRefusedArgv } from '../../../../shared/classifier/commands.js';
import type { AdviceStep, Classification } from '../../../../shared/classifier/types.js';

function classification(
  phase: Classification['phase'],
  next: readonly AdviceStep[],
  forbidden: readonly AdviceStep[] = [],
): Classification {
  return {
    phase,
    flow: 'auto',
    next: next.map(withArgv),
    forbidden: forbidden.map(withRefusedArgv),
    evidence: [],
    unitsToDeselect: [],
    failedChecks: [],
  };
}

const M2 = classification('rewrap-complete', [
  { command: 'ibmcloud tke cryptounit-rm', why: 'Deselect the promoted units first.' },
  { command: 'ibmcloud tke cryptounit-mk-setimm', why: 'Promote the new master key.' },
]);

describe('a command run as the advice', () => {
  it('runs when it is exactly an advised argv', () => {
    expect(adviceProblem(M2, ['tke', 'cryptounit-rm'])).toBeNull();
    expect(adviceProblem(M2, ['tke', 'cryptounit-mk-setimm'])).toBeNull();
    expect(commandVerdict({ classification: M2, awaitingReview: false }, ['tke', 'cryptounit-rm'], true)).toEqual({
      kind: 'run',
    });
  });

  it('is refused when it only shares a prefix with the advice, adds a word or changes case', () => {
    for (const argv of [
      ['tke', 'cryptounit-mk'],
      ['tke', 'cryptounit-rm', '3'],
      ['tke'],
      ['TKE', 'cryptounit-rm'],
      ['tke', 'cryptounit-mk-setimm', '--force'],
    ]) {
      expect(adviceProblem(M2, argv), argv.join(' ')).toBe(
        `ibmcloud ${argv.join(' ')} is not the advised command (advised: ibmcloud tke cryptounit-rm; ibmcloud tke cryptounit-mk-setimm).`,
      );
    }
    const verdict = commandVerdict({ classification: M2, awaitingReview: false }, ['tke', 'cryptounit-mk'], true);
    expect(verdict).toEqual({
      kind: 'forbidden',
      message: expect.stringMatching(/^ibmcloud tke cryptounit-mk is not the advised command/),
    });
  });

  it('is refused when nothing the app runs is advised', () => {
    const outside = classification('precheck-failed', [
      { command: 'ibmcloud target -r <region> -g <resource_group>', why: 'Target the region first.' },
    ]);
    expect(outside.next[0]?.argv).toBeNull();
    expect(adviceProblem(outside, ['target'])).toBe(
      'ibmcloud target is not the advised command: nothing the app runs is advised now.',
    );
  });

  it('is not checked against the advice when the command was picked by hand', () => {
    expect(commandVerdict({ classification: M2, awaitingReview: false }, ['tke', 'cryptounit-mk'])).toEqual({
      kind: 'run',
    });
  });

  it('meets the refusals first: a forbidden command stays refused for its own reason even if advised', () => {
    const both = classification(
      'rewrap-complete',
      [{ command: 'ibmcloud tke auto-mk-rotate', why: 'never advised like this' }],
      [{ command: 'ibmcloud tke auto-mk-rotate', why: 'M1 was printed.' }],
    );
    expect(commandVerdict({ classification: both, awaitingReview: false }, ['tke', 'auto-mk-rotate'], true)).toEqual({
      kind: 'forbidden',
      message: 'ibmcloud tke auto-mk-rotate is refused: M1 was printed.',
    });
  });
});

describe('refusals matched on command words', () => {
  it('compares argv word for word', () => {
    expect(sameArgv(['tke', 'a'], ['tke', 'a'])).toBe(true);
    expect(sameArgv(['tke', 'a'], ['tke', 'a', 'b'])).toBe(false);
    expect(sameArgv(['tke', 'a', 'b'], ['tke', 'a'])).toBe(false);
    expect(sameArgv(['tke', 'a'], ['tke', 'b'])).toBe(false);
    expect(sameArgv([], [])).toBe(true);
  });

  it('keys a mutating command by its name however written, any other by its command words', () => {
    expect(refusalKey(['tke', '-q', 'AUTO-RECOVER', '--yes'])).toEqual(['tke', 'auto-mk-recover']);
    expect(refusalKey(['tke', 'cryptounit-rm', '1', '3'])).toEqual(['tke', 'cryptounit-rm']);
    expect(refusalKey(['login', '--sso'])).toEqual(['login']);
  });

  it('refuses a non-mutating command the classification forbids, whatever its arguments, and not a longer name', () => {
    const c = classification('partially-promoted', [], [{ command: 'ibmcloud tke cryptounit-rm', why: 'Not now: x.' }]);
    expect(forbiddenReason(c, ['tke', 'cryptounit-rm', '2'])).toBe(
      'ibmcloud tke cryptounit-rm is refused: Not now: x.',
    );
    expect(forbiddenReason(c, ['tke', 'cryptounit-rmx'])).toBeNull();
    const login = classification('auth-expired', [], [{ command: 'ibmcloud login', why: 'Not now: y.' }]);
    expect(forbiddenReason(login, ['login', '--sso'])).toBe('ibmcloud login is refused: Not now: y.');
  });

  it('ignores a refusal the app does not run (a TKE application action)', () => {
    const c = classification(
      'rewrap-complete',
      [],
      [{ command: 'TKE application: Set immediate', why: 'M2 was not seen.' }],
    );
    expect(c.forbidden[0]?.argv).toBeNull();
    expect(forbiddenReason(c, ['tke', 'cryptounit-mk-setimm'])).toBeNull();
  });
});
