/** `tke cryptounit-mk-rotate` and `tke cryptounit-mk-setimm`. */
import { ROTATE_PRECHECK_CONFIRM, ROTATION_COMPLETED, SETIMM_CONFIRM, SETIMM_WARNING } from '../../tke/messages.js';
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import { EP11_CODES } from '../../tke/ep11-codes.js';
import { isNewRegisterReady } from '../../tke/types.js';
import { ask, SimFailure, type SimContext } from '../context.js';
import { ep11ErrorLines } from '../format.js';
import { runPrechecks } from '../prechecks.js';
import { promoteUnits, rewrapAll } from '../rotation-steps.js';
import { checkAuth, sign, signerSkis } from '../signing.js';
import { instanceOfUnit } from '../state.js';
import { requireSelection } from './keyparts.js';

/** Whether a confirmation answer means yes. */
export function isYes(answer: string): boolean {
  return /^y(es)?$/i.test(answer);
}

/** Re-encrypt key storage under the committed new master key, then promote the selected units. */
export async function cryptounitMkRotate(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  if (isYes(await ask(ctx, [ROTATE_PRECHECK_CONFIRM]))) {
    const failures = runPrechecks(
      ctx.state,
      units,
      ['selection', 'imprint', 'thresholds', 'admins', 'current-mk', 'new-mk'],
      'keyparts',
      undefined,
      signerSkis(ctx),
    );
    if (failures.length > 0) throw new SimFailure(failures.map((f) => f.line));
  }
  await sign(ctx, 'cryptounit-mk-rotate', units);
  const first = units[0];
  const inst = first ? instanceOfUnit(ctx.state, first.num) : undefined;
  const newValue = first?.new.value ?? '';
  const curValue = first?.current.value ?? '';
  const bad = units.find(
    (u) =>
      instanceOfUnit(ctx.state, u.num) !== inst ||
      !isNewRegisterReady(u.new.state) ||
      u.new.value !== newValue ||
      u.current.state !== 'Valid' ||
      u.current.value !== curValue ||
      newValue === '' ||
      newValue === curValue,
  );
  if (bad || !inst) {
    throw new SimFailure(ep11ErrorLines(bad?.new.state === 'Empty' ? EP11_CODES.keyNotFound : EP11_CODES.inconsistent));
  }
  await rewrapAll(ctx, inst, newValue, false);
  await promoteUnits(ctx, units);
  ctx.io.print(ROTATION_COMPLETED);
}

/** Promote the new master key of the selected units at once, without checking key storage. */
export async function cryptounitMkSetimm(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  ctx.io.print(SETIMM_WARNING);
  if (!isYes(await ask(ctx, [SETIMM_CONFIRM]))) {
    ctx.io.print(INFERRED_LINES.cancelled.text);
    return;
  }
  await sign(ctx, 'cryptounit-mk-setimm', units);
  const bad = units.find((u) => !isNewRegisterReady(u.new.state) || u.new.value === '');
  if (bad) {
    throw new SimFailure(ep11ErrorLines(bad.new.state === 'Empty' ? EP11_CODES.keyNotFound : EP11_CODES.inconsistent));
  }
  await promoteUnits(ctx, units);
}
