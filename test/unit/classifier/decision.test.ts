import { describe, expect, it } from 'vitest';
import {
  classify,
  type Classification,
  type ClassifyInput,
  type RegisterReading,
} from '../../../shared/classifier/index.js';
import { MUTATING_COMMANDS } from '../../../shared/tke/commands.js';
import {
  M2_REWRAP_SMARTCARD,
  SMARTCARD_ROTATION_STARTED,
  SMARTCARD_ROTATION_SUCCESSFUL,
} from '../../../shared/tke/messages.js';
import { authFailure, autoRotate, login, mkRotate, NEW_VP, OLD_VP, setimm, text } from './tke-text.js';

const AUTO = 'ibmcloud tke auto-mk-rotate';
const ROTATE = 'ibmcloud tke cryptounit-mk-rotate';
const SETIMM = 'ibmcloud tke cryptounit-mk-setimm';
const MKS = 'ibmcloud tke cryptounit-mk';
const RM = 'ibmcloud tke cryptounit-rm';
const CLRNEW = 'ibmcloud tke cryptounit-mk-clrnew';

function run(files: string[][], extra: Omit<ClassifyInput, 'transcripts'> = {}): Classification {
  return classify({
    transcripts: files.map((lines, i) => ({ file: `attempt-${i + 1}.txt`, text: text(lines) })),
    ...extra,
  });
}
const nextOf = (c: Classification): string[] => c.next.map((a) => a.command);
const forbiddenOf = (c: Classification): string[] => c.forbidden.map((a) => a.command);

const old = (vp = OLD_VP): [RegisterReading['current']['state'], string] => ['Valid', vp.toLowerCase()];
function unit(num: number, current: [string, string], next: [string, string]): RegisterReading {
  const reg = ([state, vp]: [string, string]) => ({
    state: state as RegisterReading['current']['state'],
    vp: vp.toLowerCase(),
  });
  return { num, type: 'OPERATIONAL', current: reg(current), new: reg(next) };
}
const ready = (vp = NEW_VP): [string, string] => ['Full Committed', vp];
const empty: [string, string] = ['Empty', ''];

describe('recovery table, recovery-unit flow (auto-mk-rotate)', () => {
  it('neither M1 nor M2: run auto-mk-rotate again', () => {
    const c = run([autoRotate('before-m1')]);
    expect(c.phase).toBe('failed-before-new-key');
    expect(c.flow).toBe('auto');
    expect(nextOf(c)).toEqual([AUTO]);
    expect(forbiddenOf(c)).toEqual([SETIMM]);
    expect(c.evidence.some((e) => e.text.startsWith('Error reported by EP11'))).toBe(true);
  });

  it('M1 not M2: cryptounit-mk-rotate, auto-mk-rotate forbidden', () => {
    const c = run([autoRotate('after-m1')]);
    expect(c.phase).toBe('rewrap-interrupted');
    expect(nextOf(c)).toEqual([ROTATE]);
    expect(forbiddenOf(c)).toEqual(expect.arrayContaining([AUTO, CLRNEW, SETIMM]));
    expect(c.evidence).toContainEqual({
      file: 'attempt-1.txt',
      line: 11,
      text: expect.stringContaining('Delaying 30 seconds'),
    });
  });

  it('M1 and M2: read registers, then setimm (conditional)', () => {
    const c = run([autoRotate('after-m2')]);
    expect(c.phase).toBe('rewrap-complete');
    expect(nextOf(c)).toEqual([MKS, SETIMM]);
    expect(c.next[1]?.why).toMatch(/^Only if every new register is ready/);
    expect(forbiddenOf(c)).toEqual(expect.arrayContaining([AUTO, CLRNEW, ROTATE]));
    expect(forbiddenOf(c)).not.toContain(SETIMM);
  });

  it('M1 and M2 with consistent registers: setimm directly', () => {
    const c = run([autoRotate('after-m2')], { registers: [unit(1, old(), ready()), unit(2, old(), ready())] });
    expect(c.phase).toBe('rewrap-complete');
    expect(nextOf(c)).toEqual([SETIMM]);
  });

  it('M1 and M2, some units promoted: deselect them, then setimm', () => {
    const c = run([autoRotate('promote-1')], {
      registers: [unit(1, old(NEW_VP), empty), unit(2, old(), ready()), unit(3, old(NEW_VP), empty)],
    });
    expect(c.phase).toBe('partially-promoted');
    expect(c.unitsToDeselect).toEqual([1, 3]);
    expect(nextOf(c)).toEqual([RM, SETIMM, 'ibmcloud tke cryptounit-add', 'ibmcloud tke cryptounit-compare']);
    expect(c.next[0]?.why).toContain('1, 3');
    expect(forbiddenOf(c)).toEqual(expect.arrayContaining([AUTO, CLRNEW]));
  });

  it('success output: completed', () => {
    const c = run([autoRotate('done')]);
    expect(c.phase).toBe('completed');
    expect(nextOf(c)).toEqual([MKS]);
    expect(forbiddenOf(c)).toEqual([AUTO]);
  });

  it('registers promoted everywhere after M2: completed', () => {
    const c = run([autoRotate('promote-1')], { registers: [unit(1, old(NEW_VP), empty), unit(2, old(NEW_VP), empty)] });
    expect(c.phase).toBe('completed');
    expect(nextOf(c)).toEqual([]);
  });

  it('setimm OK after M2: completed', () => {
    expect(run([autoRotate('after-m2'), setimm(true)]).phase).toBe('completed');
    expect(run([autoRotate('after-m2'), setimm(false)]).phase).toBe('rewrap-complete');
  });

  it('output cut off after M1 (no OK, no FAILED) asks for a register reading first: the command may have gone on', () => {
    const c = run([autoRotate('after-m1', { fail: false })]);
    expect(c.phase).toBe('indeterminate');
    expect(nextOf(c)).toEqual([MKS]);
    expect(forbiddenOf(c)).toContain(AUTO);
  });

  it('without a shell prompt the command is inferred from its output', () => {
    const c = run([autoRotate('after-m1', { prompt: false })]);
    expect(c.flow).toBe('auto');
    expect(nextOf(c)).toEqual([ROTATE]);
  });
});

