/**
 * Training's interlock policy, the one way (with its simulator) a training run differs from a
 * rotation: guided mode refuses what the rotation service would refuse; exam mode lets the trainee
 * carry out any choice on the in-memory simulator and see its consequences.
 */
import type { Classification } from '../../../shared/classifier/types.js';
import type { TrainingChoice, TrainingMode } from '../../../shared/training/index.js';
import { forbiddenReason } from '../rotation/interlocks.js';

/** Why a choice is refused before it runs, or null when it may run. */
export type TrainingPolicy = (classification: Classification, choice: TrainingChoice) => string | null;

/** Guided: the rotation's interlocks. A TKE application action is refused under its own name; a CLI command by what it runs. */
export const guidedPolicy: TrainingPolicy = (classification, c) => {
  if (!c.argv) return null;
  if (c.tool === 'app') {
    const refusal = classification.forbidden.find((f) => f.command === c.typed);
    return refusal ? `${c.typed} is refused: ${refusal.why}` : null;
  }
  return forbiddenReason(classification, c.argv);
};

/** Exam: nothing is refused (the simulator is the only executor; the score shows the consequence). */
export const examPolicy: TrainingPolicy = () => null;

export function policyFor(mode: TrainingMode): TrainingPolicy {
  return mode === 'guided' ? guidedPolicy : examPolicy;
}
