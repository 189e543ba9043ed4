/**
 * The commands refused in each situation, with the reason. See docs/classifier.md for the table. The
 * refusals use every piece of evidence, inferred strings included, and the furthest level a command
 * whose end was not seen may have reached: caution never waits for proof.
 */
import { MUTATING_COMMANDS, REFUSAL_CONDITIONS, TKE_COMMANDS, type RefusalCondition } from '../tke/commands.js';
import { REFUSAL_REASON_IDS, type RefusalReasonId } from '../tke/refusals.js';
import { tke, tkeAdvice } from './commands.js';
import type { Knowledge } from './knowledge.js';
import { atLeast, maxLevel } from './progress.js';
import type { AdviceStep, Phase } from './types.js';

const WHY = {
  autoAfterM1:
    'M1 ("Delaying 30 seconds to allow server to discover new master key values") was printed in this rotation: part of key storage may already be wrapped under the new master key in the new registers; auto-mk-rotate would replace that value and make key storage unusable.',
  autoAfterStart:
    'Re-encryption of key storage to the new master key in the new registers has (or may have) started; auto-mk-rotate would overwrite the new registers and make key storage unusable.',
  autoOverLoaded:
    'The new registers hold a value these transcripts do not explain; auto-mk-rotate would overwrite it. Clear it deliberately first.',
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
} as const satisfies Record<RefusalReasonId | 'indeterminate', string>;

/** Why a command is refused: the reasons above, by id (the UI words each one in its language). */
export type ForbiddenReasonId = keyof typeof WHY;
export const FORBIDDEN_REASONS: Readonly<Record<ForbiddenReasonId, string>> = WHY;

/** The reason a refusal's text carries (an advice's `why`, or a message quoting one); undefined for another text. */
export function forbiddenReasonId(text: string): ForbiddenReasonId | undefined {
  return (Object.keys(WHY) as ForbiddenReasonId[]).find((id) => text.includes(WHY[id]));
}

/** Whether a condition of the command table's "destructive after" column holds for this knowledge. */
export function conditionHolds(condition: RefusalCondition, k: Knowledge, phase: Phase): boolean {
  const done = phase === 'completed';
  // A current register lost with no rotation under way (IBM's recover page): no rotation may begin
  // until auto-mk-recover put the key back. Its reading comes before any rotation command, so its
  // history is unknown, but every new register is Empty: there is nothing to re-encrypt under yet.
  const noRotationLostCurrent = k.lostCurrent !== undefined && !atLeast(k.any, 'loaded');
  switch (condition) {
    // Once M1 (or any other sign that re-encryption began) is seen anywhere, auto-mk-rotate stays
    // forbidden for good, in every phase.
    case 'M1':
      return k.m1.length > 0;
    case 'rewrap-printed':
      return k.rewrapSeen;
    case 'auto-unsupported':
      return k.autoUnsupported !== undefined;
    case 'lost-current':
      return noRotationLostCurrent;
    // Never a recovery step in IBM's tables once re-encryption may have started (the furthest level a
    // command whose end was not seen may have reached): each destroys a value key storage may be
    // wrapped under. (A lost current register with no rotation under way is the recover page's case.)
    case 'rewrap-may-have-begun':
      return !done && !noRotationLostCurrent && atLeast(maxLevel(k.any, k.upper), 'rewrapping');
    // Shown to have begun: before that, changing thresholds or administrators is how a failed initial
    // condition is fixed, and over registers whose history is unknown re-committing changes nothing.
    case 'rewrap-begun':
      return !done && atLeast(k.any, 'rewrapping');
    case 'unexplained-new-registers':
      return unexplainedNewRegisters(k, done);
    case 'M2':
      return !done && atLeast(k.any, 'rewrapped');
    case 'before-M2':
      return !atLeast(k.strong, 'rewrapped');
  }
}

/**
 * Registers read with no rotation command in the transcripts, so their history is unknown: in any
 * flow, auto-mk-rotate would overwrite a value nobody explained. (Through decide() this adds nothing:
 * a loaded level is never completed, and without a reading it comes from inferred output alone, which
 * decide() answers as indeterminate before asking here.)
 */
function unexplainedNewRegisters(k: Knowledge, done: boolean): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, see above
  const unknownHistory = !done && k.registersOnly;
  return unknownHistory && k.rotationAttempts.length === 0 && k.any === 'loaded';
}

/**
 * Every rule of the command table, in the order refusals are listed: by condition (a command refused
 * for several keeps the first reason), then by reason, then in table order (the sort is stable).
 */
const RULES = TKE_COMMANDS.flatMap((row) => row.destructiveAfter.map((r) => ({ ...r, command: row.name }))).sort(
  (a, b) =>
    REFUSAL_CONDITIONS.indexOf(a.when) - REFUSAL_CONDITIONS.indexOf(b.when) ||
    REFUSAL_REASON_IDS.indexOf(a.why) - REFUSAL_REASON_IDS.indexOf(b.why),
);

/** The forbidden commands for a classified situation, most dangerous first, without duplicates. */
export function forbiddenFor(k: Knowledge, phase: Phase): AdviceStep[] {
  if (phase === 'indeterminate') {
    return MUTATING_COMMANDS.map((c) => tkeAdvice(c, WHY.indeterminate));
  }
  const out: AdviceStep[] = [];
  for (const r of RULES) {
    if (out.some((a) => a.command === tke(r.command)) || !conditionHolds(r.when, k, phase)) continue;
    out.push(tkeAdvice(r.command, WHY[r.why]));
  }
  return out;
}