describe('milestones are cumulative across attempts', () => {
  it('M1 in an earlier attempt forbids auto-mk-rotate even if the latest failed early', () => {
    const c = run([autoRotate('after-m1'), autoRotate('precheck')]);
    expect(c.phase).toBe('rewrap-interrupted');
    expect(nextOf(c)).toEqual([ROTATE]);
    expect(forbiddenOf(c)).toContain(AUTO);
    expect(c.failedChecks).toEqual(['new-mk']);
  });

  it('M1, then cryptounit-mk-rotate failing before M2: run it again', () => {
    const c = run([autoRotate('after-m1'), mkRotate('before-m2')]);
    expect(c.phase).toBe('rewrap-interrupted');
    expect(nextOf(c)).toEqual([ROTATE]);
  });

  it('M1, then cryptounit-mk-rotate reaching M2: rewrap complete', () => {
    const c = run([autoRotate('after-m1'), mkRotate('after-m2')]);
    expect(c.phase).toBe('rewrap-complete');
    expect(forbiddenOf(c)).toContain(AUTO);
  });

  it('several commands in one file are split at their shell prompts', () => {
    const c = run([[...autoRotate('after-m1'), ...authFailure('cryptounit-mk-rotate')]]);
    expect(c.phase).toBe('auth-expired');
    expect(nextOf(c)).toEqual(['ibmcloud login', ROTATE]);
  });
});

describe('auth-expired', () => {
  it('401 before any milestone: login, then the failed command', () => {
    const c = run([authFailure()]);
    expect(c.phase).toBe('auth-expired');
    expect(nextOf(c)).toEqual(['ibmcloud login', AUTO]);
    expect(c.failedChecks).toEqual(['auth']);
  });

  it('401 after M1 was seen: login then cryptounit-mk-rotate, never auto-mk-rotate', () => {
    const c = run([autoRotate('after-m1'), authFailure()]);
    expect(c.phase).toBe('auth-expired');
    expect(nextOf(c)).toEqual(['ibmcloud login', ROTATE]);
    expect(forbiddenOf(c)).toContain(AUTO);
  });

  it('401 after M2: login then registers and setimm', () => {
    const c = run([autoRotate('after-m2'), authFailure('cryptounit-mk-setimm')]);
    expect(nextOf(c)).toEqual(['ibmcloud login', MKS, SETIMM]);
  });

  it('a successful login after the 401 moves on to the milestone decision', () => {
    const c = run([autoRotate('after-m1'), authFailure(), login()]);
    expect(c.phase).toBe('rewrap-interrupted');
  });

  it('401 on a read-only command before any rotation', () => {
    const c = run([authFailure('cryptounits')]);
    expect(c.phase).toBe('auth-expired');
    expect(nextOf(c)).toEqual(['ibmcloud login', 'ibmcloud tke cryptounits']);
  });
});

