// Each branch of the decision table (shared/classifier/decide.ts) with its exact phase and the whole
// ordered list of next commands, for the key-part flow and the registers-only readings, so that a
// change to any one branch, condition or list shows here. The reasons are checked where they carry
// facts (unit numbers, verification patterns).
import { describe, expect, it } from 'vitest';
import { classify, type Classification, type TranscriptInput } from '../../../shared/classifier/index.js';
import { FAILED, HSM_ERROR_LINE, OK, SIGKEY_PASSWORD_WRONG } from '../../../shared/tke/messages.js';
import {
  authFailure,
  autoRotate,
  header,
  login,
  mkRotate,
  mksListing,
  NEW_VP,
  OLD_VP,
  setimm,
  text,
  type UnitSpec,
} from './tke-text.js';

const T = (cmd: string): string => `ibmcloud tke ${cmd}`;
const next = (c: Classification): string[] => c.next.map((a) => a.command);
const files = (...parts: string[][]): TranscriptInput[] =>
  parts.map((lines, i) => ({ file: `#${i + 1}`, text: text(lines) }));
const ok = (cmd: string): string[] => [`$ ibmcloud tke ${cmd}`, ...header(), OK];
const hsmFail = (cmd: string): string[] => [
  `$ ibmcloud tke ${cmd}`,
  ...header(),
  FAILED,
  HSM_ERROR_LINE,
  'Return code: 8',
  'Reason code: 2',
];
const keyparts = (...parts: string[][]): Classification => classify({ flow: 'keyparts', transcripts: files(...parts) });

const untouched = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Empty', ''] });
const committed = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Committed', NEW_VP] });
const uncommitted = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Uncommitted', NEW_VP] });
const promoted = (num: number): UnitSpec => ({ num, current: ['Valid', NEW_VP], new: ['Empty', ''] });

describe('key parts: before the new key is loaded', () => {
  it('nothing run yet: no rotation and nothing advised', () => {
    const c = classify({ flow: 'keyparts', transcripts: files(mksListing([untouched(1), untouched(2)])) });
    expect([c.phase, next(c)]).toEqual(['no-rotation', []]);
  });

  it('the new registers cleared after a load: load the parts again', () => {
    const c = keyparts(ok('cryptounit-mk-load'), ok('cryptounit-mk-clrnew'));
    expect([c.phase, next(c)]).toEqual(['no-rotation', [T('cryptounit-mk-load')]]);
  });

  it('the load failed: load, commit, rotate', () => {
    const c = keyparts(hsmFail('cryptounit-mk-load'));
    expect([c.phase, next(c)]).toEqual([
      'failed-before-new-key',
      [T('cryptounit-mk-load'), T('cryptounit-mk-commit'), T('cryptounit-mk-rotate')],
    ]);
  });
});

describe('key parts: loaded, committed', () => {
  it('loaded: commit, then rotate', () => {
    const c = keyparts(ok('cryptounit-mk-load'));
    expect([c.phase, next(c)]).toEqual(['no-rotation', [T('cryptounit-mk-commit'), T('cryptounit-mk-rotate')]]);
  });

  it('the commit failed: commit again, then rotate', () => {
    const c = keyparts(ok('cryptounit-mk-load'), hsmFail('cryptounit-mk-commit'));
    expect([c.phase, next(c)]).toEqual([
      'failed-before-new-key',
      [T('cryptounit-mk-commit'), T('cryptounit-mk-rotate')],
    ]);
  });

  it('committed: rotate', () => {
    const c = keyparts(ok('cryptounit-mk-load'), ok('cryptounit-mk-commit'));
    expect([c.phase, next(c)]).toEqual(['no-rotation', [T('cryptounit-mk-rotate')]]);
    expect(c.next[0]?.why).toMatch(/^The key parts are loaded and committed/);
  });

  it('the rotation stopped by its initial check: rotate again once fixed', () => {
    const c = keyparts(ok('cryptounit-mk-load'), ok('cryptounit-mk-commit'), mkRotate('precheck'));
    // Confirm with the read-only comparison, fix, rotate.
    expect([c.phase, next(c)]).toEqual([
      'precheck-failed',
      [T('cryptounit-compare'), T('cryptounit-thrhld-set'), T('cryptounit-mk-rotate')],
    ]);
  });

  it('registers alone showing a committed key: re-encryption may have begun, rotate', () => {
    const c = classify({ flow: 'keyparts', transcripts: files(mksListing([committed(1), committed(2)])) });
    expect([c.phase, next(c)]).toEqual(['rewrap-interrupted', [T('cryptounit-mk-rotate')]]);
    expect(c.next[0]?.why).toMatch(/^Every new register holds the same committed new master key/);
  });

  it('different uncommitted values: clear, load, commit', () => {
    const other: UnitSpec = { num: 2, current: ['Valid', OLD_VP], new: ['Full Uncommitted', 'ab'.repeat(32)] };
    const c = keyparts(ok('cryptounit-mk-load'), mksListing([uncommitted(1), other]));
    expect([c.phase, next(c)]).toEqual([
      'failed-before-new-key',
      [T('cryptounit-mk-clrnew'), T('cryptounit-mk-load'), T('cryptounit-mk-commit')],
    ]);
  });
});

