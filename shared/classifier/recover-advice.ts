/**
 * IBM's recover page (docs/domain.md): a unit whose current master key register is not Valid while no
 * rotation is under way gets the current master key copied back from a recovery crypto unit
 * (auto-mk-recover). decide.ts uses it instead of the rotation levels' advice (level-advice.ts).
 */
import { AUTO_MK_RECOVER, COMPARE } from './commands.js';
import type { Base } from './failures.js';
import type { Knowledge } from './knowledge.js';
import { read } from './level-advice.js';

/** A unit lost its current master key while no rotation runs: IBM's recover page copies it back. */
export function lostCurrent(lost: NonNullable<Knowledge['lostCurrent']>): Base {
  const units = lost.units.join(', ');
  if (lost.recovered !== undefined) {
    // auto-mk-recover ended OK: running it again adds nothing; what is left is to see that it worked.
    return {
      phase: 'no-rotation',
      failedChecks: [],
      unitsToDeselect: [],
      next: [
        read(
          `auto-mk-recover ended OK. Confirm that crypto unit ${units} now holds the same current master key as the others, Valid, before anything else.`,
        ),
        { command: COMPARE, why: 'Read-only: confirm every crypto unit is configured the same.' },
      ],
    };
  }
  return {
    // No rotation is under way: what is missing is the current key of some units, not a rotation step.
    phase: 'no-rotation',
    failedChecks: [],
    unitsToDeselect: [],
    next: [
      {
        command: AUTO_MK_RECOVER,
        why: `The current master key register of crypto unit ${units} is not Valid (cleared, zeroized or replaced) and no rotation is under way. auto-mk-recover copies the current master key value from a recovery crypto unit, which holds the only backup, into it. Select the recovery unit and the target units first (cryptounit-add) and check them with cryptounit-compare.`,
      },
      { command: COMPARE, why: 'Read-only: confirm every crypto unit now holds the same current master key, Valid.' },
    ],
  };
}
