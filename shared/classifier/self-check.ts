/**
 * The advisor's last look at its own decision before anyone sees it: every command it names is an
 * `ibmcloud` command given with its reason, every unit is a unit number and every failed check one the
 * app knows. A decision that fails this is a defect of the advisor: it becomes `indeterminate`, every
 * mutating command refused, with the defect named, instead of advice nobody can follow safely.
 */
import { ENVIRONMENT_CHECK_IDS, PRECHECK_IDS } from '../tke/messages.js';
import { OUTSIDE_STEPS, SUPPORT } from './commands.js';
import type { Decision } from './decide.js';
import type { AdviceStep } from './types.js';

const KNOWN_CHECKS: ReadonlySet<string> = new Set([...PRECHECK_IDS, ...ENVIRONMENT_CHECK_IDS]);
/** Shorter than any reason the advisor gives ("Read-only." alone is not a reason). */
const MIN_WHY = 12;

/** What is wrong with a decision, or null when nothing is. */
export function decisionDefect(d: Decision): string | null {
  const lists: [string, readonly AdviceStep[]][] = [
    ['next', d.next],
    ['forbidden', d.forbidden],
  ];
  for (const [list, advice] of lists) {
    for (const a of advice) {
      // `?.`: an entry that is not an object (or is null) names no command either. A step IBM documents
      // outside the CLI (setting TKE_PRIVATE_ADDR) may be advised, never refused.
      const step = list === 'next' && OUTSIDE_STEPS.includes(a?.command);
      if (typeof a?.command !== 'string' || !(a.command.startsWith('ibmcloud ') || step))
        return `an entry of ${list} names no ibmcloud command`;
      if (typeof a.why !== 'string' || a.why.trim().length < MIN_WHY)
        return `${a.command} in ${list} is given without its reason`;
    }
  }
  const units: [string, readonly number[]][] = [
    ['unitsToDeselect', d.unitsToDeselect],
    ['unitsToReselect', d.unitsToReselect],
  ];
  for (const [list, nums] of units) {
    if (nums.some((u) => !Number.isSafeInteger(u) || u < 0))
      return `${list} holds something that is not a crypto unit number`;
  }
  if (d.failedChecks.some((c) => !KNOWN_CHECKS.has(c))) return 'failedChecks names a check the app does not know';
  if (d.stop?.trim() === '') return 'it stops without saying why';
  return null;
}

/** The decision, or `indeterminate` refusing `mutating` when the decision has a defect. */
export function selfChecked(d: Decision, mutating: () => AdviceStep[]): Decision {
  const defect = decisionDefect(d);
  if (defect === null) return d;
  return {
    phase: 'indeterminate',
    cause: 'defect',
    next: [],
    forbidden: mutating(),
    unitsToDeselect: [],
    unitsToReselect: [],
    failedChecks: [],
    stop: `The advisor found a defect in its own advice (${defect}). Change nothing and report it. ${SUPPORT}`,
  };
}
