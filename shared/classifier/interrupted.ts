/**
 * An auto-mk-rotate whose output ends without OK or FAILED (the workstation or the app died, the
 * terminal was closed) proves nothing by the absence of M1: M1 may have been printed after the
 * captured output. Only a register reading can tell, so the decision rests on it.
 */
import { isNewRegisterReady } from '../tke/types.js';
import { AUTO_MK_ROTATE, MK_CLRNEW, MK_COMMIT, MK_LOAD, MK_ROTATE, MK_SETIMM, MKS, SUPPORT, UNIT_RM } from './commands.js';
import type { Facts } from './facts.js';
import { forbiddenFor } from './forbidden.js';
import { checkRegisters, shortVp } from './registers-check.js';
import type { Advice, Phase, RegisterReading } from './types.js';

export interface InterruptedDecision {
  phase: Phase;
  next: Advice[];
  forbidden: Advice[];
  unitsToDeselect: number[];
}

const WHY_AUTO_UNKNOWN =
  'The last auto-mk-rotate was interrupted without OK or FAILED: M1 may have been printed after the captured output, so part of key storage may already be re-encrypted under the new master key. Re-running auto-mk-rotate would then make key storage unusable.';
const WHY_UNKNOWN_SETIMM = 'M2 was not seen: promoting the new master key before re-encryption finished makes key storage unusable.';

/** True when the decisive attempt is an auto-mk-rotate interrupted before its end and M1 was not seen. */
export function isInterruptedAuto(f: Facts): boolean {
  return f.flow === 'auto' && f.m1.length === 0 && f.m2.length === 0 && f.lastFailure?.kind === 'unfinished' && f.lastFailure.attempt.role === 'rotate-auto';
}

function guarded(): Advice[] {
  // Everything but the two safe commands once every unit holds a committed new key.
  return [
    { command: AUTO_MK_ROTATE, why: WHY_AUTO_UNKNOWN },
    { command: MK_CLRNEW, why: 'The new registers may hold the master key that part of key storage is already re-encrypted under.' },
    { command: MK_LOAD, why: 'Loading key parts would replace a new master key that key storage may already be re-encrypted under.' },
    { command: MK_COMMIT, why: 'A new load/commit cycle would replace the new master key.' },
    { command: MK_SETIMM, why: WHY_UNKNOWN_SETIMM },
  ];
}

/** Decide for an interrupted auto-mk-rotate from the register reading (or ask for one). */
export function decideInterrupted(f: Facts, registers: readonly RegisterReading[] | undefined): InterruptedDecision {
  const rest = (phase: Phase) => forbiddenFor({ phase, flow: 'auto', m1: false, m2: false, keypartRotationStarted: false });
  if (registers === undefined || registers.length === 0) {
    // Unsure: forbid every mutation until a register reading tells how far it got.
    return {
      phase: 'indeterminate',
      next: [{ command: MKS, why: `Read-only, and first: ${WHY_AUTO_UNKNOWN.replace('Re-running auto-mk-rotate would then make key storage unusable.', 'Read the registers to learn how far it got; the advice follows from that reading. If it still does not match a documented state, escalate to IBM support.')}` }],
      forbidden: forbiddenFor({ phase: 'indeterminate', flow: 'auto', m1: false, m2: false, keypartRotationStarted: false }),
      unitsToDeselect: [],
    };
  }
  const currentVps = new Set(registers.map((u) => u.current.vp.toLowerCase()));
  const newVps = new Set(registers.filter((u) => u.new.state !== 'Empty').map((u) => u.new.vp.toLowerCase()));
  const allValid = registers.every((u) => u.current.state.toLowerCase() === 'valid');
  const anyReady = registers.some((u) => isNewRegisterReady(u.new.state));
  const allReady = registers.every((u) => isNewRegisterReady(u.new.state));
  if (allValid && currentVps.size === 1 && !anyReady) {
    // Not every unit holds a committed new key, so M1 (printed only after commit) cannot have come.
    return {
      phase: 'failed-before-new-key',
      next: [{ command: AUTO_MK_ROTATE, why: 'The registers show no committed new master key: the interrupted auto-mk-rotate stopped before M1 and key storage is untouched. Running it again overwrites the new registers with a fresh random value and completes the rotation.' }],
      forbidden: rest('failed-before-new-key'),
      unitsToDeselect: [],
    };
  }
  if (allValid && allReady && currentVps.size === 1 && newVps.size === 1 && ![...currentVps].some((vp) => newVps.has(vp))) {
    const [newVp = ''] = [...newVps];
    return {
      phase: 'rewrap-interrupted',
      next: [{ command: MK_ROTATE, why: `Every new register holds the committed new master key ${shortVp(newVp)}, so re-encryption may have started. cryptounit-mk-rotate (re-)runs re-encryption with that value and promotes it; it is safe whether or not M1 was printed.` }],
      forbidden: guarded().filter((a) => a.command !== MK_ROTATE),
      unitsToDeselect: [],
    };
  }
  const verdict = checkRegisters('rewrapped', registers);
  if (verdict.kind === 'partial') {
    // auto-mk-rotate promotes units only after M2, so a partial promotion proves re-encryption finished.
    return {
      phase: 'partially-promoted',
      next: [
        { command: UNIT_RM, why: `Deselect crypto units ${verdict.promoted.join(', ')}: they already hold the new master key ${shortVp(verdict.newVp)} as current (auto-mk-rotate promotes only after re-encryption completed).` },
        { command: MK_SETIMM, why: `Then promote the new master key on the remaining units, whose current register still holds ${shortVp(verdict.oldVp)}.` },
      ],
      forbidden: forbiddenFor({ phase: 'partially-promoted', flow: 'auto', m1: true, m2: true, keypartRotationStarted: false }),
      unitsToDeselect: verdict.promoted,
    };
  }
  return {
    phase: 'indeterminate',
    next: [{ command: MKS, why: `Read-only. The interrupted auto-mk-rotate left registers that match no documented state. Change nothing and escalate: ${SUPPORT}` }],
    forbidden: forbiddenFor({ phase: 'indeterminate', flow: 'auto', m1: false, m2: false, keypartRotationStarted: false }),
    unitsToDeselect: [],
  };
}
