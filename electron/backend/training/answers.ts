/** Answers the simulator's prompts for a training command (passwords are the scenarios' known one). */
import { autoAnswer, type Answerer } from '../../../shared/sim/index.js';

/** An answerer for one command; `units` answers crypto unit selections. */
export function trainingAnswers(units: readonly number[]): Answerer {
  return (pending) => {
    // Passwords, tokens, confirmations and the instance, as every simulator host answers them.
    const common = autoAnswer(pending);
    if (common !== undefined) return common;
    const p = pending.toLowerCase();
    if (p.includes('crypto unit num')) return units.join(' ');
    // cryptounit-mk-load asks for its parts in one answer; the training scenarios have three.
    if (p.includes('keynum values of the master key parts')) return '1 2 3';
    if (p.includes('keynum values of the signature keys')) return '1 2';
    return undefined;
  };
}
