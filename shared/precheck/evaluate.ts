/** Evaluates the seven pre-checks of docs/domain.md (section 4) per crypto unit, before any rotation runs. */
import { isNewRegisterReady } from '../tke/types.js';
import { PRECHECK_IDS, type PrecheckId } from '../tke/messages.js';
import { shapeOf } from '../classifier/register-shape.js';
import { checkAdmins } from './checks-admins.js';
import { checkCurrent, checkNew } from './checks-registers.js';
import { checkAuth, checkImprint, checkSelection, checkThresholds } from './checks-units.js';
import { contextOf, inTargets, type CheckOutcome, type Context } from './context.js';
import { fixesFor, recoverFixes, type FixAdvice } from './fixes.js';
import type { PrecheckInput, PrecheckResult } from './types.js';

function evaluateOne(id: PrecheckId, ctx: Context): CheckOutcome {
  switch (id) {
    case 'auth':
      return checkAuth(ctx);
    case 'selection':
      return checkSelection(ctx);
    case 'imprint':
      return checkImprint(ctx);
    case 'thresholds':
      return checkThresholds(ctx);
    case 'admins':
      return checkAdmins(ctx);
    case 'current-mk':
      return checkCurrent(ctx);
    case 'new-mk':
      return checkNew(ctx);
  }
}

/** Evaluate the seven pre-checks, in docs/domain.md order, each with per-unit results and the fix. */
export function evaluatePrechecks(input: PrecheckInput): PrecheckResult[] {
  const ctx = contextOf(input);
  return PRECHECK_IDS.map((id) => {
    const r = evaluateOne(id, ctx);
    // Units not selected for auto-mk-rotate are read once selected: that is the selection check's fix.
    const unselected = id === 'selection' && r.status === 'unknown' ? r.units.map((u) => u.num) : [];
    if (unselected.length > 0) return { id, ...r, fix: [selectToRead(unselected)] };
    return {
      id,
      ...r,
      fix:
        r.status === 'fail'
          ? fixOf(
              id,
              ctx,
              r.units.filter((u) => u.status === 'fail').map((u) => u.num),
            )
          : [],
    };
  });
}

const COMMITTED_NEW_KEY =
  'A committed new master key is in the new registers: a rotation may have stopped after re-encryption of key storage began, and that value may be the only one part of key storage is wrapped under. Never clear it. Rotate it in: choose the key-part flow, whose plan runs cryptounit-mk-rotate on the committed value, or adopt the failed run on the analysis screen and follow the advisor.';

/**
 * A current master key lost (cleared, zeroized, replaced) with no rotation under way, while the other
 * units, a recovery crypto unit among them, agree on one value: IBM's recover page copies it back with
 * auto-mk-recover, as the classifier advises (shared/classifier/decide.ts). Unit types come from the
 * `cryptounits` listing; without it auto-mk-recover itself finds the recovery unit or stops.
 */
function recoverableLoss(ctx: Context): { units: number[] } | undefined {
  const registers = ctx.registers;
  if (registers === undefined) return undefined;
  const types = new Map((ctx.input.instances ?? []).flatMap((i) => i.units.map((u) => [u.num, u.type] as const)));
  const shape = shapeOf(
    registers.map((r) => ({ num: r.num, type: types.get(r.num) ?? 'OPERATIONAL', current: r.current, new: r.new })),
  );
  return shape.kind === 'current-lost' && shape.recoverable ? { units: shape.units } : undefined;
}

function selectToRead(units: readonly number[]): FixAdvice {
  const which = units.join(', ');
  return {
    command: 'ibmcloud tke cryptounit-add',
    why: `Select crypto unit ${which}, then run the pre-checks again: auto-mk-rotate acts on every crypto unit of the instance, these included, and only selected units can be read.`,
    i18n: { key: 'selection-read', values: { units: which } },
  };
}

/** The fix of a failed check; clearing the new registers is offered only while nothing in them is committed. */
function fixOf(id: PrecheckId, ctx: Context, failing: number[]): FixAdvice[] {
  const committed =
    id === 'new-mk' &&
    ctx.input.flow === 'auto' &&
    ctx.registers !== undefined &&
    inTargets(ctx.registers, ctx).some((r) => isNewRegisterReady(r.new.state));
  if (committed) return [{ command: 'ibmcloud tke cryptounit-mk-rotate', why: COMMITTED_NEW_KEY }];
  const lost = id === 'current-mk' ? recoverableLoss(ctx) : undefined;
  return lost
    ? recoverFixes(lost.units)
    : fixesFor(id, ctx.input.flow, { signingService: ctx.input.signingService !== undefined, units: failing });
}