describe('recovery-unit flow, registers only', () => {
  it('an uncommitted value with no transcript: clear it, nothing more', () => {
    const r = classify({ transcripts: files(mksListing([uncommitted(1), uncommitted(2)])) });
    expect([r.phase, next(r)]).toEqual(['precheck-failed', [T('cryptounit-mk-clrnew')]]);
  });

  it('an uncommitted value after a failed auto-mk-rotate: clear it, then rotate again', () => {
    const r = classify({ transcripts: files(autoRotate('precheck'), mksListing([uncommitted(1), uncommitted(2)])) });
    expect([r.phase, next(r)]).toEqual([
      'precheck-failed',
      [T('cryptounit-compare'), T('cryptounit-mk-clrnew'), T('auto-mk-rotate')],
    ]);
  });

  it('failed before M1 with registers committed: auto-mk-rotate again (IBM table)', () => {
    const r = classify({ transcripts: files(autoRotate('before-m1')) });
    expect([r.phase, next(r)]).toEqual(['failed-before-new-key', [T('auto-mk-rotate')]]);
  });
});

describe('a partial promotion names the units in its advice', () => {
  it('deselect the promoted units, promote the rest, select them again, compare', () => {
    const c = classify({
      transcripts: files(autoRotate('promote-1'), mksListing([promoted(1), committed(2), committed(3)])),
    });
    expect([c.phase, next(c)]).toEqual([
      'partially-promoted',
      [T('cryptounit-rm'), T('cryptounit-mk-setimm'), T('cryptounit-add'), T('cryptounit-compare')],
    ]);
    expect(c.unitsToDeselect).toEqual([1]);
    expect(c.next[0]?.why).toContain('Deselect crypto units 1:');
    const after = classify({
      transcripts: files(
        autoRotate('promote-1'),
        mksListing([promoted(1), committed(2), committed(3)]),
        ok('cryptounit-rm'),
      ),
    });
    expect(after.unitsToDeselect).toEqual([]);
    expect(after.unitsToReselect).toEqual([1]);
    expect(after.next.find((a) => a.command === T('cryptounit-add'))?.why).toMatch(/^Select crypto units 1 again/);
  });
});

describe('a command whose end was not seen', () => {
  it('after a 401 on the reading: log in, then read', () => {
    const cut = {
      file: '#2',
      text: text(autoRotate('after-m1', { fail: false })),
      exit: { code: null, signal: 'SIGKILL' },
    };
    const c = classify({ transcripts: [cut, { file: '#3', text: text(authFailure('cryptounit-mk')) }] });
    expect(c.phase).toBe('indeterminate');
    expect(next(c)).toEqual(['ibmcloud login', T('cryptounit-mk')]);
    expect(c.next[1]?.why).toMatch(/^Read-only\. \$ ibmcloud tke auto-mk-rotate ended without OK or FAILED/);
  });
});

