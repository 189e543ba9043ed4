/**
 * The commands refused in each situation, with the reason. See docs/classifier.md for the table. The
 * refusals use every piece of evidence, inferred strings included, and the furthest level a command
 * whose end was not seen may have reached: caution never waits for proof.
 */
import { MUTATING_COMMANDS } from '../tke/messages.js';
import {
  AUTO_MK_RECOVER, AUTO_MK_ROTATE, MK_CLRNEW, MK_COMMIT, MK_LOAD, MK_ROTATE, MK_SETIMM, mutating, tke,
} from './commands.js';
import type { Knowledge } from './knowledge.js';
import { atLeast, maxLevel } from './progress.js';
import type { Advice, Phase } from './types.js';

const WHY = {
  autoAfterM1:
    'M1 ("Delaying 30 seconds to allow server to discover new master key values") was printed in this rotation: part of key storage may already be wrapped under the new master key in the new registers; auto-mk-rotate would replace that value and make key storage unusable.',
  autoAfterStart:
    'Re-encryption of key storage to the new master key in the new registers has (or may have) started; auto-mk-rotate would overwrite the new registers and make key storage unusable.',
  autoOverLoaded: 'The new registers hold a value these transcripts do not explain; auto-mk-rotate would overwrite it. Clear it deliberately first.',
  clrnew:
    'The new registers hold the master key that key storage is (or may be) re-encrypted under; clearing them destroys that value.',
  load: 'Loading key parts would replace the new master key that key storage is (or may be) re-encrypted under.',
  clrcur:
    'The current registers hold the master key that the part of key storage not yet re-encrypted (on promoted ' +
    'units: all of it) is wrapped under; clearing them destroys that value. IBM never clears a register once ' +
    're-encryption has started.',
  zeroize:
    'Zeroizing clears both master key registers while key storage holds data wrapped under them; IBM: crypto ' +
    'units must not be zeroized while key storage holds data.',
  autoInit:
    'auto-init initializes the crypto units afresh, master key registers included: it would replace the master ' +
    'keys that key storage is (or may be) wrapped under.',
  recover:
    "auto-mk-recover copies a recovery crypto unit's current master key through the new registers of the other " +
    'units: it would overwrite the new master key that key storage is (or may be) re-encrypted under.',
  signers:
    'A rotation is under way: its recovery commands need signatures from the administrators and signature ' +
    'keys in place now. Removing an administrator or a signature key file, or changing the thresholds, could ' +
    'leave them unsignable mid-rotation. Finish the rotation first.',
  failover:
    'failover-enable initializes failover crypto units from the master key registers while a rotation is ' +
    'changing them: finish the rotation first.',
  mkRm:
    'The master key part files are the only copy outside the crypto units of the master key key storage is ' +
    '(or may be) re-encrypted under: keep them until the rotation is finished.',
  commit: 'The new master key is already committed; a new load/commit cycle would replace it.',
  rotateAfterM2:
    'M2 was printed: key storage is already re-encrypted under the new master key; only promotion remains, and re-running re-encryption against partly promoted units is not a documented recovery.',
  setimmBeforeM2:
    'M2 ("KMS CRK rewrap successful, waiting on cryptounit-mk-setimm") was not seen: key storage is not (fully) re-encrypted under the new master key, so promoting it would make key storage unusable.',
  lostCurrent:
    'A crypto unit lost its current master key (cleared, zeroized or replaced) and no rotation is under way: copy it back ' +
    'from the recovery crypto unit with auto-mk-recover and confirm it with a register reading first. A rotation started ' +
    'now would begin without the master key that key storage is wrapped under in that unit.',
  unsupported:
    'auto-mk-rotate refused this service instance (PKCS #11 keystores enabled, or no recovery crypto units) and ' +
    'would refuse it again: IBM rotates such an instance with master key part files or smart cards.',
  indeterminate:
    'The evidence does not establish the state safely (a contradiction, or a command whose end was not seen): no command that changes registers or key storage is safe until the state is understood.',
} as const;

/** Why a command is refused: the reasons above, by id (the UI words each one in its language). */
export type ForbiddenReasonId = keyof typeof WHY;
export const FORBIDDEN_REASONS: Readonly<Record<ForbiddenReasonId, string>> = WHY;

