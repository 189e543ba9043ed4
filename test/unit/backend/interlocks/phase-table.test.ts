/**
 * The interlock table: for each situation (one or more per classifier phase, made from real TKE
 * output) and each command of MUTATING_COMMANDS, the backend's verdict inside an open rotation:
 * run it, read the registers first (setimm), or refuse it, and for what reason. The expected table is
 * written out in expected-table.ts from IBM's recovery tables (docs/domain.md 6.1-6.4, docs/classifier.md "Forbidden
 * table"); the code under test only produces the actual one.
 */
import { describe, expect, it } from 'vitest';
import { checkArgv } from '../../../../electron/backend/runner/tke-invocation.js';
import { commandVerdict } from '../../../../electron/backend/rotation/interlocks.js';
import { MUTATING_COMMANDS, type MutatingCommand } from '../../../../shared/tke/commands.js';
import { COLUMNS, TABLE, WHY, whyOf } from './expected-table.js';
import { SITUATIONS, type SituationName } from './situations.js';

function actualCell(name: SituationName, command: MutatingCommand): string {
  const classification = SITUATIONS[name].classification();
  const verdict = commandVerdict({ classification, awaitingReview: false }, ['tke', command]);
  if (verdict.kind === 'run') return 'run';
  if (verdict.kind === 'read-first') return 'read';
  if (verdict.kind !== 'forbidden') return `unexpected verdict ${verdict.kind}`;
  return whyOf(command, verdict.message);
}

describe('the interlock table: each phase x each mutating command', () => {
  it('covers every classifier phase', () => {
    const phases = new Set(Object.values(SITUATIONS).map((s) => s.phase));
    expect([...phases].sort()).toEqual([
      'auth-expired',
      'completed',
      'failed-before-new-key',
      'indeterminate',
      'no-rotation',
      'partially-promoted',
      'precheck-failed',
      'rewrap-complete',
      'rewrap-interrupted',
    ]);
  });

  for (const name of Object.keys(TABLE) as SituationName[]) {
    it(`${name} (${SITUATIONS[name].phase})`, () => {
      expect(SITUATIONS[name].classification().phase).toBe(SITUATIONS[name].phase);
      const actual = Object.fromEntries(COLUMNS.map((c) => [c, actualCell(name, c)]));
      expect(actual).toEqual(Object.fromEntries(COLUMNS.map((c, i) => [c, TABLE[name][i]])));
    });
  }

  it('every refusal reason of the table occurs in it (no reason left untested)', () => {
    const used = new Set(Object.values(TABLE).flat());
    for (const why of Object.keys(WHY)) expect(used, why).toContain(why);
  });

  it('the destroying commands outside the app vocabulary never run, whatever the phase; the table still refuses them', () => {
    const outside = ['cryptounit-mk-clrcur', 'cryptounit-zeroize', 'auto-init', 'auto-recover'];
    for (const command of outside) {
      expect(() => checkArgv(['tke', command]), command).toThrow(/Not a command this app runs/);
    }
    for (const command of [
      'auto-mk-rotate',
      'cryptounit-mk-load',
      'cryptounit-mk-commit',
      'cryptounit-mk-rotate',
      'cryptounit-mk-setimm',
      'cryptounit-mk-clrnew',
      'auto-mk-recover',
    ]) {
      expect(() => checkArgv(['tke', command]), command).not.toThrow();
    }
  });
});

describe('outside a rotation and before an imported run is reviewed', () => {
  it('no mutating command runs without an open rotation; listings do', () => {
    for (const command of MUTATING_COMMANDS) {
      expect(commandVerdict(null, ['tke', command])).toEqual({
        kind: 'needs-rotation',
        message: `ibmcloud tke ${command} changes registers or key storage: start (or resume) a rotation first, so that every step is journaled and checked.`,
      });
    }
    for (const command of ['cryptounits', 'cryptounit-mk', 'cryptounit-compare', 'cryptounit-rm', 'sigkeys']) {
      expect(commandVerdict(null, ['tke', command])).toEqual({ kind: 'run' });
    }
  });

  it('an imported run not yet reviewed refuses every mutating command its evidence allows, and nothing else', () => {
    const classification = SITUATIONS['M1, not M2'].classification();
    const open = { classification, awaitingReview: true };
    expect(commandVerdict(open, ['tke', 'cryptounit-mk-rotate'])).toEqual({
      kind: 'awaiting-review',
      message: expect.stringMatching(/imported from a manual run and its evidence has not been reviewed/),
    });
    expect(commandVerdict(open, ['tke', 'auto-mk-rotate'])).toMatchObject({ kind: 'forbidden' });
    expect(commandVerdict(open, ['tke', 'cryptounit-mk'])).toEqual({ kind: 'run' });
    const reviewed = { classification, awaitingReview: false };
    expect(commandVerdict(reviewed, ['tke', 'cryptounit-mk-rotate'])).toEqual({ kind: 'run' });
  });
});
