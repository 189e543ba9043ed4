/**
 * The interlock table: for each situation (one or more per classifier phase, made from real TKE
 * output) and each command of MUTATING_COMMANDS, the backend's verdict inside an open rotation:
 * run it, read the registers first (setimm), or refuse it, and for what reason. The expected table is
 * written out here from IBM's recovery tables (docs/domain.md 6.1-6.4, docs/classifier.md "Forbidden
 * table"); the code under test only produces the actual one.
 */
import { describe, expect, it } from 'vitest';
import { checkArgv } from '../../../../electron/backend/runner/tke-invocation.js';
import { commandVerdict } from '../../../../electron/backend/rotation/interlocks.js';
import { MUTATING_COMMANDS, type MutatingCommand } from '../../../../shared/tke/messages.js';
import { SITUATIONS, type SituationName } from './situations.js';

/** Why a command is refused, as the reason the backend gives names it. */
const WHY = {
  M1: /M1 \("Delaying 30 seconds to allow server to discover new master key values"\) was printed/,
  STARTED: /has \(or may have\) started; auto-mk-rotate would overwrite the new registers/,
  UNEXPLAINED: /hold a value these transcripts do not explain/,
  CLRNEW: /The new registers hold the master key .*clearing them destroys that value/,
  LOAD: /Loading key parts would replace the new master key/,
  COMMIT: /already committed; a new load\/commit cycle would replace it/,
  M2: /M2 was printed: key storage is already re-encrypted/,
  NO_M2: /M2 \("KMS CRK rewrap successful, waiting on cryptounit-mk-setimm"\) was not seen/,
  CLRCUR: /The current registers hold the master key/,
  ZEROIZE: /must not be zeroized while key storage holds data/,
  INIT: /auto-init initializes the crypto units afresh/,
  RECOVER: /copies a recovery crypto unit's current master key through the new registers/,
  INDET: /does not establish the state safely/,
} as const;
type Why = keyof typeof WHY;
/** `run`: allowed; `read`: setimm runs only after a fresh reading passes setimmProblem; else refused, why. */
type Cell = 'run' | 'read' | Why;

const COLUMNS = MUTATING_COMMANDS;
const row = (...cells: Cell[]): Cell[] => cells;
// Nothing irreversible yet: everything may run but setimm, which only the M2 rows of IBM's tables allow.
const UNTOUCHED = row('run', 'run', 'run', 'run', 'NO_M2', 'run', 'run', 'run', 'run', 'run');
// IBM 6.1 row 2 (M1, not M2): rerunning auto-mk-rotate makes key storage unusable; 6.4: no register
// may be cleared once re-encryption started; zeroize, auto-init, auto-mk-recover destroy the same
// values (docs/domain.md 7); setimm before M2. cryptounit-mk-rotate is the recovery.
const M1_NOT_M2 = row('M1', 'LOAD', 'COMMIT', 'run', 'NO_M2', 'CLRNEW', 'CLRCUR', 'ZEROIZE', 'INIT', 'RECOVER');
// IBM 6.1 rows 3-4, 6.2 rows 2-3: only promotion remains (setimm after reading the registers);
// re-encryption is complete, so cryptounit-mk-rotate is refused too.
const M2 = row('M1', 'LOAD', 'COMMIT', 'M2', 'read', 'CLRNEW', 'CLRCUR', 'ZEROIZE', 'INIT', 'RECOVER');
const INDETERMINATE = row('INDET', 'INDET', 'INDET', 'INDET', 'INDET', 'INDET', 'INDET', 'INDET', 'INDET', 'INDET');

