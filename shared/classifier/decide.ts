/** The decision table of domain.md: phase and ordered next commands from facts and registers. */
import { fixesFor } from '../precheck/fixes.js';
import { checkRegisters, shortVp, type RegisterExpectation, type RegisterVerdict } from './registers-check.js';
import { AUTO_MK_ROTATE, LOGIN, MK_COMMIT, MK_LOAD, MK_ROTATE, MK_SETIMM, MKS, SUPPORT, UNIT_RM } from './commands.js';
import type { Facts } from './facts.js';
import { forbiddenFor } from './forbidden.js';
import { decideInterrupted, isInterruptedAuto } from './interrupted.js';
import type { Advice, Phase, RegisterReading } from './types.js';

export interface Decision {
  phase: Phase;
  next: Advice[];
  forbidden: Advice[];
  unitsToDeselect: number[];
  verdict: RegisterVerdict | undefined;
}

/** The state the milestones alone prove, before auth and pre-check failures are considered. */
type BaseState = 'no-rotation' | 'failed-before-new-key' | 'rewrap-interrupted' | 'rewrap-complete' | 'completed';

function baseState(f: Facts): BaseState {
  const m2 = f.m2.length > 0;
  if (f.completion !== undefined && (f.lastFailure === undefined || f.lastFailure.attempt.index <= f.completion.attempt)) {
    return 'completed';
  }
  if (m2) return 'rewrap-complete';
  if (f.flow === 'auto') {
    if (f.m1.length > 0) return 'rewrap-interrupted';
    return f.rotationAttempts.length > 0 ? 'failed-before-new-key' : 'no-rotation';
  }
  if (f.keypartRotationStarted || f.m1.length > 0) return 'rewrap-interrupted';
  // Loading and committing parts without a failure is progress, not a failed rotation.
  return f.lastFailure !== undefined ? 'failed-before-new-key' : 'no-rotation';
}

function expectationOf(base: BaseState): RegisterExpectation | undefined {
  switch (base) {
    case 'no-rotation':
      return undefined;
    case 'failed-before-new-key':
      return 'untouched';
    case 'rewrap-interrupted':
      return 'new-key-placed';
    case 'rewrap-complete':
    case 'completed':
      return 'rewrapped';
  }
}

const WHY_AUTO_AGAIN =
  'Neither M1 nor M2 was printed: the new master key was not (fully) placed and key storage is untouched. Running auto-mk-rotate again overwrites the new registers with a fresh random value and completes the rotation.';
const WHY_MK_ROTATE_M1 =
  'M1 was printed but not M2: re-encryption of key storage had started. cryptounit-mk-rotate restarts re-encryption with the value already in the new registers (it does not replace it).';
const WHY_MK_ROTATE_KEYPARTS =
  'M2 was not printed: re-encryption did not finish. Run cryptounit-mk-rotate again; it re-encrypts with the committed value already in the new registers.';
const WHY_SETIMM_WARNING =
  'Its warning about key storage can be passed: key storage is already re-encrypted under the new master key (M2).';

function keypartsRetry(f: Facts): Advice[] {
  const cmd = f.failedCommand;
  if (cmd === MK_LOAD) {
    return [
      { command: MK_LOAD, why: 'Loading the key parts failed before re-encryption started: load them again.' },
      { command: MK_COMMIT, why: 'Then commit the new master key.' },
      { command: MK_ROTATE, why: 'Then rotate: re-encrypt key storage and promote the new master key.' },
    ];
  }
  if (cmd === MK_COMMIT) {
    return [
      { command: MK_COMMIT, why: 'Committing failed before re-encryption started: commit again.' },
      { command: MK_ROTATE, why: 'Then rotate: re-encrypt key storage and promote the new master key.' },
    ];
  }
  return [{ command: MK_ROTATE, why: 'Re-encryption had not started: run cryptounit-mk-rotate again.' }];
}

/** The key-part flow's next planned step when nothing has failed: load, commit, then rotate. */
function keypartsProgress(f: Facts): Advice[] {
  if (f.partsCommitted) return [{ command: MK_ROTATE, why: 'The key parts are loaded and committed: rotate (re-encrypt key storage under the new master key, then promote it).' }];
  if (f.partsLoaded) return [{ command: MK_COMMIT, why: 'The key parts are loaded: commit the new master key (threshold signatures) before rotating.' }];
  return f.rotationAttempts.length > 0 ? [{ command: MK_LOAD, why: 'Load the master key parts (2 or 3, each with its own password) into the new registers.' }] : [];
}

function rewrapCompleteNext(verdict: RegisterVerdict | undefined): Advice[] {
  if (verdict?.kind === 'unpromoted') {
    return [
      {
        command: MK_SETIMM,
        why: `M2 was printed and the registers agree: every new register is committed with ${shortVp(verdict.newVp)} and every current register is Valid with ${shortVp(verdict.oldVp)}. Promote the new master key. ${WHY_SETIMM_WARNING}`,
      },
    ];
  }
  return [
    {
      command: MKS,
      why: 'Read-only: M2 was printed, so key storage is re-encrypted and only promotion remains. Read the registers of every unit first.',
    },
    {
      command: MK_SETIMM,
      why: `Only if every new register is ready (Full Committed, documented as Valid) with one verification pattern and every current register is Valid with one other pattern. If some units already show the new value as current with an Empty new register, deselect them first (run mkra classify again with --registers). ${WHY_SETIMM_WARNING}`,
    },
  ];
}

