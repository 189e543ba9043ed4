/**
 * One pass over the attempts, oldest first, that keeps what is known of the rotation: the level the
 * evidence proves (`strong`: documented strings, the process exit, register readings; `any`: inferred
 * strings too), the furthest level it may have reached unseen (`upper`), the old and new master keys'
 * verification patterns, and any contradiction between transcripts and registers. The fold is in
 * fold.ts (readings: fold-reading.ts), the facts about one attempt in attempt-facts.ts.
 */
import { afterRefusal, detectFlow, has, typedOf } from './attempt-facts.js';
import { Fold } from './fold.js';
import type { Knowledge } from './knowledge-types.js';
import { changedNothing, failureOf, type Attempt } from './scan.js';
import type { Flow, RegisterReading } from './types.js';

export type { Contradiction, Knowledge, PartialRecovery, Reading } from './knowledge-types.js';

/** Fold the attempts (and a final reading given apart, e.g. `--registers`) into what is known. */
export function gatherKnowledge(
  attempts: readonly Attempt[],
  givenFlow: Flow | undefined,
  registers: { units: RegisterReading[]; file: string } | undefined,
): Knowledge {
  const sawM1 = attempts.some((a) => has(a, 'M1') !== undefined);
  const detected = detectFlow(attempts, sawM1);
  const flow = afterRefusal(
    attempts,
    givenFlow ?? detected.flow,
    sawM1 || (detected.flow === 'auto' && detected.evidence !== undefined),
  );
  const fold = new Fold(flow?.flow ?? givenFlow ?? detected.flow, flow?.evidence ?? detected.evidence);
  for (const a of attempts) fold.attempt(a);
  if (registers !== undefined)
    fold.reading(registers.units, { file: registers.file, line: 0, text: 'register reading' });
  const k = fold.k;
  k.registersOnly = k.readings.length > 0 && k.rotationAttempts.every((a) => changedNothing(failureOf(a)));
  if (k.lastFailure?.kind === 'precheck') {
    for (const p of k.lastFailure.attempt.prechecks) {
      k.precheckEvidence.push(p.evidence);
      if (p.check !== undefined && !k.failedChecks.includes(p.check)) k.failedChecks.push(p.check);
    }
  }
  k.failedCommand = typedOf(k.lastFailure?.attempt);
  return k;
}
