// The edges of the decision table that the walk through each branch (decision-branches.test.ts) does
// not reach: a committed key after a failed auto-mk-rotate, a rotation declined or refused by its
// initial check, a failure of another command, readings that settle a partial promotion, evidence that
// contradicts itself, and how pre-check fixes are put in order. Each case pins the whole answer.
import { describe, expect, it } from 'vitest';
import { classify, type Classification, type TranscriptInput } from '../../../shared/classifier/index.js';
import { forbiddenFor } from '../../../shared/classifier/forbidden.js';
import { gatherKnowledge } from '../../../shared/classifier/knowledge.js';
import { scanTranscripts } from '../../../shared/classifier/scan.js';
import {
  AUTH_FAILED_LINES,
  FAILED,
  HSM_ERROR_LINE,
  OK,
  PRECHECK_FAILED_PREFIX,
  PRECHECK_MESSAGES,
  STEP_COMMIT,
  STEP_COPY,
  STEP_GENERATE,
  STEP_REWRAP,
} from '../../../shared/tke/messages.js';
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
const forbidden = (c: Classification): string[] => c.forbidden.map((a) => a.command);
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
const precheck = (id: keyof typeof PRECHECK_MESSAGES, cmd = 'cryptounit-mk-rotate'): string[] => [
  `$ ibmcloud tke ${cmd}`,
  ...header(),
  FAILED,
  `${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES[id].replace('{units}', '1, 2')}`,
];
const loadedAndCommitted = [ok('cryptounit-mk-load'), ok('cryptounit-mk-commit')];
const keyparts = (...parts: string[][]): Classification => classify({ flow: 'keyparts', transcripts: files(...parts) });
/** The TKE application's actions as an administrator notes them (docs/analysis.md), then what it printed. */
const appRotation = (after: string): string[] => [
  'Master keys tab: Load',
  'Loading new master key register ... done',
  'Master keys tab: Commit',
  'Committing new master key register ... done',
  'Master keys tab: Rotate',
  after,
];

const untouched = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Empty', ''] });
const committed = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Committed', NEW_VP] });
const promoted = (num: number): UnitSpec => ({ num, current: ['Valid', NEW_VP], new: ['Empty', ''] });

const RETRY_ROTATE = 'Re-encryption had not started: run cryptounit-mk-rotate again.';
const AFTER_FIXES = 'After fixing the failed pre-checks: ';

