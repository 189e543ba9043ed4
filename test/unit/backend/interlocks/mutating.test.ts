/**
 * isMutating decides which commands need an open rotation, are refused while the state is
 * indeterminate, and wait for an imported run's review; forbiddenReason matches a command against
 * the classification's forbidden list. Neither may be fooled by aliases, flags or letter case.
 */
import { describe, expect, it } from 'vitest';
import { forbiddenReason, isMutating, mutatingCommandOf } from '../../../../electron/backend/rotation/interlocks.js';
import { withRefusedArgv } from '../../../../shared/classifier/commands.js';
import type { Classification } from '../../../../shared/classifier/types.js';
import { MUTATING_COMMANDS } from '../../../../shared/tke/commands.js';
import { SITUATIONS } from './situations.js';

const READ_ONLY = [
  'cryptounits',
  'cryptounit-compare',
  'cryptounit-mk',
  'cryptounit-mks',
  'cryptounit-thrhlds',
  'cryptounit-admins',
  'sigkeys',
  'mks',
  'sigkey-sel',
  'cryptounit-add',
  'cryptounit-rm',
  'mk-add',
  'help',
];

describe('isMutating', () => {
  it('is true for each command of MUTATING_COMMANDS', () => {
    expect(MUTATING_COMMANDS).toHaveLength(22);
    for (const command of MUTATING_COMMANDS) expect(isMutating(['tke', command]), command).toBe(true);
  });

  it('is false for listings and selection commands, login and nothing at all', () => {
    for (const command of READ_ONLY) expect(isMutating(['tke', command]), command).toBe(false);
    expect(isMutating(['login', '--sso'])).toBe(false);
    expect(isMutating([])).toBe(false);
    expect(isMutating(['tke'])).toBe(false);
  });

  it("knows IBM's other name for auto-mk-recover (auto-recover)", () => {
    expect(mutatingCommandOf(['tke', 'auto-recover'])).toBe('auto-mk-recover');
    expect(isMutating(['tke', 'auto-recover'])).toBe(true);
  });

  it('is not fooled by flags before or after the command', () => {
    expect(isMutating(['tke', 'auto-mk-rotate', '--help'])).toBe(true);
    expect(isMutating(['tke', '--quiet', 'cryptounit-mk-setimm'])).toBe(true);
    expect(isMutating(['tke', '-f', 'cryptounit-zeroize', '--yes'])).toBe(true);
    expect(mutatingCommandOf(['tke', '--output', 'json', 'cryptounit-mk-clrnew'])).toBe('cryptounit-mk-clrnew');
  });

  it('is not fooled by letter case or blanks', () => {
    expect(mutatingCommandOf(['TKE', 'Auto-MK-Rotate'])).toBe('auto-mk-rotate');
    expect(isMutating(['tke', 'CRYPTOUNIT-MK-SETIMM'])).toBe(true);
    expect(isMutating(['tke', ' cryptounit-mk-load '])).toBe(true);
    expect(isMutating(['tke', 'AUTO-RECOVER'])).toBe(true);
  });

  it('does not take a near name for a mutating command', () => {
    expect(isMutating(['tke', 'auto-mk-rotatex'])).toBe(false);
    expect(isMutating(['tke', 'cryptounit-mk'])).toBe(false);
    expect(isMutating(['login', 'auto-mk-rotate'])).toBe(false);
    // Only the words after `tke` name the TKE command: a word before it is another ibmcloud argument.
    expect(mutatingCommandOf(['cryptounit-zeroize', 'tke', 'cryptounits'])).toBeNull();
  });
});

describe('forbiddenReason', () => {
  const m1 = SITUATIONS['M1, not M2'].classification();
  const indeterminate = SITUATIONS['auto-mk-rotate end not seen'].classification();

  it('names the command as typed and gives the classification why', () => {
    const reason = forbiddenReason(m1, ['tke', 'auto-mk-rotate']);
    const why = m1.forbidden.find((f) => f.command === 'ibmcloud tke auto-mk-rotate')?.why ?? 'missing';
    expect(reason).toBe(`ibmcloud tke auto-mk-rotate is refused: ${why}`);
    expect(forbiddenReason(m1, ['tke', 'cryptounit-mk-rotate'])).toBeNull();
  });

  it('refuses a forbidden command however it is written (flags, case, alias)', () => {
    expect(forbiddenReason(m1, ['tke', 'auto-mk-rotate', '--force'])).toMatch(/is refused: M1/);
    expect(forbiddenReason(m1, ['tke', 'AUTO-MK-ROTATE'])).toMatch(/is refused: M1/);
    expect(forbiddenReason(m1, ['tke', '-q', 'auto-mk-rotate'])).toMatch(/is refused: M1/);
    const alias = forbiddenReason(m1, ['tke', 'auto-recover']);
    expect(alias).toMatch(/^ibmcloud tke auto-recover is refused: auto-mk-recover copies/);
  });

  it('refuses every mutating command, and its alias, while indeterminate', () => {
    for (const command of [...MUTATING_COMMANDS, 'auto-recover']) {
      const refusal = forbiddenReason(indeterminate, ['tke', command]);
      expect(refusal, command).toMatch(new RegExp(`^ibmcloud tke ${command} is refused: `));
    }
    expect(forbiddenReason(indeterminate, ['tke', 'cryptounit-mk'])).toBeNull();
  });

  it('an indeterminate classification refuses mutating commands even when its forbidden list misses them', () => {
    // E.g. a classification journaled by an older version, before the command was listed.
    const bare: Classification = { ...indeterminate, forbidden: [] };
    for (const command of [...MUTATING_COMMANDS, 'auto-recover']) {
      const refusal = forbiddenReason(bare, ['tke', command]);
      // The end of auto-mk-rotate was not seen: missing evidence, worded as such (never "contradictory").
      expect(refusal, command).toMatch(
        /is refused: how far the last command got is not known: its end was not seen \(indeterminate\)/,
      );
    }
    expect(forbiddenReason(bare, ['tke', 'cryptounits'])).toBeNull();
    expect(forbiddenReason({ ...m1, forbidden: [] }, ['tke', 'auto-mk-rotate'])).toBeNull();
  });

  it('matches the forbidden entry exactly, not a longer command that starts alike', () => {
    const only: Classification = {
      ...m1,
      forbidden: [withRefusedArgv({ command: 'ibmcloud tke cryptounit-mk-setimm', why: 'w' })],
    };
    expect(forbiddenReason(only, ['tke', 'cryptounit-mk'])).toBeNull();
    const setimm = forbiddenReason(only, ['tke', 'cryptounit-mk-setimm']);
    expect(setimm).toBe('ibmcloud tke cryptounit-mk-setimm is refused: w');
    const withArgs: Classification = {
      ...m1,
      forbidden: [withRefusedArgv({ command: 'ibmcloud tke cryptounit-rm 1 3', why: 'x' })],
    };
    expect(forbiddenReason(withArgs, ['tke', 'cryptounit-rm'])).toBe('ibmcloud tke cryptounit-rm is refused: x');
  });
});
