/**
 * Control point commands: cryptounit-cp-btc, -cp-eddsa, -cp-sig-other set the control point their
 * page names [hs-crypto: enable-mechanisms.md]; cryptounit-cp displays or changes one by number.
 */
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import { ask, commit, SimFailure, type SimContext } from '../context.js';
import { fill, row, widthsOf } from '../format.js';
import { checkAuth, sign } from '../signing.js';
import type { SimUnit } from '../state.js';
import { requireSelection } from './keyparts.js';
import { controlPointSetting } from './listings.js';
import { parseRange } from './parse-answers.js';

/** Highest control point number cryptounit-cp takes (the simulator's bound; none is published). */
export const MAX_CONTROL_POINT = 255;

function setPoint(units: readonly SimUnit[], point: string, on: boolean): void {
  for (const u of units) {
    const rest = (u.controlPoints ?? []).filter((p) => p !== point);
    u.controlPoints = on ? [...rest, point].sort() : rest;
  }
}

/** A command that sets one named control point in the selected units (signed as the table says). */
export function enableControlPoint(command: string, point: string): (ctx: SimContext) => Promise<void> {
  return async (ctx) => {
    await checkAuth(ctx);
    const units = requireSelection(ctx);
    await sign(ctx, command, units);
    setPoint(units, point, true);
    await commit(ctx);
  };
}

/** `tke cryptounit-cp`: show a control point's setting per selected unit; `set` or `reset` changes it. */
export async function cryptounitCp(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const answer = await ask(ctx, [INFERRED_LINES.cpNumberPrompt.text]);
  const number = parseRange(answer, 0, MAX_CONTROL_POINT, 'a control point number');
  const point = String(number);
  const header = fill(INFERRED_LINES.cpHeader.text, { number });
  const w = widthsOf(header);
  [header, ...units.map((u) => row(w, [String(u.num), controlPointSetting(u, point)]))].forEach((l) => ctx.io.print(l));
  ctx.io.print('');
  const setting = (await ask(ctx, [INFERRED_LINES.cpSettingPrompt.text])).toLowerCase();
  if (setting === '') return;
  if (setting !== 'set' && setting !== 'reset') throw new SimFailure([`'${setting}' is not set or reset.`]);
  await sign(ctx, 'cryptounit-cp', units);
  setPoint(units, point, setting === 'set');
  await commit(ctx);
}