describe('a committed new key before re-encryption', () => {
  it('auto-mk-rotate failed before M1 and the registers show its key committed: auto-mk-rotate again (IBM table)', () => {
    const c = classify({ transcripts: files(autoRotate('before-m1'), mksListing([committed(1), committed(2)])) });
    expect([c.phase, next(c), c.unitsToDeselect]).toEqual(['failed-before-new-key', [T('auto-mk-rotate')], []]);
    expect(c.next[0]?.why).toMatch(/^Neither M1 nor M2 was printed/);
  });

  it('key parts committed, then another command failed with 401 and a login followed: rotate, as if nothing failed', () => {
    const c = keyparts(...loadedAndCommitted, authFailure('cryptounit-compare'), login());
    expect([c.phase, next(c)]).toEqual(['no-rotation', [T('cryptounit-mk-rotate')]]);
    expect(c.next[0]?.why).toMatch(/^The key parts are loaded and committed/);
  });

  it('the rotation was declined at its first question: nothing failed, rotate', () => {
    const declined = [
      '$ ibmcloud tke cryptounit-mk-rotate',
      ...header(),
      'Do you want to run the initial state check? (y/N)',
      '> n',
    ];
    const c = keyparts(...loadedAndCommitted, declined);
    expect([c.phase, next(c)]).toEqual(['no-rotation', [T('cryptounit-mk-rotate')]]);
    expect(c.next[0]?.why).toMatch(/^The key parts are loaded and committed/);
  });

  it('the rotation failed with 401 and a login followed: the rotation is run again as one that never began re-encryption', () => {
    const c = keyparts(...loadedAndCommitted, authFailure('cryptounit-mk-rotate'), login());
    expect([c.phase, next(c)]).toEqual(['failed-before-new-key', [T('cryptounit-mk-rotate')]]);
    expect(c.next[0]?.why).toBe(RETRY_ROTATE);
  });

  it('a rotation stopped by its initial check is retried as such, whether its command line was seen, cut off, or it ran in the TKE application', () => {
    const seen = keyparts(...loadedAndCommitted, mkRotate('precheck'));
    const cutOff = keyparts(...loadedAndCommitted, [
      FAILED,
      `${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.thresholds}`,
    ]);
    // The failure line is the CLI's; the classifier reads it the same whichever tool printed it.
    const app = classify({
      flow: 'smartcard',
      transcripts: files(appRotation(`${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.thresholds}`)),
    });
    for (const c of [seen, cutOff, app]) expect(c.phase).toBe('precheck-failed');
    for (const c of [seen, cutOff]) expect(c.next.at(-1)?.why).toBe(`${AFTER_FIXES}${RETRY_ROTATE}`);
    // The same reason, in the application's terms.
    expect(app.next.at(-1)?.why).toBe(
      `${AFTER_FIXES}${RETRY_ROTATE.replace('cryptounit-mk-rotate', "the TKE application's Rotate")}`,
    );
    expect(next(cutOff)).toEqual([T('cryptounit-compare'), T('cryptounit-thrhld-set'), T('cryptounit-mk-rotate')]);
    expect(next(app)).toEqual(['TKE application: cryptounit-thrhld-set', 'TKE application: Rotate']);
  });
});

describe('a rotation whose end was not seen', () => {
  const killedAuto: TranscriptInput = {
    file: '#1',
    text: text(['$ ibmcloud tke auto-mk-rotate', ...header()]),
    exit: { code: null, signal: 'SIGKILL' },
  };

  it('then run again and refused by its initial check: still read the registers first (the refusal says nothing of how far the first got)', () => {
    const c = classify({ transcripts: [killedAuto, { file: '#2', text: text(autoRotate('precheck')) }] });
    expect([c.phase, next(c)]).toEqual(['indeterminate', [T('cryptounit-mk')]]);
    expect(c.next[0]?.why).toMatch(/auto-mk-rotate ended without OK or FAILED/);
  });

  it('then run again and refused with 401: log in, then read the registers', () => {
    const c = classify({ transcripts: [killedAuto, { file: '#2', text: text(authFailure()) }] });
    expect([c.phase, next(c)]).toEqual(['indeterminate', ['ibmcloud login', T('cryptounit-mk')]]);
  });

  it('a 401 whose command line was cut off: log in, and nothing invented after it', () => {
    const c = classify({ transcripts: files([FAILED, ...AUTH_FAILED_LINES]) });
    expect([c.phase, next(c)]).toEqual(['auth-expired', ['ibmcloud login']]);
  });
});

