import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/classifier/index.js';
import type { RegisterReading } from '../../../shared/classifier/types.js';

// An auto-mk-rotate whose captured output stops without OK or FAILED: the workstation died.
const cut = `$ ibmcloud tke auto-mk-rotate
API endpoint:     https://cloud.ibm.com
Generating a new random master key in crypto unit 3...
Copying the new master key to the other crypto units...
Committing the new master key...`;

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const unit = (num: number, current: [string, string], next: [string, string]): RegisterReading => ({
  num,
  type: num > 2 ? 'RECOVERY' : 'OPERATIONAL',
  current: { state: current[0] as RegisterReading['current']['state'], vp: current[1] },
  new: { state: next[0] as RegisterReading['new']['state'], vp: next[1] },
});
const run = (registers?: RegisterReading[]) =>
  classify({ transcripts: [{ file: 'cut.txt', text: cut }], ...(registers ? { registers } : {}) });
const commands = (advice: { command: string }[]) => advice.map((a) => a.command);

describe('an interrupted auto-mk-rotate (no OK, no FAILED)', () => {
  it('without a register reading is indeterminate: read the registers, change nothing', () => {
    const c = run();
    expect(c.phase).toBe('indeterminate');
    // Missing evidence (how far it got), not a contradiction: worded as such, a reading settles it.
    expect(c.indeterminateCause).toBe('unfinished');
    expect(c.stop).toBeUndefined();
    expect(commands(c.next)).toEqual(['ibmcloud tke cryptounit-mk']);
    expect(commands(c.forbidden)).toEqual(
      expect.arrayContaining([
        'ibmcloud tke auto-mk-rotate',
        'ibmcloud tke cryptounit-mk-setimm',
        'ibmcloud tke cryptounit-mk-rotate',
      ]),
    );
  });

  it('cites its command line once, with the note that its end was not seen', () => {
    // The command line is both the attempt's start and its failure: one citation, the annotated one.
    expect(run().evidence.filter((e) => e.file === 'cut.txt')).toEqual([
      {
        file: 'cut.txt',
        line: 1,
        text: '$ ibmcloud tke auto-mk-rotate (output ends before OK or FAILED: interrupted)',
      },
    ]);
  });

  it('with every new register committed: cryptounit-mk-rotate, never auto-mk-rotate (M1 may have been lost)', () => {
    const c = run([1, 2, 3, 4].map((n) => unit(n, ['Valid', OLD], ['Full Committed', NEW])));
    expect(c.phase).toBe('rewrap-interrupted');
    expect(c.indeterminateCause).toBeUndefined();
    expect(commands(c.next)).toEqual(['ibmcloud tke cryptounit-mk-rotate']);
    expect(commands(c.forbidden)).toContain('ibmcloud tke auto-mk-rotate');
  });

  it('with no committed new register: auto-mk-rotate again is safe (M1 comes only after commit)', () => {
    const c = run([
      unit(1, ['Valid', OLD], ['Empty', '']),
      unit(2, ['Valid', OLD], ['Empty', '']),
      unit(3, ['Valid', OLD], ['Full Uncommitted', NEW]),
      unit(4, ['Valid', OLD], ['Empty', '']),
    ]);
    expect(c.phase).toBe('failed-before-new-key');
    expect(commands(c.next)).toEqual(['ibmcloud tke auto-mk-rotate']);
  });

  it('with some units promoted: a partial promotion with those units to deselect', () => {
    const c = run([
      unit(1, ['Valid', NEW], ['Empty', '']),
      unit(2, ['Valid', NEW], ['Empty', '']),
      unit(3, ['Valid', OLD], ['Full Committed', NEW]),
      unit(4, ['Valid', OLD], ['Full Committed', NEW]),
    ]);
    expect(c.phase).toBe('partially-promoted');
    expect(c.unitsToDeselect).toEqual([1, 2]);
    expect(commands(c.next)).toEqual([
      'ibmcloud tke cryptounit-rm',
      'ibmcloud tke cryptounit-mk-setimm',
      'ibmcloud tke cryptounit-add',
      'ibmcloud tke cryptounit-compare',
    ]);
    expect(commands(c.forbidden)).toContain('ibmcloud tke auto-mk-rotate');
  });

  it('with registers that match no documented state: indeterminate', () => {
    const c = run([
      unit(1, ['Valid', OLD], ['Full Committed', NEW]),
      unit(2, ['Valid', 'c'.repeat(64)], ['Full Committed', NEW]),
    ]);
    expect(c.phase).toBe('indeterminate');
    expect(c.indeterminateCause).toBe('contradiction');
    expect(commands(c.next)).toEqual([]);
    expect(c.stop).toMatch(/IBM Cloud support/);
  });

  it('is not applied when the output shows the failure (FAILED): the documented row holds', () => {
    const c = classify({
      transcripts: [
        {
          file: 'failed.txt',
          text: `${cut}\nFAILED\nError reported by EP11 crypto module.\nReturn code: 49\nReason code: 0`,
        },
      ],
    });
    expect(c.phase).toBe('failed-before-new-key');
    expect(commands(c.next)).toEqual(['ibmcloud tke auto-mk-rotate']);
  });
});

describe('after a failed pre-check', () => {
  const failed = `$ ibmcloud tke auto-mk-rotate
Initial state check failed: the new master key registers are not in the required state (crypto units 3).
FAILED`;
  const fixed = `$ ibmcloud tke cryptounit-mk-clrnew
Warning: this clears the new master key registers.
OK`;

  it('advises the fix, then, once the fix ran with OK, the command that failed', () => {
    const before = classify({ transcripts: [{ file: 'a.txt', text: failed }] });
    expect(before.phase).toBe('precheck-failed');
    expect(commands(before.next)).toEqual([
      'ibmcloud tke cryptounit-compare',
      'ibmcloud tke cryptounit-mk-clrnew',
      'ibmcloud tke auto-mk-rotate',
    ]);
    const after = classify({
      transcripts: [
        { file: 'a.txt', text: failed },
        { file: 'b.txt', text: fixed },
      ],
    });
    expect(commands(after.next)).toEqual(['ibmcloud tke auto-mk-rotate']);
  });
});

describe('the key-part flow without a failure', () => {
  const load = '$ ibmcloud tke cryptounit-mk-load\nEnter the number of master key parts to load (2 or 3):\n> 2\nOK';
  const commit = '$ ibmcloud tke cryptounit-mk-commit\nOK';

  it('is progress, not a failed rotation: after loading, commit; after committing, rotate', () => {
    const loaded = classify({ flow: 'keyparts', transcripts: [{ file: 'load.txt', text: load }] });
    expect(loaded.phase).toBe('no-rotation');
    expect(commands(loaded.next)).toEqual(['ibmcloud tke cryptounit-mk-commit', 'ibmcloud tke cryptounit-mk-rotate']);
    const committed = classify({
      flow: 'keyparts',
      transcripts: [
        { file: 'load.txt', text: load },
        { file: 'commit.txt', text: commit },
      ],
    });
    expect(commands(committed.next)).toEqual(['ibmcloud tke cryptounit-mk-rotate']);
  });
});
