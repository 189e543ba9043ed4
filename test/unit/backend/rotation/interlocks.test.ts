/**
 * The backend interlocks on their own (the rotation service applies them, test/integration/rotation):
 * which commands count as mutating, what a classification refuses, the register check before
 * cryptounit-mk-setimm and the unit lists a partial promotion's recovery accepts.
 */
import { describe, expect, it } from 'vitest';
import {
  deselectProblem,
  forbiddenReason,
  isMutating,
  parseUnitList,
  reselectProblem,
  setimmProblem,
} from '../../../../electron/backend/rotation/interlocks.js';
import {
  classify,
  withRefusedArgv,
  type AdviceStep,
  type Classification,
} from '../../../../shared/classifier/index.js';
import { MUTATING_COMMANDS } from '../../../../shared/tke/commands.js';
import type { RegisterState, UnitRegisters } from '../../../../shared/tke/types.js';
import { autoRotate, NEW_VP, OLD_VP, text } from '../../classifier/tke-text.js';

const OLD = OLD_VP.toLowerCase();
const NEW = NEW_VP.toLowerCase();

function unit(num: number, current: [RegisterState, string], next: [RegisterState, string]): UnitRegisters {
  return {
    num,
    type: 'OPERATIONAL',
    current: { state: current[0], vp: current[1] },
    new: { state: next[0], vp: next[1] },
  };
}
const ready = (num: number, newVp = NEW, oldVp = OLD): UnitRegisters =>
  unit(num, ['Valid', oldVp], ['Full Committed', newVp]);

/** A classification refusing these commands, with the command words the classifier gives each refusal. */
function classification(phase: Classification['phase'], forbidden: readonly AdviceStep[]): Classification {
  return {
    phase,
    flow: 'auto',
    next: [],
    forbidden: forbidden.map(withRefusedArgv),
    evidence: [],
    unitsToDeselect: [],
    failedChecks: [],
  };
}

describe('isMutating', () => {
  it('is true for every TKE command that changes registers or key storage', () => {
    for (const command of MUTATING_COMMANDS) expect(isMutating(['tke', command]), command).toBe(true);
  });

  it('is false for read-only TKE commands, other CLI commands and a bare tke', () => {
    expect(isMutating(['tke', 'cryptounit-mk'])).toBe(false);
    expect(isMutating(['tke', 'cryptounit-compare'])).toBe(false);
    expect(isMutating(['tke'])).toBe(false);
    expect(isMutating([])).toBe(false);
    // A mutating subcommand's name outside `tke` is not a TKE command.
    expect(isMutating(['auto-mk-rotate'])).toBe(false);
    expect(isMutating(['login', 'auto-mk-rotate'])).toBe(false);
  });
});