describe('readings decide, not the output before them', () => {
  it('a partial promotion read, then the promoted units deselected: promote the rest, with no reading asked for in between', () => {
    const c = classify({
      transcripts: files(
        autoRotate('promote-1'),
        mksListing([promoted(1), committed(2), committed(3)]),
        ok('cryptounit-rm'),
      ),
    });
    expect([c.phase, next(c)]).toEqual([
      'partially-promoted',
      [T('cryptounit-mk-setimm'), T('cryptounit-add'), T('cryptounit-compare')],
    ]);
  });

  it('after a partial promotion, a failed setimm and a reading of the units still selected: promote them, no second reading', () => {
    const c = classify({
      transcripts: files(
        autoRotate('promote-1'),
        mksListing([promoted(1), committed(2), committed(3)]),
        ok('cryptounit-rm'),
        setimm(false),
        mksListing([committed(2), committed(3)]),
      ),
    });
    expect([c.phase, next(c)]).toEqual([
      'partially-promoted',
      [T('cryptounit-mk-setimm'), T('cryptounit-add'), T('cryptounit-compare')],
    ]);
  });

  it('a key-part rotation interrupted, a commit refused, then registers read committed: continue the rotation (the reading settles it)', () => {
    const c = keyparts(
      ...loadedAndCommitted,
      mkRotate('before-m2'),
      hsmFail('cryptounit-mk-commit'),
      mksListing([committed(1), committed(2)]),
    );
    expect([c.phase, next(c)]).toEqual(['rewrap-interrupted', [T('cryptounit-mk-rotate')]]);
  });

  it('a current key read as lost, then a rotation reported complete: the evidence does not fit, read the registers and change nothing', () => {
    const recovery: UnitSpec = { num: 3, type: 'RECOVERY', current: ['Valid', OLD_VP], new: ['Empty', ''] };
    const lost = mksListing([{ num: 1, current: ['Empty', ''], new: ['Empty', ''] }, untouched(2), recovery]);
    const c = classify({ transcripts: files(lost, autoRotate('done')) });
    expect([c.phase, next(c)]).toEqual(['indeterminate', [T('cryptounit-mk')]]);
    expect(c.next[0]?.why).toMatch(/do not fit one documented rotation/);
    expect(c.indeterminateCause).toBe('contradiction');
    expect(forbidden(c)).toContain(T('auto-mk-recover'));
  });

  it('registers read alone, untouched: no rotation, and a new auto-mk-rotate is not refused', () => {
    const c = classify({ transcripts: files(mksListing([untouched(1), untouched(2)])) });
    expect([c.phase, next(c), forbidden(c)]).toEqual(['no-rotation', [], [T('cryptounit-mk-setimm')]]);
  });
});

describe('pre-check fixes', () => {
  it('a command refused by its initial check over a committed key of unknown history: compare, then rotate (not a fresh auto-mk-rotate)', () => {
    const c = classify({
      transcripts: files(mksListing([committed(1), committed(2)]), precheck('new-mk', 'auto-mk-rotate')),
    });
    expect([c.phase, next(c)]).toEqual(['precheck-failed', [T('cryptounit-compare'), T('cryptounit-mk-rotate')]]);
  });

  it('new-mk before anything was loaded: load and commit are both fixes', () => {
    const c = keyparts(precheck('new-mk'));
    expect(next(c)).toEqual([
      T('cryptounit-compare'),
      T('cryptounit-mk-load'),
      T('cryptounit-mk-commit'),
      T('cryptounit-mk-rotate'),
    ]);
  });

  it('new-mk after a load: only the commit is left to do', () => {
    const c = keyparts(ok('cryptounit-mk-load'), precheck('new-mk'));
    expect(next(c)).toEqual([T('cryptounit-compare'), T('cryptounit-mk-commit'), T('cryptounit-mk-rotate')]);
  });

  it('new-mk after a load and a commit: nothing is redone, the rotation is retried once the check is confirmed', () => {
    const c = keyparts(...loadedAndCommitted, precheck('new-mk'));
    expect(next(c)).toEqual([T('cryptounit-compare'), T('cryptounit-mk-rotate')]);
  });

  it('one fix already run after the failure stands for the comparison; the next fix follows', () => {
    const c = keyparts(precheck('selection'), ok('cryptounit-rm'));
    expect(next(c)).toEqual([T('cryptounit-add'), T('cryptounit-mk-rotate')]);
  });

  it('only the first step of the retried sequence carries "after fixing"', () => {
    const c = keyparts(precheck('thresholds', 'cryptounit-mk-load'));
    expect(next(c)).toEqual([
      T('cryptounit-compare'),
      T('cryptounit-thrhld-set'),
      T('cryptounit-mk-load'),
      T('cryptounit-mk-commit'),
      T('cryptounit-mk-rotate'),
    ]);
    expect(c.next.map((a) => a.why.startsWith(AFTER_FIXES))).toEqual([false, false, true, false, false]);
  });

  it('current registers that differ keep their own advice (compare, contact IBM) where no confirming comparison leads', () => {
    const app = classify({
      flow: 'smartcard',
      transcripts: files(appRotation(`${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES['current-mk']}`)),
    });
    expect(next(app)).toEqual(['TKE application: compare the crypto units', 'TKE application: Rotate']);
    expect(app.next[0]?.why).toMatch(/current master key registers differ.*contact IBM Cloud support/);
    const cli = keyparts(precheck('current-mk'));
    expect(next(cli)).toEqual([T('cryptounit-compare'), T('cryptounit-mk-rotate')]);
  });

  it('a failure of another command than the rotation: log in, then the rotation the registers call for (not the failed command)', () => {
    const c = keyparts(...loadedAndCommitted, authFailure('cryptounit-compare'));
    expect([c.phase, next(c)]).toEqual(['auth-expired', [T('login').replace('tke ', ''), T('cryptounit-mk-rotate')]]);
  });
});

