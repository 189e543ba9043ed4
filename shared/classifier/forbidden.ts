/**
 * The commands refused in each situation, with the reason. See docs/classifier.md for the table.
 */
import { MUTATING_COMMANDS } from '../tke/messages.js';
import { AUTO_MK_ROTATE, MK_CLRNEW, MK_COMMIT, MK_LOAD, MK_ROTATE, MK_SETIMM, mutating } from './commands.js';
import type { Advice, Flow, Phase } from './types.js';

export interface ForbiddenContext {
  phase: Phase;
  flow: Flow;
  m1: boolean;
  m2: boolean;
  /** A rotation command of the key-part flow (or the smart-card Rotate) began re-encryption. */
  keypartRotationStarted: boolean;
}

const WHY = {
  autoAfterM1:
    'M1 ("Delaying 30 seconds to allow server to discover new master key values") was printed in this rotation: part of key storage may already be wrapped under the new master key in the new registers; auto-mk-rotate would replace that value and make key storage unusable.',
  autoAfterKeypart:
    'Key storage re-encryption to the loaded new master key has started; auto-mk-rotate would overwrite the new registers and make key storage unusable.',
  clrnew:
    'The new registers hold the master key that key storage is (partly or fully) re-encrypted under; clearing them destroys that value.',
  load: 'Loading key parts would replace the new master key that key storage is (partly or fully) re-encrypted under.',
  commit: 'The new master key is already committed; a new load/commit cycle would replace it.',
  rotateAfterM2:
    'M2 was printed: key storage is already re-encrypted under the new master key; only promotion remains, and re-running re-encryption against partly promoted units is not a documented recovery.',
  setimmBeforeM2:
    'M2 ("KMS CRK rewrap successful, waiting on cryptounit-mk-setimm") was not seen: key storage is not (fully) re-encrypted under the new master key, so promoting it would make key storage unusable.',
  indeterminate:
    'The register reading contradicts the transcripts: no command that changes registers or key storage is safe until the state is understood.',
} as const;

/** The forbidden commands for a classified situation, most dangerous first, without duplicates. */
export function forbiddenFor(ctx: ForbiddenContext): Advice[] {
  if (ctx.phase === 'indeterminate') {
    return MUTATING_COMMANDS.map((c) => ({ command: mutating(c), why: WHY.indeterminate }));
  }
  const out: Advice[] = [];
  const add = (command: string, why: string): void => {
    if (!out.some((a) => a.command === command)) out.push({ command, why });
  };
  const started = ctx.m1 || ctx.m2 || ctx.keypartRotationStarted;
  // Once M1 is seen anywhere, auto-mk-rotate stays forbidden for good, in every phase.
  if (ctx.m1) add(AUTO_MK_ROTATE, WHY.autoAfterM1);
  if (started && ctx.phase !== 'completed') {
    if (!ctx.m1) add(AUTO_MK_ROTATE, WHY.autoAfterKeypart);
    add(MK_CLRNEW, WHY.clrnew);
    add(MK_LOAD, WHY.load);
    add(MK_COMMIT, WHY.commit);
  }
  if (ctx.m2 && ctx.phase !== 'completed') add(MK_ROTATE, WHY.rotateAfterM2);
  if (!ctx.m2) add(MK_SETIMM, WHY.setimmBeforeM2);
  return out;
}