describe('forbiddenReason', () => {
  it('refuses a command the classification forbids, with the classification reason', () => {
    const c = classification('rewrap-interrupted', [
      { command: 'ibmcloud tke auto-mk-rotate', why: 'M1 was printed.' },
    ]);
    expect(forbiddenReason(c, ['tke', 'auto-mk-rotate'])).toBe(
      'ibmcloud tke auto-mk-rotate is refused: M1 was printed.',
    );
    expect(forbiddenReason(c, ['tke', 'auto-mk-rotate', '--extra'])).toBe(
      'ibmcloud tke auto-mk-rotate is refused: M1 was printed.',
    );
  });

  it('refuses a command whose forbidden entry is written with arguments', () => {
    const c = classification('rewrap-complete', [
      { command: 'ibmcloud tke cryptounit-rm <units>', why: 'Not these units.' },
    ]);
    expect(forbiddenReason(c, ['tke', 'cryptounit-rm'])).toBe(
      'ibmcloud tke cryptounit-rm is refused: Not these units.',
    );
  });

  it('does not refuse a command that is only a prefix of a forbidden one', () => {
    const c = classification('rewrap-interrupted', [{ command: 'ibmcloud tke cryptounit-mk-load', why: 'x' }]);
    expect(forbiddenReason(c, ['tke', 'cryptounit-mk'])).toBeNull();
    expect(forbiddenReason(c, ['tke', 'cryptounit-mk-rotate'])).toBeNull();
  });

  it('refuses every mutating command when the phase is indeterminate, even if none is listed', () => {
    const c: Classification = { ...classification('indeterminate', []), indeterminateCause: 'contradiction' };
    expect(forbiddenReason(c, ['tke', 'cryptounit-mk-clrnew'])).toBe(
      'ibmcloud tke cryptounit-mk-clrnew is refused: the evidence is contradictory (indeterminate), so no command that changes ' +
        'registers or key storage may run. Read the registers and contact IBM support.',
    );
    expect(forbiddenReason(c, ['tke', 'cryptounit-mk'])).toBeNull();
  });

  it.each([
    [
      'contradiction',
      /: the evidence is contradictory \(indeterminate\), .* Read the registers and contact IBM support\.$/,
    ],
    ['defect', /: the advisor found a defect in its own advice \(indeterminate\), .* contact IBM support\.$/],
    [
      'unfinished',
      /: how far the last command got is not known: its end was not seen \(indeterminate\), .* until the registers are read\. Read the registers first\.$/,
    ],
    [
      'undocumented',
      /: how far the rotation got rests on output IBM does not document \(indeterminate\), .* until the registers are read\. Read the registers first\.$/,
    ],
  ] as const)("refuses while indeterminate for its cause (%s), in that cause's words", (cause, words) => {
    const c: Classification = { ...classification('indeterminate', []), indeterminateCause: cause };
    const refusal = forbiddenReason(c, ['tke', 'auto-mk-rotate']);
    expect(refusal).toMatch(/^ibmcloud tke auto-mk-rotate is refused/);
    expect(refusal).toMatch(words);
    expect(refusal).toContain('so no command that changes registers or key storage may run');
  });

  it('words the refusal of an indeterminate state as its cause: missing evidence is not called contradictory', () => {
    const lost: Classification = { ...classification('indeterminate', []), indeterminateCause: 'unfinished' };
    const refusal = forbiddenReason(lost, ['tke', 'cryptounit-mk-clrnew']);
    expect(refusal).toMatch(/^ibmcloud tke cryptounit-mk-clrnew is refused: how far the last command got is not known/);
    expect(refusal).not.toContain('contradictory');
    // Recorded without a cause (an older journal): refused all the same, in neutral words.
    const bare = forbiddenReason(classification('indeterminate', []), ['tke', 'cryptounit-mk-clrnew']);
    expect(bare).toMatch(/is refused: the evidence does not establish the state \(indeterminate\)/);
    expect(forbiddenReason(lost, ['tke', 'cryptounit-mk'])).toBeNull();
  });

  it('lets a mutating command through when the phase allows it and nothing forbids it', () => {
    expect(forbiddenReason(classification('rewrap-interrupted', []), ['tke', 'cryptounit-mk-rotate'])).toBeNull();
  });

  it('applies a real classification: after M1, auto-mk-rotate is refused and cryptounit-mk-rotate is not', () => {
    const c = classify({ transcripts: [{ file: 'a.txt', text: text(autoRotate('after-m1')) }] });
    expect(forbiddenReason(c, ['tke', 'auto-mk-rotate'])).toMatch(
      /^ibmcloud tke auto-mk-rotate is refused: M1 \("Delaying 30 seconds/,
    );
    expect(forbiddenReason(c, ['tke', 'cryptounit-mk-rotate'])).toBeNull();
  });
});

describe('setimmProblem', () => {
  it('accepts every new register ready with one pattern over every current register Valid with another', () => {
    expect(setimmProblem([ready(1), ready(2)])).toBeNull();
    // IBM documents the ready state as Valid too.
    expect(setimmProblem([unit(1, ['Valid', OLD], ['Valid', NEW])])).toBeNull();
  });

  it('compares patterns on their first 56 hex digits (older firmware keeps a non-zero tail)', () => {
    const tail = (vp: string, t: string) => vp.slice(0, 56) + t;
    expect(
      setimmProblem([
        ready(1, tail(NEW, '00000000'), tail(OLD, '00000000')),
        ready(2, tail(NEW, 'abcdef12'), tail(OLD, '12345678')),
      ]),
    ).toBeNull();
  });

  it('refuses an empty reading', () => {
    expect(setimmProblem([])).toBe('The register reading lists no selected crypto unit.');
  });

  it('names every unit whose new register is not ready, and its state', () => {
    const units = [
      unit(1, ['Valid', NEW], ['Empty', '']),
      ready(2),
      unit(3, ['Valid', OLD], ['Full Uncommitted', NEW]),
    ];
    expect(setimmProblem(units)).toBe(
      'The new master key register of crypto unit 1, 3 is not ready (Empty, Full Uncommitted). If these units were already ' +
        'promoted, deselect them with ibmcloud tke cryptounit-rm first.',
    );
  });

  it('refuses new registers that hold different patterns', () => {
    const other = 'ab'.repeat(32);
    expect(setimmProblem([ready(1), ready(2, other)])).toBe(
      'The new master key registers hold different verification patterns.',
    );
  });

  it('names every unit whose current register is not Valid', () => {
    const units = [
      ready(1),
      unit(2, ['Full Uncommitted', OLD], ['Full Committed', NEW]),
      unit(4, ['Empty', ''], ['Full Committed', NEW]),
    ];
    expect(setimmProblem(units)).toBe('The current master key register of crypto unit 2, 4 is not Valid.');
  });

  it('refuses current registers that hold different patterns', () => {
    const other = 'cd'.repeat(32);
    expect(setimmProblem([ready(1), ready(2, NEW, other)])).toBe(
      'The current master key registers hold different verification patterns.',
    );
  });

  it('refuses when the new registers hold the current key (promoting it would change nothing known)', () => {
    expect(setimmProblem([ready(1, OLD, OLD), ready(2, OLD.toUpperCase(), OLD)])).toBe(
      'The new and current master key registers hold the same verification pattern.',
    );
  });
});

describe('parseUnitList', () => {
  it('reads numbers separated by spaces and/or commas, sorted numerically, without duplicates', () => {
    expect(parseUnitList('3 4')).toEqual([3, 4]);
    expect(parseUnitList('4,3')).toEqual([3, 4]);
    expect(parseUnitList('  10, 9  2 10 ')).toEqual([2, 9, 10]);
    expect(parseUnitList('7')).toEqual([7]);
    expect(parseUnitList('123')).toEqual([123]);
    expect(parseUnitList('3,')).toEqual([3]);
  });

  it('answers null for anything that is not a list of unit numbers', () => {
    for (const answer of ['', '   ', ',', 'a', '3 x', 'x3', '3x', '1234', '-3', '3.5', 'all']) {
      expect(parseUnitList(answer), JSON.stringify(answer)).toBeNull();
    }
  });
});

describe('deselectProblem', () => {
  it('accepts exactly the promoted units in any order', () => {
    expect(deselectProblem('3 10', [10, 3])).toBeNull();
    expect(deselectProblem('10,3', [3, 10])).toBeNull();
  });

  it('refuses an answer that is not a unit list', () => {
    expect(deselectProblem('units 3', [3])).toBe('Enter the crypto unit numbers separated by spaces.');
  });

  it('refuses fewer or more units than the promoted ones, naming both lists sorted', () => {
    expect(deselectProblem('10', [10, 9])).toBe(
      'In this partial promotion exactly the promoted crypto units must be deselected: 9 10 (you entered 10).',
    );
    expect(deselectProblem('2 9 10', [10, 9])).toBe(
      'In this partial promotion exactly the promoted crypto units must be deselected: 9 10 (you entered 2 9 10).',
    );
  });
});

describe('reselectProblem', () => {
  it('accepts exactly the deselected units, in any order, and refuses others beside them', () => {
    expect(reselectProblem('3 4', [4, 3])).toBeNull();
    expect(reselectProblem('1 2 3 4', [3, 4])).toMatch(/1 2 not deselected by the recovery/);
  });

  it('refuses an answer that is not a unit list', () => {
    expect(reselectProblem('', [3])).toBe('Enter the crypto unit numbers separated by spaces.');
  });

  it('refuses leaving a deselected unit out, naming it', () => {
    expect(reselectProblem('3', [3, 4, 5])).toBe(
      'Select again exactly the crypto units deselected during the recovery (3 4 5): 4 5 would stay deselected. ' +
        'IBM requires either all crypto units of an instance or none to be selected.',
    );
  });
});