function nextFor(base: BaseState, f: Facts, verdict: RegisterVerdict | undefined, hasRegisters: boolean): Advice[] {
  switch (base) {
    case 'no-rotation':
      return f.flow === 'keyparts' ? keypartsProgress(f) : [];
    case 'failed-before-new-key':
      return f.flow === 'auto' ? [{ command: AUTO_MK_ROTATE, why: WHY_AUTO_AGAIN }] : keypartsRetry(f);
    case 'rewrap-interrupted':
      return [{ command: MK_ROTATE, why: f.m1.length > 0 ? WHY_MK_ROTATE_M1 : WHY_MK_ROTATE_KEYPARTS }];
    case 'rewrap-complete':
      return rewrapCompleteNext(verdict);
    case 'completed':
      return hasRegisters
        ? []
        : [{ command: MKS, why: 'Read-only confirmation: every current register should show the new verification pattern and every new register Empty.' }];
  }
}

/** Apply the decision table to the gathered facts and an optional register reading. */
export function decide(f: Facts, registers: readonly RegisterReading[] | undefined): Decision {
  let base = baseState(f);
  if (base === 'failed-before-new-key' && isInterruptedAuto(f)) return { ...decideInterrupted(f, registers), verdict: undefined };
  const expectation = expectationOf(base);
  let verdict = registers === undefined || expectation === undefined ? undefined : checkRegisters(expectation, registers);
  if (base === 'completed' && verdict !== undefined && verdict.kind !== 'all-promoted' && verdict.kind !== 'contradiction') {
    const waiting = registers?.filter((u) => u.new.state !== 'Empty').map((u) => u.num) ?? [];
    verdict = { kind: 'contradiction', reason: 'completion was reported but not every unit is promoted', units: waiting };
  }
  const ctx = (phase: Phase): Decision['forbidden'] =>
    forbiddenFor({ phase, flow: f.flow, m1: f.m1.length > 0, m2: f.m2.length > 0, keypartRotationStarted: f.keypartRotationStarted });

  if (verdict?.kind === 'contradiction') {
    return {
      phase: 'indeterminate',
      next: [
        {
          command: MKS,
          why: `Read-only. The register reading contradicts the transcripts (${verdict.reason}). Re-read the registers, change nothing, and escalate: ${SUPPORT}`,
        },
      ],
      forbidden: ctx('indeterminate'),
      unitsToDeselect: [],
      verdict,
    };
  }
  if (base === 'rewrap-complete' && verdict?.kind === 'all-promoted') base = 'completed';
  let phase: Phase = base;
  let next = nextFor(base, f, verdict, registers !== undefined);
  let unitsToDeselect: number[] = [];
  if (base === 'rewrap-complete' && verdict?.kind === 'partial') {
    phase = 'partially-promoted';
    unitsToDeselect = verdict.promoted;
    next = [
      {
        command: UNIT_RM,
        why: `Deselect crypto units ${verdict.promoted.join(', ')}: they already hold the new master key ${shortVp(verdict.newVp)} as current and their new register is Empty.`,
      },
      {
        command: MK_SETIMM,
        why: `Then promote the new master key on the remaining units, whose current register still holds ${shortVp(verdict.oldVp)}. ${WHY_SETIMM_WARNING}`,
      },
    ];
  }
  const failure = f.lastFailure;
  const retryNeeded = phase !== 'completed';
  if (retryNeeded && failure?.kind === 'auth' && f.loginAfterFailure === undefined) {
    phase = 'auth-expired';
    const retry = next.length > 0 || f.failedCommand === undefined ? next : [{ command: f.failedCommand, why: 'Then run the command that failed again.' }];
    next = [{ command: LOGIN, why: 'The last command failed with status 401: the access token is invalid or expired (tokens last one hour). Nothing was changed by that command.' }, ...retry];
  } else if (retryNeeded && failure?.kind === 'precheck') {
    const forbidden = new Set(ctx(base).map((a) => a.command));
    // A refused auto-mk-rotate after M1 (or a re-encryption after M2) changed nothing; the recovery
    // command decided by the milestones stays the answer, not fixing that command's pre-checks.
    const refusedForbidden = f.failedCommand !== undefined && forbidden.has(f.failedCommand);
    if (!refusedForbidden) {
      phase = 'precheck-failed';
      // A fix that already ran with OK since the failure is not advised again; the retry is next.
      const fixes = f.failedChecks.flatMap((id) => fixesFor(id, f.flow)).filter((a) => !forbidden.has(a.command) && !f.succeededAfterFailure.has(a.command));
      const retry = next.length > 0 || f.failedCommand === undefined ? next : [{ command: f.failedCommand, why: 'Then run the command that failed again.' }];
      next = [...fixes, ...retry.map((a, i) => (i === 0 ? { ...a, why: `After fixing the failed pre-checks: ${a.why}` } : a))];
    }
  }
  return { phase, next, forbidden: ctx(phase === 'auth-expired' || phase === 'precheck-failed' ? base : phase), unitsToDeselect, verdict };
}