describe('precheck-failed', () => {
  it('reports the failed checks and their fixes, then the command again', () => {
    const c = run([autoRotate('precheck')]);
    expect(c.phase).toBe('precheck-failed');
    expect(c.failedChecks).toEqual(['new-mk']);
    // Read-only first: the failure's wording is not published by IBM, so the fix is confirmed before it runs.
    expect(nextOf(c)).toEqual(['ibmcloud tke cryptounit-compare', CLRNEW, AUTO]);
  });

  it('key-part flow: threshold fix, then cryptounit-mk-rotate', () => {
    const c = run([mkRotate('precheck')]);
    expect(c.phase).toBe('precheck-failed');
    expect(c.flow).toBe('keyparts');
    expect(c.failedChecks).toEqual(['thresholds']);
    expect(nextOf(c)).toEqual(['ibmcloud tke cryptounit-compare', 'ibmcloud tke cryptounit-thrhld-set', ROTATE]);
  });

  it('after M1, a pre-check failure of the recovery command never suggests clrnew or auto-mk-rotate', () => {
    const lines = mkRotate('precheck').map((l) =>
      l.replace(
        /the signature thresholds.*/,
        'the new master key registers are not in the required state (crypto units 2).',
      ),
    );
    const c = run([autoRotate('after-m1'), lines]);
    expect(c.phase).toBe('precheck-failed');
    expect(nextOf(c)).not.toContain(CLRNEW);
    expect(nextOf(c)).not.toContain(AUTO);
    expect(nextOf(c)).toContain(ROTATE);
  });
});

describe('recovery table, key-part flow (cryptounit-mk-rotate)', () => {
  it('no M2: run cryptounit-mk-rotate again', () => {
    const c = run([mkRotate('before-m2')]);
    expect(c.phase).toBe('rewrap-interrupted');
    expect(c.flow).toBe('keyparts');
    expect(nextOf(c)).toEqual([ROTATE]);
    expect(forbiddenOf(c)).toEqual(expect.arrayContaining([AUTO, CLRNEW, SETIMM]));
  });

  it('M2: read registers and setimm', () => {
    const c = run([mkRotate('after-m2')]);
    expect(c.phase).toBe('rewrap-complete');
    expect(nextOf(c)).toEqual([MKS, SETIMM]);
  });

  it('M2 and partial promotion', () => {
    const c = run([mkRotate('after-m2')], { registers: [unit(1, old(NEW_VP), empty), unit(2, old(), ready())] });
    expect(c.phase).toBe('partially-promoted');
    expect(c.unitsToDeselect).toEqual([1]);
  });

  it('success: completed', () => {
    expect(run([mkRotate('done')]).phase).toBe('completed');
  });

  it('load failure before rotation: load, commit, rotate', () => {
    const c = run([['$ ibmcloud tke cryptounit-mk-load', 'FAILED', 'Error reported by EP11 crypto module.']]);
    expect(c.phase).toBe('failed-before-new-key');
    expect(nextOf(c)).toEqual(['ibmcloud tke cryptounit-mk-load', 'ibmcloud tke cryptounit-mk-commit', ROTATE]);
  });

  it('the flow given on the command line wins over detection', () => {
    expect(run([autoRotate('before-m1')], { flow: 'keyparts' }).flow).toBe('keyparts');
  });

  it("the TKE application's messages (IBM's smart-card page) are a smart-card rotation, advised in that application's terms", () => {
    const started = run([['Master key rotation started.', 'Error: connection lost']]);
    expect(started.flow).toBe('smartcard');
    // Nothing says the action ended: read the registers before anything.
    expect(started.phase).toBe('indeterminate');
    expect(forbiddenOf(started)).toContain(AUTO);
    // The message is both the action's first line and where its unseen end is noted: quoted once, as printed.
    expect(started.evidence).toEqual([{ file: 'attempt-1.txt', line: 1, text: 'Master key rotation started.' }]);
    const done = run([[SMARTCARD_ROTATION_STARTED, M2_REWRAP_SMARTCARD, SMARTCARD_ROTATION_SUCCESSFUL]]);
    expect(done.phase).toBe('completed');
    // Success without M2 is not positive evidence of completion.
    expect(run([[SMARTCARD_ROTATION_STARTED, SMARTCARD_ROTATION_SUCCESSFUL]]).phase).not.toBe('completed');
    const m2 = run([[SMARTCARD_ROTATION_STARTED, M2_REWRAP_SMARTCARD, 'The operation failed.', 'FAILED']]);
    expect(m2.phase).toBe('rewrap-complete');
    expect(nextOf(m2)).toEqual(['TKE application: check the master key registers', 'TKE application: Set immediate']);
    expect(forbiddenOf(m2)).toEqual(expect.arrayContaining(['TKE application: Rotate', AUTO, SETIMM, ROTATE]));
  });

  it("the reasons name the application's actions, never a CLI command, and quote IBM's messages as they are", () => {
    const failed = run([
      [SMARTCARD_ROTATION_STARTED, 'Re-encrypting key storage...', 'The operation failed.', 'FAILED'],
    ]);
    const texts = [...failed.next, ...failed.forbidden.filter((f) => f.command.startsWith('TKE application: '))].map(
      (a) => a.why,
    );
    expect(texts.length).toBeGreaterThan(1);
    for (const why of texts) {
      const unquoted = why
        .split('"')
        .filter((_, i) => i % 2 === 0)
        .join('');
      expect(unquoted, why).not.toMatch(/cryptounit-mk-(rotate|setimm|load|commit)|cryptounit-rm\b/);
    }
    expect(texts.join(' ')).toContain("the TKE application's Rotate");
    const setimm = failed.forbidden.find((f) => f.command === 'TKE application: Set immediate');
    expect(setimm?.why).toContain('("KMS CRK rewrap successful, waiting on cryptounit-mk-setimm")');
  });

  it('M2 variants: trailing period and upper case', () => {
    expect(
      run([
        [
          '$ ibmcloud tke cryptounit-mk-rotate',
          'KMS CRK rewrap successful, waiting on cryptounit-mk-setimm.',
          'FAILED',
        ],
      ]).phase,
    ).toBe('rewrap-complete');
    expect(
      run([
        ['$ ibmcloud tke cryptounit-mk-rotate', 'KMS CRK REWRAP SUCCESSFUL, WAITING ON CRYPTOUNIT-MK-SETIMM', 'FAILED'],
      ]).phase,
    ).toBe('rewrap-complete');
  });
});