describe('once re-encryption may have begun, the commands that destroy a key are refused by the classifier itself', () => {
  it('after M1: clear-current, zeroize, auto-init and auto-mk-recover are forbidden, with auto-mk-rotate, load and clear-new', () => {
    const c = classify({ transcripts: files(autoRotate('after-m1')) });
    expect(c.phase).toBe('rewrap-interrupted');
    const refused = c.forbidden.map((a) => a.command);
    for (const cmd of [
      'auto-mk-rotate',
      'cryptounit-mk-clrnew',
      'cryptounit-mk-load',
      'cryptounit-mk-clrcur',
      'cryptounit-zeroize',
      'auto-init',
      'auto-mk-recover',
    ]) {
      expect(refused, cmd).toContain(T(cmd));
    }
  });
});

describe('the reasons carry the facts of the branch they come from', () => {
  it('re-encryption after M1 (auto) and after a key-part rotation without M2 are told apart', () => {
    expect(classify({ transcripts: files(autoRotate('after-m1')) }).next[0]?.why).toMatch(/^M1 was printed but not M2/);
    const keypart = keyparts(ok('cryptounit-mk-load'), ok('cryptounit-mk-commit'), mkRotate('before-m2'));
    expect([keypart.phase, next(keypart)]).toEqual(['rewrap-interrupted', [T('cryptounit-mk-rotate')]]);
    expect(keypart.next[0]?.why).toMatch(/^M2 was not printed/);
  });

  it('a key-part rotation stopped by its initial check is run again as one that never began re-encryption', () => {
    const c = keyparts(ok('cryptounit-mk-load'), ok('cryptounit-mk-commit'), mkRotate('precheck'));
    expect(c.next.at(-1)?.why).toMatch(/^After fixing the failed pre-checks: Re-encryption had not started/);
  });

  it('a partial promotion read before any deselection asks to select "the crypto units deselected during the recovery" again', () => {
    const c = classify({ transcripts: files(mksListing([promoted(1), promoted(2), committed(3)])) });
    expect(c.next.find((a) => a.command === T('cryptounit-add'))?.why).toMatch(
      /^Select the crypto units deselected during the recovery again/,
    );
    expect(c.next[0]?.why).toContain('Deselect crypto units 1, 2:');
    const after = classify({
      transcripts: files(mksListing([promoted(1), promoted(2), committed(3)]), ok('cryptounit-rm')),
    });
    expect(after.next.find((a) => a.command === T('cryptounit-add'))?.why).toMatch(/^Select crypto units 1, 2 again/);
  });

  it('once the units are selected again, none is left to reselect', () => {
    const base = [mksListing([promoted(1), committed(2)]), ok('cryptounit-rm'), setimm(true)];
    expect(classify({ transcripts: files(...base) }).unitsToReselect).toEqual([1]);
    const readded = classify({ transcripts: files(...base, ok('cryptounit-add')) });
    expect(next(readded)).toEqual([T('cryptounit-compare')]);
    expect(readded.unitsToReselect).toBeUndefined();
  });

  it('a contradiction without a reading asks for one; with a reading it stops with nothing to run', () => {
    const early = classify({ transcripts: files(autoRotate('after-m1'), setimm(true)) });
    expect([early.phase, next(early)]).toEqual(['indeterminate', [T('cryptounit-mk')]]);
    expect(early.indeterminateCause).toBe('contradiction');
    expect(early.next[0]?.why).toMatch(
      /^Read-only\. Something contradicts the documented sequence \(cryptounit-mk-setimm ran before/,
    );
    const other: UnitSpec = { num: 2, current: ['Valid', OLD_VP], new: ['Full Committed', 'ab'.repeat(32)] };
    const read = classify({ transcripts: files(autoRotate('after-m1'), mksListing([committed(1), other])) });
    expect([read.phase, next(read)]).toEqual(['indeterminate', []]);
    expect(read.stop).toMatch(/^The registers contradict the transcripts \(/);
    expect(read.indeterminateCause).toBe('contradiction');
  });

  it('a 401 on the reading after a crash, then a login: only the reading is left', () => {
    const cut = {
      file: '#1',
      text: text(autoRotate('after-m1', { fail: false })),
      exit: { code: null, signal: 'SIGKILL' },
    };
    const c = classify({
      transcripts: [cut, { file: '#2', text: text(authFailure('cryptounit-mk')) }, { file: '#3', text: text(login()) }],
    });
    expect([c.phase, next(c)]).toEqual(['indeterminate', [T('cryptounit-mk')]]);
  });

  it('a current key lost with no rotation under way: auto-mk-recover, naming every unit that lost it', () => {
    const gone = (num: number): UnitSpec => ({ num, current: ['Empty', ''], new: ['Empty', ''] });
    const recovery: UnitSpec = { num: 3, type: 'RECOVERY', current: ['Valid', OLD_VP], new: ['Empty', ''] };
    const c = classify({ transcripts: files(mksListing([gone(1), gone(2), recovery])) });
    expect([c.phase, next(c)]).toEqual(['no-rotation', [T('auto-mk-recover'), T('cryptounit-compare')]]);
    expect(c.next[0]?.why).toMatch(/^The current master key register of crypto unit 1, 2 is not Valid/);
  });
});

describe('a wrong password changed nothing', () => {
  const wrong = (cmd: string): string[] => [
    `$ ibmcloud tke ${cmd}`,
    ...header(),
    'Enter the password for the signature key identified by:',
    'admin1 (3c0f81aa...)',
    SIGKEY_PASSWORD_WRONG,
    FAILED,
  ];

  it('the command is run again; only its own step says why', () => {
    const c = keyparts(ok('cryptounit-mk-load'), wrong('cryptounit-mk-commit'));
    expect(next(c)).toEqual([T('cryptounit-mk-commit'), T('cryptounit-mk-rotate')]);
    expect(c.next[0]?.why).toMatch(
      /^A password was wrong: nothing was signed or sent\. Run the command again with the right password\. Committing failed/,
    );
    expect(c.next[1]?.why).toBe('Then rotate: re-encrypt key storage and promote the new master key.');
  });

  it('a rotation that then completed leaves only the confirming reading, not the failed command again', () => {
    const c = classify({ transcripts: files(wrong('auto-mk-rotate'), autoRotate('done')) });
    expect([c.phase, next(c)]).toEqual(['completed', [T('cryptounit-mk')]]);
    // A completed rotation is not overlaid with the old failure's fix.
    expect(c.next[0]?.why).toMatch(/^Read-only\. Confirmation: every current register/);
  });
});

describe('what the advisor does not lose sight of', () => {
  it('a rotation output cut off with no command line seen is still read first, named as "the last rotation command"', () => {
    const c = classify({
      transcripts: [
        {
          file: '#1',
          text: text(autoRotate('after-m1', { fail: false, prompt: false })),
          exit: { code: null, signal: 'SIGKILL' },
        },
      ],
    });
    expect([c.phase, next(c)]).toEqual(['indeterminate', [T('cryptounit-mk')]]);
    expect(c.next[0]?.why).toMatch(/^Read-only\. The last rotation command ended without OK or FAILED/);
  });

  it("a partial promotion's setimm that failed part-way: read which units it reached before anything else", () => {
    const c = classify({
      transcripts: files(
        autoRotate('promote-1'),
        mksListing([promoted(1), committed(2), committed(3)]),
        ok('cryptounit-rm'),
        setimm(false),
      ),
    });
    expect(c.phase).toBe('partially-promoted');
    expect(next(c)[0]).toBe(T('cryptounit-mk'));
    expect(c.next[0]?.why).toMatch(/^Read-only\. The last promotion stopped part-way/);
  });

  it('an older reading of a lost current key does not hide the re-encryption a later rotation began', () => {
    const recovery: UnitSpec = { num: 3, type: 'RECOVERY', current: ['Valid', OLD_VP], new: ['Empty', ''] };
    const lost = mksListing([{ num: 1, current: ['Empty', ''], new: ['Empty', ''] }, untouched(2), recovery]);
    const c = classify({ transcripts: files(lost, autoRotate('after-m1')) });
    expect([c.phase, next(c)]).toEqual(['rewrap-interrupted', [T('cryptounit-mk-rotate')]]);
  });
});
