// The registers are first-class evidence: read on their own, inside a transcript, or after a command
// whose end was never seen, they decide what the transcripts cannot, and they can only add caution.
import { describe, expect, it } from 'vitest';
import {
  classify,
  type Classification,
  type RegisterReading,
  type TranscriptInput,
} from '../../../shared/classifier/index.js';
import { FAILED, M1_DELAY, SETIMM_WARNING, STEP_PROMOTE, STEP_REWRAP_PROGRESS } from '../../../shared/tke/messages.js';
import { MUTATING_COMMANDS } from '../../../shared/tke/commands.js';
import { autoRotate, header, mkRotate, mksListing, NEW_VP, OLD_VP, setimm, text, type UnitSpec } from './tke-text.js';

const AUTO = 'ibmcloud tke auto-mk-rotate';
const ROTATE = 'ibmcloud tke cryptounit-mk-rotate';
const SETIMM = 'ibmcloud tke cryptounit-mk-setimm';
const CLRNEW = 'ibmcloud tke cryptounit-mk-clrnew';
const READ = 'ibmcloud tke cryptounit-mk';
const RM = 'ibmcloud tke cryptounit-rm';
const ADD = 'ibmcloud tke cryptounit-add';
const COMPARE = 'ibmcloud tke cryptounit-compare';

const next = (c: Classification): string[] => c.next.map((a) => a.command);
const forbidden = (c: Classification): string[] => c.forbidden.map((a) => a.command);
const reading = (specs: UnitSpec[]): RegisterReading[] =>
  specs.map((u) => ({
    num: u.num,
    type: u.type ?? 'OPERATIONAL',
    current: { state: u.current[0] as RegisterReading['current']['state'], vp: u.current[1].toLowerCase() },
    new: { state: u.new[0] as RegisterReading['new']['state'], vp: u.new[1].toLowerCase() },
  }));
const files = (...parts: string[][]): TranscriptInput[] =>
  parts.map((lines, i) => ({ file: `#${i + 1}`, text: text(lines) }));

const committed = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Committed', NEW_VP] });
const promoted = (num: number): UnitSpec => ({ num, current: ['Valid', NEW_VP], new: ['Empty', ''] });
const untouched = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Empty', ''] });
const uncommitted = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Uncommitted', NEW_VP] });

