import { describe, expect, it } from 'vitest';
import { classify, formatClassification } from '../../../shared/classifier/index.js';
import {
  INDETERMINATE_CAUSES,
  type Classification,
  type IndeterminateCause,
} from '../../../shared/classifier/types.js';

const indeterminate = (cause: IndeterminateCause | undefined): Classification => ({
  phase: 'indeterminate',
  flow: 'auto',
  next: [],
  forbidden: [],
  evidence: [],
  unitsToDeselect: [],
  failedChecks: [],
  ...(cause === undefined ? {} : { indeterminateCause: cause }),
});

/** The line after the phase's words (line 0 names the phase, line 1 says it in words). */
const afterPhaseWords = (c: Classification): string | undefined => formatClassification(c).split('\n')[2];

const WHY: Record<IndeterminateCause, string> = {
  contradiction: 'Why indeterminate: the evidence is contradictory (contradiction).',
  unfinished: 'Why indeterminate: how far the last command got is not known: its end was not seen (unfinished).',
  undocumented: 'Why indeterminate: how far the rotation got rests on output IBM does not document (undocumented).',
  defect: 'Why indeterminate: the advisor found a defect in its own advice (defect).',
};

describe('formatClassification', () => {
  it.each(INDETERMINATE_CAUSES)('names the cause %s in plain words after the phase words', (cause) => {
    expect(afterPhaseWords(indeterminate(cause))).toBe(WHY[cause]);
  });

  it('says nothing of a cause when the classification has none (a settled phase, an older record)', () => {
    expect(formatClassification(indeterminate(undefined))).not.toContain('Why indeterminate');
    expect(afterPhaseWords(indeterminate(undefined))).toBe('');
  });

  it('says why for a real interrupted capture: its end was not seen', () => {
    const c = classify({
      transcripts: [{ file: 'cut.txt', text: '$ ibmcloud tke auto-mk-rotate\nCommitting the new master key...\n' }],
    });
    expect(c.indeterminateCause).toBe('unfinished');
    expect(afterPhaseWords(c)).toBe(WHY.unfinished);
  });
});