describe('contradictions make the state indeterminate', () => {
  const expectIndeterminate = (c: Classification): void => {
    expect(c.phase).toBe('indeterminate');
    expect(c.indeterminateCause).toBe('contradiction');
    // The registers were read and contradict the transcripts: nothing is left to run, not even a re-read.
    expect(nextOf(c)).toEqual([]);
    expect(c.stop).toMatch(/IBM Cloud support/);
    expect(forbiddenOf(c)).toEqual(MUTATING_COMMANDS.map((m) => `ibmcloud tke ${m}`));
    expect(c.evidence.some((e) => e.file === 'registers' && e.text.startsWith('register reading contradicts'))).toBe(
      true,
    );
  };

  it('M2 seen but the new registers hold different VPs', () => {
    expectIndeterminate(
      run([autoRotate('after-m2')], {
        registers: [unit(1, old(), ready()), unit(2, old(), ready(OLD_VP.replace('9F', 'AA')))],
      }),
    );
  });

  it("a unit's current VP matches neither the old nor the new value", () => {
    const stray = 'ab'.repeat(32);
    expectIndeterminate(
      run([autoRotate('after-m2')], { registers: [unit(1, old(), ready()), unit(2, old(stray), empty)] }),
    );
  });

  it('M1 seen but a new register is Empty', () => {
    expectIndeterminate(run([autoRotate('after-m1')], { registers: [unit(1, old(), ready()), unit(2, old(), empty)] }));
  });

  it('M1 seen but a unit is already promoted', () => {
    expectIndeterminate(
      run([autoRotate('after-m1')], { registers: [unit(1, old(NEW_VP), ready()), unit(2, old(), ready())] }),
    );
  });

  it('completion reported but registers not promoted', () => {
    expectIndeterminate(run([autoRotate('done')], { registers: [unit(1, old(), ready()), unit(2, old(), ready())] }));
  });

  it('nothing placed yet but current registers differ', () => {
    expectIndeterminate(
      run([autoRotate('before-m1')], { registers: [unit(1, old(), empty), unit(2, old(NEW_VP), empty)] }),
    );
  });

  it('key-part rotation started but a new register is uncommitted', () => {
    expectIndeterminate(run([mkRotate('before-m2')], { registers: [unit(1, old(), ['Full Uncommitted', NEW_VP])] }));
  });

  it('new registers read as the documentation spelling Valid are accepted as ready', () => {
    const c = run([autoRotate('after-m2')], {
      registers: [unit(1, old(), ['Valid', NEW_VP]), unit(2, old(), ['Valid', NEW_VP])],
    });
    expect(c.phase).toBe('rewrap-complete');
  });
});

describe('no rotation', () => {
  it('read-only commands only', () => {
    const c = run([['$ ibmcloud tke cryptounits', 'OK']]);
    expect(c.phase).toBe('no-rotation');
    expect(c.next).toEqual([]);
  });

  it('an empty transcript', () => {
    expect(run([[]]).phase).toBe('no-rotation');
  });
});