describe('registers read with no rotation in the transcripts (e.g. a new rotation after a crash)', () => {
  it('a committed new key everywhere: re-encryption may have started, so cryptounit-mk-rotate; auto-mk-rotate refused', () => {
    const c = classify({ transcripts: [], registers: reading([committed(1), committed(2), committed(3)]) });
    expect(c.phase).toBe('rewrap-interrupted');
    expect(next(c)).toEqual([ROTATE]);
    expect(forbidden(c)).toEqual(expect.arrayContaining([AUTO, CLRNEW, SETIMM]));
  });

  it('the same when the reading is the first thing in the transcript (the baseline reading of a rotation)', () => {
    const c = classify({ transcripts: files(mksListing([committed(1), committed(2)])) });
    expect(c.phase).toBe('rewrap-interrupted');
    expect(forbidden(c)).toContain(AUTO);
  });

  it('a baseline reading before the rotation does not make the later key-part progress look unexplained', () => {
    const ok = (cmd: string): string[] => [`$ ibmcloud tke ${cmd}`, ...header(), 'OK'];
    const c = classify({
      flow: 'keyparts',
      transcripts: files(
        mksListing([untouched(1), untouched(2)]),
        ok('cryptounit-mk-load'),
        ok('cryptounit-mk-commit'),
      ),
    });
    expect(c.phase).toBe('no-rotation');
    expect(next(c)).toEqual([ROTATE]);
  });

  it('an uncommitted value in the new registers: the new-mk check fails; clearing is the fix; auto-mk-rotate refused', () => {
    const c = classify({ transcripts: [], registers: reading([uncommitted(1), uncommitted(2)]) });
    expect(c.phase).toBe('precheck-failed');
    expect(c.failedChecks).toEqual(['new-mk']);
    expect(next(c)).toEqual([CLRNEW]);
    expect(forbidden(c)).toContain(AUTO);
  });

  it('some units already promoted: deselect, promote the rest, re-add and compare', () => {
    const c = classify({ transcripts: [], registers: reading([promoted(1), committed(2), committed(3)]) });
    expect(c.phase).toBe('partially-promoted');
    expect(c.unitsToDeselect).toEqual([1]);
    expect(next(c)).toEqual([RM, SETIMM, ADD, COMPARE]);
    expect(forbidden(c)).toEqual(expect.arrayContaining([AUTO, ROTATE, CLRNEW]));
  });

  it('nothing in the new registers: no rotation, and only setimm is refused', () => {
    const c = classify({ transcripts: [], registers: reading([untouched(1), untouched(2)]) });
    expect(c.phase).toBe('no-rotation');
    expect(forbidden(c)).toEqual([SETIMM]);
  });

  it('a current register that is not Valid while a rotation is under way: stop, nothing is safe', () => {
    const c = classify({
      transcripts: [],
      registers: reading([{ num: 1, current: ['Empty', ''], new: ['Full Committed', NEW_VP] }, committed(2)]),
    });
    expect(c.phase).toBe('indeterminate');
    expect(c.next).toEqual([]);
    expect(c.stop).toMatch(/IBM Cloud support/);
    expect(forbidden(c)).toEqual(MUTATING_COMMANDS.map((m) => `ibmcloud tke ${m}`));
  });

  it('a current register cleared while no rotation runs: auto-mk-recover from the recovery unit (IBM recover page)', () => {
    const recovery: UnitSpec = { num: 3, type: 'RECOVERY', current: ['Valid', OLD_VP], new: ['Empty', ''] };
    const c = classify({
      transcripts: [],
      registers: reading([{ num: 1, current: ['Empty', ''], new: ['Empty', ''] }, untouched(2), recovery]),
    });
    expect(c.phase).toBe('no-rotation');
    expect(next(c)).toEqual(['ibmcloud tke auto-mk-recover', COMPARE]);
    // No rotation may begin until the key is back, for that reason: nothing was re-encrypted, so none
    // of the refusals that speak of re-encryption applies (the new registers are Empty: clearing them is no harm).
    const lostWhy =
      /^A crypto unit lost its current master key \(cleared, zeroized or replaced\) and no rotation is under way: copy it back from the recovery crypto unit with auto-mk-recover/;
    expect(c.forbidden).toEqual([
      { command: AUTO, why: expect.stringMatching(lostWhy), argv: ['tke', 'auto-mk-rotate'] },
      {
        command: 'ibmcloud tke cryptounit-mk-load',
        why: expect.stringMatching(lostWhy),
        argv: ['tke', 'cryptounit-mk-load'],
      },
      {
        command: 'ibmcloud tke cryptounit-mk-setimm',
        why: expect.stringMatching(/^M2 \("KMS CRK rewrap successful/),
        argv: ['tke', 'cryptounit-mk-setimm'],
      },
    ]);
    // Without a recovery unit holding the key there is nothing to copy it from: stop.
    const none = classify({
      transcripts: [],
      registers: reading([
        { num: 1, current: ['Empty', ''], new: ['Empty', ''] },
        untouched(2),
        { ...recovery, current: ['Empty', ''] },
      ]),
    });
    expect(none.phase).toBe('indeterminate');
  });

  it('after auto-mk-recover ended OK it is not advised again: the registers are read to confirm it, rotation stays refused until then', () => {
    const recovery: UnitSpec = { num: 3, type: 'RECOVERY', current: ['Valid', OLD_VP], new: ['Empty', ''] };
    const lost = mksListing([{ num: 1, current: ['Empty', ''], new: ['Empty', ''] }, untouched(2), recovery]);
    const recover = (ok: boolean) => ['$ ibmcloud tke auto-mk-recover', ...header(), ok ? 'OK' : FAILED];
    const done = classify({ transcripts: files(lost, recover(true)) });
    expect(done.phase).toBe('no-rotation');
    expect(next(done)).toEqual([READ, COMPARE]);
    expect(forbidden(done)).toEqual([AUTO, 'ibmcloud tke cryptounit-mk-load', 'ibmcloud tke cryptounit-mk-setimm']);
    expect(done.forbidden[0]?.why).toMatch(/^A crypto unit lost its current master key/);
    // A failed recovery is still to do.
    expect(next(classify({ transcripts: files(lost, recover(false)) }))[0]).toBe('ibmcloud tke auto-mk-recover');
    // The reading that shows every current register Valid with one value ends it.
    const confirmed = classify({
      transcripts: files(lost, recover(true), mksListing([untouched(1), untouched(2), recovery])),
    });
    expect(next(confirmed)).toEqual([]);
    expect(forbidden(confirmed)).toEqual(['ibmcloud tke cryptounit-mk-setimm']);
    // Still lost after an OK: the recovery is advised again (the OK is not taken on trust).
    const still = classify({ transcripts: files(lost, recover(true), lost) });
    expect(next(still)[0]).toBe('ibmcloud tke auto-mk-recover');
  });
});

describe('a recovery command in flight when the app died (its end never seen)', () => {
  const recoveryCut = ['$ ibmcloud tke cryptounit-mk-rotate', ...header(), 'Re-encrypting key storage...'];

  it('reads the registers first, whatever the transcript suggests', () => {
    const c = classify({ transcripts: files(autoRotate('after-m1'), recoveryCut) });
    expect(c.phase).toBe('indeterminate');
    expect(next(c)).toEqual([READ]);
    expect(forbidden(c)).toEqual(MUTATING_COMMANDS.map((m) => `ibmcloud tke ${m}`));
  });

  it('registers showing a partial promotion prove M2 happened unseen: deselect and promote, never rotate again', () => {
    const c = classify({
      transcripts: files(autoRotate('after-m1'), recoveryCut, mksListing([promoted(1), committed(2)])),
    });
    expect(c.phase).toBe('partially-promoted');
    expect(next(c)).toEqual([RM, SETIMM, ADD, COMPARE]);
    expect(forbidden(c)).toEqual(expect.arrayContaining([AUTO, ROTATE]));
  });

  it('and then the recovery goes on to completion only after the units are re-added and compared', () => {
    const ok = (cmd: string): string[] => [`$ ibmcloud tke ${cmd}`, ...header(), 'OK'];
    const base = [
      autoRotate('after-m1'),
      recoveryCut,
      mksListing([promoted(1), committed(2)]),
      ok('cryptounit-rm'),
      setimm(true),
    ];
    const promotedRest = classify({ transcripts: files(...base) });
    expect(promotedRest.phase).toBe('partially-promoted');
    expect(next(promotedRest)).toEqual([ADD, COMPARE]);
    expect(classify({ transcripts: files(...base, ok('cryptounit-add')) }).phase).toBe('partially-promoted');
    const done = classify({ transcripts: files(...base, ok('cryptounit-add'), ok('cryptounit-compare')) });
    expect(done.phase).toBe('completed');
    expect(forbidden(done)).toEqual([AUTO]);
  });

  it('registers still committed: re-encryption is run again with cryptounit-mk-rotate', () => {
    const c = classify({
      transcripts: files(autoRotate('after-m1'), recoveryCut, mksListing([committed(1), committed(2)])),
    });
    expect(c.phase).toBe('rewrap-interrupted');
    expect(next(c)).toEqual([ROTATE]);
  });

  it('registers promoted everywhere: completed', () => {
    const c = classify({
      transcripts: files(autoRotate('after-m1'), recoveryCut, mksListing([promoted(1), promoted(2)])),
    });
    expect(c.phase).toBe('completed');
    expect(c.next).toEqual([]);
  });

  it('registers whose new value changed after re-encryption started: stop', () => {
    const other: UnitSpec = { num: 2, current: ['Valid', OLD_VP], new: ['Full Committed', 'ab'.repeat(32)] };
    const first = classify({
      transcripts: files(
        autoRotate('after-m1'),
        mksListing([committed(1), committed(2)]),
        recoveryCut,
        mksListing([committed(1), other]),
      ),
    });
    expect(first.phase).toBe('indeterminate');
    expect(first.stop).toBeDefined();
  });

  it('every new register holding one other committed value after re-encryption started: stop', () => {
    const other = (num: number): UnitSpec => ({
      num,
      current: ['Valid', OLD_VP],
      new: ['Full Committed', 'ab'.repeat(32)],
    });
    const c = classify({
      transcripts: files(
        autoRotate('after-m1'),
        mksListing([committed(1), committed(2)]),
        recoveryCut,
        mksListing([other(1), other(2)]),
      ),
    });
    expect(c.phase).toBe('indeterminate');
    expect(JSON.stringify(c.stop)).toContain('another value than the one key storage was being re-encrypted under');
    expect(forbidden(c)).toEqual(MUTATING_COMMANDS.map((m) => `ibmcloud tke ${m}`));
  });
});

describe('a register listing whose end was not seen (the app died while it printed)', () => {
  // A promotion that failed part-way: units 1 and 2 promoted, 3 and 4 not yet.
  const failedPromotion = autoRotate('promote-1');
  const listing = mksListing([promoted(1), promoted(2), committed(3), committed(4)]);
  const cutAtUnit3 = listing.slice(0, listing.findIndex((l) => l.startsWith('CRYPTO UNIT NUM: 3')) + 1);

  it('is no reading: the units it did not reach may hold anything, so read again rather than call it completed', () => {
    for (const exit of [undefined, { code: 0, signal: 'SIGKILL' }, { code: 1, signal: null }]) {
      const cut = { file: '#2', text: text(cutAtUnit3), ...(exit ? { exit } : {}) };
      const c = classify({ transcripts: [...files(failedPromotion), cut] });
      expect(c.phase, JSON.stringify(exit)).not.toBe('completed');
      expect(next(c)[0]).toBe(READ);
    }
  });

  it('the same listing seen to its end is a reading: the partial promotion it shows is recovered', () => {
    const c = classify({ transcripts: files(failedPromotion, listing) });
    expect(c.phase).toBe('partially-promoted');
    expect(next(c)[0]).toBe(RM);
  });
});

describe("the promotion of a partial promotion's recovery lost with the app (setimm end never seen)", () => {
  const ok = (cmd: string): string[] => [`$ ibmcloud tke ${cmd}`, ...header(), 'OK'];
  const promoting3 = STEP_PROMOTE.replace('{unit}', '3');
  const confirm = ['Do you want to continue? (y/N)', '> y'];
  const lost = ['$ ibmcloud tke cryptounit-mk-setimm', ...header(), SETIMM_WARNING, ...confirm, promoting3];
  const readBefore = mksListing([promoted(1), promoted(2), committed(3), committed(4)]);
  const before = files(autoRotate('promote-1'), readBefore, ok('cryptounit-rm'));
  const lostSetimm = { file: '#lost', text: text(lost), exit: { code: null, signal: 'lost with the app' } };
  const after = (reading: UnitSpec[]): Classification =>
    classify({ transcripts: [...before, lostSetimm, { file: '#read', text: text(mksListing(reading)) }] });

  it('the units left selected read all promoted: promotion done, re-add and compare, never setimm again', () => {
    const c = after([promoted(3), promoted(4)]);
    expect(c.phase).toBe('partially-promoted');
    expect(next(c)).toEqual([ADD, COMPARE]);
    expect(c.unitsToReselect).toEqual([1, 2]);
  });

  it('a reading of the selected units still committed: promote them', () => {
    expect(next(after([committed(3), committed(4)]))).toEqual([SETIMM, ADD, COMPARE]);
  });
});

describe('an auto-mk-rotate whose end was never seen, then a reading with every new register Empty', () => {
  // Cut after its first step ("Generating a new random master key"): no new key is proven anywhere.
  const generated = autoRotate('before-m1', { fail: false }).slice(0, 8);
  const cut = { file: '#2', text: text(generated), exit: { code: null, signal: 'SIGKILL' } };
  const listing = (file: string, units: UnitSpec[]): TranscriptInput => ({
    file,
    text: text(mksListing(units)),
    exit: { code: 0, signal: null },
  });
  const baseline = listing('#1', [untouched(1), untouched(2)]);

  it('the old value still current, as read before the rotation: nothing rotated, so the rotation is begun again, never completed', () => {
    const c = classify({ transcripts: [baseline, cut, listing('#3', [untouched(1), untouched(2)])] });
    expect(c.phase).toBe('failed-before-new-key');
    expect(next(c)[0]).toBe(AUTO);
    expect(c.stop).toBeUndefined();
  });

  it('another value current everywhere than the one read before: the rotation went through unseen, completed', () => {
    const c = classify({ transcripts: [baseline, cut, listing('#3', [promoted(1), promoted(2)])] });
    expect(c.phase).toBe('completed');
  });

  it('with no reading before the rotation, the settled value cannot tell: not called completed', () => {
    const c = classify({ transcripts: [cut, listing('#3', [untouched(1), untouched(2)])] });
    expect(c.phase).not.toBe('completed');
  });
});

describe('the end of a command seen by the app', () => {
  it('a process that exited by itself ends a transcript that printed neither OK nor FAILED', () => {
    const cut = autoRotate('after-m1', { fail: false });
    const exited = classify({ transcripts: [{ file: '#1', text: text(cut), exit: { code: 1, signal: null } }] });
    expect(exited.phase).toBe('rewrap-interrupted');
    expect(next(exited)).toEqual([ROTATE]);
  });

  it('a process killed by a signal is unfinished whatever its exit code: read the registers first', () => {
    for (const code of [null, 0, 1]) {
      const cut = autoRotate('after-m1', { fail: false });
      const died = classify({ transcripts: [{ file: '#1', text: text(cut), exit: { code, signal: 'SIGKILL' } }] });
      expect(died.phase).toBe('indeterminate');
      expect(next(died)).toEqual([READ]);
      expect(forbidden(died)).toContain(AUTO);
      const read = classify({
        transcripts: [
          { file: '#1', text: text(cut), exit: { code, signal: '9' } },
          { file: '#2', text: text(mksListing([committed(1), committed(2)])), exit: { code: 0, signal: null } },
        ],
      });
      expect(read.phase).toBe('rewrap-interrupted');
      expect(next(read)).toEqual([ROTATE]);
    }
  });

  it('a rotation killed after M2 with exit code 0 is not taken for completed', () => {
    const cut = autoRotate('after-m2', { fail: false });
    const died = classify({ transcripts: [{ file: '#1', text: text(cut), exit: { code: 0, signal: '9' } }] });
    expect(died.phase).not.toBe('completed');
    expect(next(died)).toEqual([READ]);
  });
});

describe('evidence that IBM does not document only adds caution', () => {
  const progressOnly = [
    '$ ibmcloud tke auto-mk-rotate',
    ...header(),
    STEP_REWRAP_PROGRESS.replace('{done}', '10').replace('{total}', '300'),
    FAILED,
  ];

  it('re-encryption progress without M1 forbids auto-mk-rotate and asks for a reading before anything else', () => {
    const c = classify({ transcripts: files(progressOnly) });
    expect(forbidden(c)).toContain(AUTO);
    expect(c.phase).toBe('indeterminate');
    expect(c.indeterminateCause).toBe('undocumented');
    expect(next(c)).toEqual([READ]);
  });

  it('with a reading that agrees (a committed new key), cryptounit-mk-rotate', () => {
    const c = classify({ transcripts: files(progressOnly), registers: reading([committed(1), committed(2)]) });
    expect(c.phase).toBe('rewrap-interrupted');
    expect(next(c)).toEqual([ROTATE]);
    expect(forbidden(c)).toContain(AUTO);
  });

  it('M1 found anywhere in a line still counts (prefix, suffix)', () => {
    const c = classify({ transcripts: files(['$ ibmcloud tke auto-mk-rotate', `[12:00:01] ${M1_DELAY} ...`, FAILED]) });
    expect(forbidden(c)).toContain(AUTO);
  });
});

describe('verification patterns compare on their first 56 hex digits', () => {
  it('units that differ only in the last four bytes of a VP hold the same key', () => {
    const odd = NEW_VP.slice(0, 56) + '1234abcd';
    const c = classify({
      transcripts: files(autoRotate('after-m2')),
      registers: reading([committed(1), { num: 2, current: ['Valid', OLD_VP], new: ['Full Committed', odd] }]),
    });
    expect(c.phase).toBe('rewrap-complete');
    expect(next(c)).toEqual([SETIMM]);
  });
});

describe('a key-part rotation', () => {
  it('failing before M2 with an HSM error is run again', () => {
    const c = classify({ transcripts: files(mkRotate('before-m2')) });
    expect(c.phase).toBe('rewrap-interrupted');
    expect(next(c)).toEqual([ROTATE]);
  });
});

describe('an auto-mk-rotate run again before re-encryption replaces the new value', () => {
  const OTHER_VP = 'cd'.repeat(32);
  const other = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Uncommitted', OTHER_VP] });
  const died = (lines: string[]): TranscriptInput => ({
    file: '#k',
    text: text(lines),
    exit: { code: 0, signal: '9' },
  });

  it('different uncommitted values left by a rerun cut short: auto-mk-rotate again, not a stop', () => {
    const transcripts = [
      { file: '#1', text: text(autoRotate('before-m1')) },
      { file: '#2', text: text(mksListing([uncommitted(1), uncommitted(2)])) },
      died(['$ ibmcloud tke auto-mk-rotate', ...header(), 'Generating a new random master key in crypto unit 2...']),
      { file: '#4', text: text(mksListing([uncommitted(1), other(2)])) },
    ];
    const c = classify({ transcripts });
    expect(c.stop).toBeUndefined();
    expect(next(c)).toEqual([AUTO]);
  });

  it('a completed rerun whose key differs from the leftover read before it: completed', () => {
    const fresh = (num: number): UnitSpec => ({ num, current: ['Valid', OTHER_VP], new: ['Empty', ''] });
    const rerun = autoRotate('done');
    const c = classify({
      transcripts: [
        ...files(
          autoRotate('before-m1'),
          mksListing([uncommitted(1), uncommitted(2)]),
          rerun,
          mksListing([fresh(1), fresh(2)]),
        ),
      ],
    });
    expect(c.stop).toBeUndefined();
    expect(c.phase).toBe('completed');
  });

  it('different values after re-encryption began stay a stop', () => {
    const c = classify({
      transcripts: files(
        autoRotate('after-m1'),
        mksListing([committed(1), { num: 2, current: ['Valid', OLD_VP], new: ['Full Committed', OTHER_VP] }]),
      ),
    });
    expect(c.stop).toBeDefined();
    expect(c.next).toEqual([]);
  });

  it('key parts: different uncommitted values are cleared and loaded again', () => {
    const c = classify({ flow: 'keyparts', transcripts: [], registers: reading([uncommitted(1), other(2)]) });
    expect(next(c).slice(0, 2)).toEqual([CLRNEW, 'ibmcloud tke cryptounit-mk-load']);
  });
});