const TABLE: Record<SituationName, Cell[]> = {
  'baseline reading only': UNTOUCHED,
  // IBM: rule out an expired token first; a 401 changed nothing.
  '401 before anything changed': UNTOUCHED,
  // A failed initial condition stopped the command before it touched anything.
  'initial check failed': UNTOUCHED,
  // The new registers hold a value no transcript explains: auto-mk-rotate would overwrite it unasked.
  'uncommitted value, registers alone':
    row('UNEXPLAINED', 'run', 'run', 'run', 'NO_M2', 'run', 'run', 'run', 'run', 'run'),
  // IBM 6.1 row 1: neither M1 nor M2, nothing irreversible: run auto-mk-rotate again.
  'failed before M1': UNTOUCHED,
  'M1, not M2': M1_NOT_M2,
  // The 401 changed nothing; M1 earlier in the rotation still decides (6.4: evidence from every attempt).
  'M1, then a 401 on the recovery': M1_NOT_M2,
  // IBM 6.2 row 1 (no M2): cryptounit-mk-rotate again; re-encryption began without an M1 line.
  'key parts: re-encryption began, no M2':
    row('STARTED', 'LOAD', 'COMMIT', 'run', 'NO_M2', 'CLRNEW', 'CLRCUR', 'ZEROIZE', 'INIT', 'RECOVER'),
  // Registers cannot tell committed from re-encrypting: treated as M1-not-M2 (re-committing the
  // committed key changes nothing, so commit stays allowed).
  'committed key, registers alone (new rotation after a crash)':
    row('STARTED', 'LOAD', 'run', 'run', 'NO_M2', 'CLRNEW', 'CLRCUR', 'ZEROIZE', 'INIT', 'RECOVER'),
  'M1 and M2': M2,
  'M1 and M2, unit 1 promoted': M2,
  // Done: key storage is under the new key, the new registers are Empty. auto-mk-rotate stays refused
  // in this rotation's journal (6.4: once M1, for good); a new rotation starts a new journal.
  'rotation completed': row('M1', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run'),
  // A command whose end was not seen, or evidence that contradicts itself: nothing mutating runs.
  'auto-mk-rotate end not seen': INDETERMINATE,
  'M2, then registers that contradict it': INDETERMINATE,
};

function actualCell(name: SituationName, command: MutatingCommand): string {
  const classification = SITUATIONS[name].classification();
  const verdict = commandVerdict({ classification, awaitingReview: false }, ['tke', command]);
  if (verdict.kind === 'run') return 'run';
  if (verdict.kind === 'read-first') return 'read';
  if (verdict.kind !== 'forbidden') return `unexpected verdict ${verdict.kind}`;
  if (!verdict.message.startsWith(`ibmcloud tke ${command} is refused: `)) return `unnamed refusal: ${verdict.message}`;
  const whys = (Object.keys(WHY) as Why[]).filter((w) => WHY[w].test(verdict.message));
  return whys.length === 1 ? (whys[0] ?? '') : `unrecognised refusal: ${verdict.message}`;
}

describe('the interlock table: each phase x each mutating command', () => {
  it('covers every classifier phase', () => {
    const phases = new Set(Object.values(SITUATIONS).map((s) => s.phase));
    expect([...phases].sort()).toEqual([
      'auth-expired', 'completed', 'failed-before-new-key', 'indeterminate', 'no-rotation', 'partially-promoted',
      'precheck-failed', 'rewrap-complete', 'rewrap-interrupted',
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

  it('the four commands outside the app vocabulary never run, whatever the phase; the table still refuses them', () => {
    const outside = ['cryptounit-mk-clrcur', 'cryptounit-zeroize', 'auto-init', 'auto-mk-recover', 'auto-recover'];
    for (const command of outside) {
      expect(() => checkArgv(['tke', command]), command).toThrow(/Not a command this app runs/);
    }
    for (const command of ['auto-mk-rotate', 'cryptounit-mk-load', 'cryptounit-mk-commit', 'cryptounit-mk-rotate',
      'cryptounit-mk-setimm', 'cryptounit-mk-clrnew']) {
      expect(() => checkArgv(['tke', command]), command).not.toThrow();
    }
  });
});

describe('outside a rotation and before an imported run is reviewed', () => {
  it('no mutating command runs without an open rotation; listings do', () => {
    for (const command of MUTATING_COMMANDS) {
      expect(commandVerdict(null, ['tke', command])).toEqual({
        kind: 'needs-rotation',
        message: expect.stringMatching(new RegExp(`^ibmcloud tke ${command} changes registers or key storage: start`)),
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
