/** What a rehearsal on a twin reports (the `twin:rehearse` channel and the real run's journal). */
import type { PrecheckResult } from '../precheck/types.js';

/** One fault rehearsed: the rotation failed there, then the advisor's commands were followed. */
export interface RehearsedFault {
  /** `<point>` or `<point>:crash` (shared/sim/faults.ts). */
  fault: string;
  /** Completed with no key lost, following only the advisor's first command each time. */
  recovered: boolean;
  /** The commands run after the failure, as typed. */
  recovery: string[];
  finalPhase: string;
  keysLost: number;
  /** Why following the advice stopped short of completion (null when recovered). */
  stoppedBecause: string | null;
  /**
   * Where the ceremony asked the administrator to decide, and what the rehearsal answered: a
   * confirmation (`y`) or the crypto units to select or deselect, each as `<command>: <what>`.
   */
  decisions: string[];
}

export interface RehearsalResult {
  /** SHA-256 of the twin file's bytes, hex. */
  twinSha256: string;
  twinCapturedAt: string;
  instanceId: string;
  flow: 'auto';
  ranAt: string;
  /**
   * The app's pre-checks run on the twin as captured, before any fault: the ones that did not pass,
   * with their fixes, to settle before the real run (a failed one also stops the real rotation).
   */
  prechecks: PrecheckResult[];
  /** How long the whole rehearsal took, in milliseconds. */
  tookMs: number;
  faults: RehearsedFault[];
  /** True when every fault was recovered from. */
  allRecovered: boolean;
}

const DECISION_PREFIX = 'Rehearsed on a twin first';

/** Whether a decision text claims a rehearsal (only the backend writes those). */
export function isRehearsalDecision(what: string): boolean {
  return what.trim().toLowerCase().startsWith(DECISION_PREFIX.toLowerCase());
}

/** One line for the real run's journal and signed report. */
export function rehearsalDecision(r: RehearsalResult): string {
  const recovered = r.faults.filter((f) => f.recovered).length;
  const failed = r.faults.filter((f) => !f.recovered).map((f) => f.fault);
  return (
    `${DECISION_PREFIX} (${r.ranAt}): twin sha256 ${r.twinSha256}, captured ${r.twinCapturedAt}, ` +
    `faults rehearsed: ${r.faults.map((f) => f.fault).join(', ')}; ` +
    `outcome: recovered from ${recovered} of ${r.faults.length}` +
    (failed.length > 0 ? `, not recovered: ${failed.join(', ')}` : '') +
    `, ${r.faults.reduce((n, f) => n + f.keysLost, 0)} keys lost.`
  );
}