/** The reason a refusal's text carries (an advice's `why`, or a message quoting one); undefined for another text. */
export function forbiddenReasonId(text: string): ForbiddenReasonId | undefined {
  return (Object.keys(WHY) as ForbiddenReasonId[]).find((id) => text.includes(WHY[id]));
}

/** The forbidden commands for a classified situation, most dangerous first, without duplicates. */
export function forbiddenFor(k: Knowledge, phase: Phase): Advice[] {
  if (phase === 'indeterminate') {
    return MUTATING_COMMANDS.map((c) => ({ command: mutating(c), why: WHY.indeterminate }));
  }
  const out: Advice[] = [];
  const add = (command: string, why: string): void => {
    if (!out.some((a) => a.command === command)) out.push({ command, why });
  };
  const done = phase === 'completed';
  const furthest = maxLevel(k.any, k.upper);
  // Once M1 (or any other sign that re-encryption began) is seen anywhere, auto-mk-rotate stays
  // forbidden for good, in every phase.
  if (k.m1.length > 0) add(AUTO_MK_ROTATE, WHY.autoAfterM1);
  if (k.rewrapSeen) add(AUTO_MK_ROTATE, WHY.autoAfterStart);
  if (k.autoUnsupported !== undefined) add(AUTO_MK_ROTATE, WHY.unsupported);
  // A current register lost with no rotation under way (IBM's recover page): no rotation may begin
  // until auto-mk-recover put the key back. Its reading comes before any rotation command, so its
  // history is unknown, but every new register is Empty: there is nothing to re-encrypt under yet.
  const noRotationLostCurrent = k.lostCurrent !== undefined && !atLeast(k.any, 'loaded');
  if (noRotationLostCurrent) {
    add(AUTO_MK_ROTATE, WHY.lostCurrent);
    add(MK_LOAD, WHY.lostCurrent);
  } else if (!done && atLeast(furthest, 'rewrapping')) {
    add(AUTO_MK_ROTATE, WHY.autoAfterStart);
    add(MK_CLRNEW, WHY.clrnew);
    add(MK_LOAD, WHY.load);
  }
  // Never a recovery step in IBM's tables once re-encryption may have started: each destroys a value
  // key storage may be wrapped under. (A current register lost with no rotation under way is the
  // recover page's case, where auto-mk-recover is the advice.)
  if (!done && atLeast(furthest, 'rewrapping') && !noRotationLostCurrent) {
    add(tke('cryptounit-mk-clrcur'), WHY.clrcur);
    add(tke('cryptounit-zeroize'), WHY.zeroize);
    add(tke('auto-init'), WHY.autoInit);
    add(AUTO_MK_RECOVER, WHY.recover);
  }
  // Not register commands, but once re-encryption is seen to have begun each could leave the recovery
  // unsignable or its key without a copy. (Before that, changing thresholds or administrators is how
  // a failed initial condition is fixed.)
  if (!done && atLeast(k.any, 'rewrapping')) {
    for (const c of ['cryptounit-admin-rm', 'cryptounit-thrhld-set', 'cryptounit-exit-impr', 'sigkey-rm']) add(tke(c), WHY.signers);
    add(tke('failover-enable'), WHY.failover);
    add(tke('mk-rm'), WHY.mkRm);
  }
  // Once re-encryption is shown to have started, a new load/commit cycle would replace the key storage
  // is under. (Over registers whose history is unknown, committing a committed key changes nothing.)
  if (!done && atLeast(k.any, 'rewrapping')) add(MK_COMMIT, WHY.commit);
  // Registers read with no rotation command in the transcripts, so their history is unknown: in any
  // flow, auto-mk-rotate would overwrite a value nobody explained. (Through
  // decide() this adds nothing: a loaded level is never completed, and without a reading it comes from
  // inferred output alone, which decide() answers as indeterminate before asking here.)
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, see above
  const unknownHistory = !done && k.registersOnly;
  if (unknownHistory && k.rotationAttempts.length === 0 && k.any === 'loaded') {
    add(AUTO_MK_ROTATE, WHY.autoOverLoaded);
  }
  if (!done && atLeast(k.any, 'rewrapped')) add(MK_ROTATE, WHY.rotateAfterM2);
  if (!atLeast(k.strong, 'rewrapped')) add(MK_SETIMM, WHY.setimmBeforeM2);
  return out;
}
