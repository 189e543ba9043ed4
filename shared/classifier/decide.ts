/**
 * The decision table: from what is known (knowledge.ts) to the phase, the ordered next commands and
 * the units to deselect. IBM's recovery tables decide by level (level-advice.ts), its recover page
 * when a current key was lost with no rotation under way (recover-advice.ts); uncertainty (a
 * command whose end was not seen, evidence that only inferred strings give) asks for a register
 * reading first; a contradiction stops everything.
 */
import type { FailedCheckId } from '../tke/messages.js';
import { LOGIN, SUPPORT, UNIT_ADD, isMutatingAdvice } from './commands.js';
import { overlay, type Base } from './failures.js';
import { forbiddenFor } from './forbidden.js';
import type { Knowledge } from './knowledge.js';
import { baseAt, read } from './level-advice.js';
import { lostCurrent } from './recover-advice.js';
import type { AdviceStep, IndeterminateCause, Phase } from './types.js';

export interface Decision {
  phase: Phase;
  next: AdviceStep[];
  forbidden: AdviceStep[];
  unitsToDeselect: number[];
  unitsToReselect: number[];
  failedChecks: FailedCheckId[];
  stop?: string;
  /** Why the phase is `indeterminate` (set exactly then). */
  cause?: IndeterminateCause;
}

function firstMutating(base: Base): string | undefined {
  return base.next.find((a) => isMutatingAdvice(a.command))?.command;
}

function indeterminate(k: Knowledge, cause: IndeterminateCause, next: AdviceStep[]): Decision {
  return {
    phase: 'indeterminate',
    cause,
    next,
    forbidden: forbiddenFor(k, 'indeterminate'),
    unitsToDeselect: [],
    unitsToReselect: [],
    failedChecks: [],
  };
}

/**
 * When the evidence cannot settle the state: a contradiction, a rotation command whose end was not
 * seen, or inferred output alone changing the command to run. Undefined when it can.
 */
function uncertain(k: Knowledge): Decision | undefined {
  if (k.contradiction !== undefined) {
    const reason = k.contradiction.reason;
    if (k.reading === undefined)
      return indeterminate(k, 'contradiction', [
        read(
          `Something contradicts the documented sequence (${reason}). Read the registers, change nothing, and escalate: ${SUPPORT}`,
        ),
      ]);
    return {
      ...indeterminate(k, 'contradiction', []),
      stop: `The registers contradict the transcripts (${reason}). No command is safe: change nothing and escalate. ${SUPPORT}`,
    };
  }
  if (k.unfinished !== undefined) {
    const failure = k.lastFailure;
    // The unfinished command is itself the last failure until a later one, so a 401 here came after it.
    // Stryker disable next-line OptionalChaining: equivalent, a failure is always recorded by now
    const login = failure?.kind === 'auth' && k.loginAfterFailure === undefined;
    return indeterminate(k, 'unfinished', [
      ...(login
        ? [
            {
              command: LOGIN,
              why: 'The register reading failed with status 401: log in again first (tokens last one hour).',
            },
          ]
        : []),
      read(
        `${k.unfinished.start.text || 'The last rotation command'} ended without OK or FAILED (killed, crashed, or the capture stops): it may have gone further than its output shows. Read the registers first; the advice follows from that reading.`,
      ),
    ]);
  }
  // Inferred output may only add caution: when it alone would change the command to run (it raised
  // `any` above `strong` to a level whose first command differs), read first.
  if (k.reading === undefined && firstMutating(baseAt(k.strong, k)) !== firstMutating(baseAt(k.any, k))) {
    return indeterminate(k, 'undocumented', [
      read(
        'The only evidence of how far the rotation got is output that IBM does not document. Read the registers first; the advice follows from that reading.',
      ),
    ]);
  }
  return undefined;
}

/** Apply the decision table to what is known. */
export function decide(k: Knowledge): Decision {
  const unsettled = uncertain(k);
  if (unsettled !== undefined) return unsettled;
  const level = k.any;
  const forbiddenBase = (phase: Phase): AdviceStep[] => forbiddenFor(k, phase);
  const lost = level === 'untouched' || level === 'promoted' ? k.lostCurrent : undefined;
  const atLevel = lost !== undefined ? lostCurrent(lost) : baseAt(level, k);
  const base = overlay(atLevel, k, forbiddenBase);
  // The refusals follow the rotation's phase, not a failure laid over it. (forbiddenFor tells apart only
  // 'completed' and 'indeterminate', which overlay never replaces, so this choice changes nothing today.)
  // Stryker disable all: equivalent, see above
  const phaseForForbidden =
    base.phase === 'auth-expired' || base.phase === 'precheck-failed' ? atLevel.phase : base.phase;
  // Stryker restore all
  const reselect = base.next.some((a) => a.command === UNIT_ADD) ? k.partial.units : [];
  // k.failedChecks holds the checks of the last failure when it was a pre-check failure, and none otherwise.
  const failedChecks = base.failedChecks ?? atLevel.failedChecks ?? k.failedChecks;
  const forbidden = forbiddenFor(k, phaseForForbidden);
  // Never advise as the next step what is refused (later steps follow a state change): if the evidence
  // both calls for and forbids it, it does not fit one documented rotation: read and stop there.
  const first = base.next[0];
  if (first !== undefined && forbidden.some((f) => f.command === first.command)) {
    return indeterminate(k, 'contradiction', [
      read(
        'The transcripts do not fit one documented rotation (a step they call for is also refused by them). Read the registers, change nothing, and escalate if they do not settle it.',
      ),
    ]);
  }
  return {
    phase: base.phase,
    next: base.next,
    unitsToDeselect: base.unitsToDeselect,
    forbidden,
    unitsToReselect: reselect,
    failedChecks,
    stop: base.stop,
  };
}
