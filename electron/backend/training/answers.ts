/** Answers the simulator's prompts for a training command (passwords are the scenarios' known one). */
import type { Answerer } from '../../../shared/sim/index.js';
import { SCENARIO_PASSWORD, SCENARIO_TOKEN } from '../../../shared/sim/index.js';

/** An answerer for one command; `units` answers crypto unit selections. */
export function trainingAnswers(units: readonly number[]): Answerer {
  return (pending) => {
    const p = pending.toLowerCase();
    if (p.includes('token for the signature key')) return SCENARIO_TOKEN;
    if (p.includes('password')) return SCENARIO_PASSWORD;
    if (p.includes('(y/n)')) return 'y';
    if (p.includes('instance num')) return '1';
    if (p.includes('crypto unit num')) return units.join(' ');
    // cryptounit-mk-load asks for its parts in one answer; the training scenarios have three.
    if (p.includes('keynum values of the master key parts')) return '1 2 3';
    if (p.includes('keynum values of the signature keys')) return '1 2';
    return undefined;
  };
}
