/**
 * One situation per classifier phase (and a few where the phase's name hides the evidence), each
 * made from real TKE output in the layouts of docs/tke-output.md (test/unit/classifier/tke-text.ts),
 * as the rotation service journals it: every command's transcript, oldest first, register listings
 * included.
 */
import { classify, type Classification, type Phase } from '../../../../shared/classifier/index.js';
import {
  authFailure,
  autoRotate,
  mkRotate,
  mksListing,
  NEW_VP,
  OLD_VP,
  text,
  type UnitSpec,
} from '../../classifier/tke-text.js';

export interface Situation {
  name: string;
  phase: Phase;
  classification: () => Classification;
}

const untouched = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Empty', ''] });
const uncommitted = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Uncommitted', NEW_VP] });
const committed = (num: number): UnitSpec => ({ num, current: ['Valid', OLD_VP], new: ['Full Committed', NEW_VP] });
const promoted = (num: number): UnitSpec => ({ num, current: ['Valid', NEW_VP], new: ['Empty', ''] });

function from(files: string[][]): () => Classification {
  return () => classify({ transcripts: files.map((lines, i) => ({ file: `#${i + 1}`, text: text(lines) })) });
}

/** The situations of the interlock table, by name (the table's row keys). */
export const SITUATIONS = {
  'baseline reading only': { phase: 'no-rotation', classification: from([mksListing([untouched(1), untouched(2)])]) },
  '401 before anything changed': { phase: 'auth-expired', classification: from([authFailure()]) },
  'initial check failed': { phase: 'precheck-failed', classification: from([autoRotate('precheck')]) },
  'uncommitted value, registers alone': {
    phase: 'precheck-failed',
    classification: from([mksListing([uncommitted(1), uncommitted(2)])]),
  },
  'failed before M1': { phase: 'failed-before-new-key', classification: from([autoRotate('before-m1')]) },
  'M1, not M2': { phase: 'rewrap-interrupted', classification: from([autoRotate('after-m1')]) },
  'M1, then a 401 on the recovery': {
    phase: 'auth-expired',
    classification: from([autoRotate('after-m1'), authFailure('cryptounit-mk-rotate')]),
  },
  'key parts: re-encryption began, no M2': {
    phase: 'rewrap-interrupted',
    classification: from([mkRotate('before-m2')]),
  },
  'committed key, registers alone (new rotation after a crash)': {
    phase: 'rewrap-interrupted',
    classification: from([mksListing([committed(1), committed(2)])]),
  },
  'M1 and M2': { phase: 'rewrap-complete', classification: from([autoRotate('after-m2')]) },
  'M1 and M2, unit 1 promoted': {
    phase: 'partially-promoted',
    classification: from([autoRotate('promote-1'), mksListing([promoted(1), committed(2)])]),
  },
  'rotation completed': { phase: 'completed', classification: from([autoRotate('done')]) },
  'key parts: rotation completed': { phase: 'completed', classification: from([mkRotate('done')]) },
  'auto-mk-rotate end not seen': {
    phase: 'indeterminate',
    classification: from([autoRotate('after-m1', { fail: false })]),
  },
  // An uncommitted value after M2: re-encryption cannot have completed under it.
  'M2, then registers that contradict it': {
    phase: 'indeterminate',
    classification: from([autoRotate('after-m2'), mksListing([uncommitted(1), uncommitted(2)])]),
  },
} satisfies Record<string, Omit<Situation, 'name'>>;

export type SituationName = keyof typeof SITUATIONS;