describe('the refusal table itself, whatever phase the decision stops at', () => {
  const knowledgeOf = (...parts: string[][]) => gatherKnowledge(scanTranscripts(files(...parts)), undefined, undefined);

  it('a rotation whose end was not seen may have begun re-encryption: every command that destroys a key is refused, in any phase', () => {
    const killed = gatherKnowledge(
      scanTranscripts([
        {
          file: '#1',
          text: text(['$ ibmcloud tke auto-mk-rotate', ...header()]),
          exit: { code: null, signal: 'SIGKILL' },
        },
      ]),
      undefined,
      undefined,
    );
    expect([killed.any, killed.upper, killed.lostCurrent]).toEqual(['untouched', 'promoted', undefined]);
    for (const phase of ['no-rotation', 'failed-before-new-key', 'precheck-failed'] as const) {
      const refused = forbiddenFor(killed, phase).map((a) => a.command);
      for (const c of ['cryptounit-mk-clrcur', 'cryptounit-zeroize', 'auto-init', 'auto-mk-recover'])
        expect(refused).toContain(T(c));
    }
  });

  it('a setimm that failed with no M2 seen may have promoted a unit: the same commands are refused', () => {
    const refused = forbiddenFor(knowledgeOf(setimm(false)), 'no-rotation').map((a) => a.command);
    for (const c of ['cryptounit-mk-clrcur', 'cryptounit-zeroize', 'auto-init', 'auto-mk-recover'])
      expect(refused).toContain(T(c));
  });

  it('registers read alone with an uncommitted value: auto-mk-rotate is refused over it in every flow', () => {
    const uncommitted = (num: number): UnitSpec => ({
      num,
      current: ['Valid', OLD_VP],
      new: ['Full Uncommitted', NEW_VP],
    });
    for (const flow of ['auto', 'keyparts'] as const) {
      const c = classify({ flow, transcripts: files(mksListing([uncommitted(1), uncommitted(2)])) });
      expect(forbidden(c)).toContain(T('auto-mk-rotate'));
    }
  });

  it('an auto-mk-rotate that printed its re-encryption step (no M1) and failed: auto-mk-rotate is refused for good', () => {
    const rewrapNoM1 = [
      '$ ibmcloud tke auto-mk-rotate',
      ...header(),
      STEP_GENERATE.replace('{unit}', '1'),
      STEP_COPY,
      STEP_COMMIT,
      STEP_REWRAP,
      FAILED,
      HSM_ERROR_LINE,
      'Return code: 49',
      'Reason code: 0',
    ];
    const c = classify({ transcripts: files(rewrapNoM1, mksListing([committed(1), committed(2)])) });
    expect([c.phase, next(c)]).toEqual(['rewrap-interrupted', [T('cryptounit-mk-rotate')]]);
    expect(forbidden(c)).toContain(T('auto-mk-rotate'));
  });
});
