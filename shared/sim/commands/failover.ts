/**
 * `tke failover-enable`: the documented screen of enable-failover.md. With every unit of one instance
 * selected, asks the total number of failover units (at most one per operational unit) and, after
 * `y`, assigns the new ones in the backup region: FAILOVER units in imprint mode, not selected.
 */
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import { FAILOVER_SCREEN as S } from '../../tke/catalogue-screens.js';
import { ask, commit, SimFailure, type SimContext } from '../context.js';
import { fill, headerLines } from '../format.js';
import { selectionIsOneWholeInstance } from '../prechecks.js';
import { allUnits, instanceOfUnit, type SimInstance, type SimUnit } from '../state.js';
import { checkAuth } from '../signing.js';
import { printCryptounits } from './listings.js';
import { parseRange } from './parse-answers.js';

/** The region failover units are assigned in (the page's example pairs us-east with us-south). */
export function backupRegion(region: string): string {
  return region === 'us-south' ? 'us-east' : 'us-south';
}

/** A failover crypto unit as failover-enable assigns it: imprint mode, no administrator, registers Empty. */
export function failoverUnit(num: number, region: string, i: number): SimUnit {
  return {
    num,
    type: 'FAILOVER',
    location: `[${region}].[AZ${(i % 3) + 1}-CS${i + 5}].[0${i % 4}].[0${(i % 5) + 3}]`,
    thresholds: { signature: 0, revocation: 0 },
    admins: [],
    current: { state: 'Empty', value: '' },
    new: { state: 'Empty', value: '' },
  };
}

function selectedInstance(ctx: SimContext): SimInstance {
  const first = ctx.state.selectedUnits[0];
  const inst = first === undefined ? undefined : instanceOfUnit(ctx.state, first);
  if (!inst || !selectionIsOneWholeInstance(ctx.state)) {
    throw new SimFailure([INFERRED_LINES.failoverWholeInstance.text]);
  }
  return inst;
}

/** Run failover-enable. */
export async function failoverEnable(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const inst = selectedInstance(ctx);
  const have = inst.units.filter((u) => u.type === 'FAILOVER').length;
  const max = inst.units.filter((u) => u.type === 'OPERATIONAL').length;
  ctx.io.print(fill(S.current.text, { count: have, instance: inst.id }));
  ctx.io.print(fill(S.max.text, { count: max }));
  if (have >= max) throw new SimFailure([fill(INFERRED_LINES.failoverFull.text, { count: have })]);
  const min = Math.max(2, have + 1);
  const answer = await ask(ctx, [fill(S.countPrompt.text, { count: max })]);
  const total = parseRange(answer, min, max, `a number from ${min} to ${max}`);
  ctx.io.print('');
  ctx.io.print(fill(S.billing.text, { count: total }));
  ctx.io.print('');
  if (!/^y(es)?$/i.test(await ask(ctx, [S.confirm.text]))) {
    ctx.io.print(INFERRED_LINES.cancelled.text);
    return;
  }
  const region = backupRegion(ctx.state.session.region);
  const next = Math.max(...allUnits(ctx.state).map((u) => u.num)) + 1;
  for (let i = 0; i < total - have; i++) inst.units.push(failoverUnit(next + i, region, have + i));
  await commit(ctx);
  ctx.io.print(fill(S.targeting.text, { instance: inst.id, region }));
  ctx.io.print(fill(S.assigned.text, { count: total - have }));
  ctx.io.print(S.gettingInfo.text);
  ctx.io.print('');
  headerLines(ctx.state.session).forEach((l) => ctx.io.print(l));
  printCryptounits(ctx);
  ctx.io.print('');
  [S.noteSame.text, S.hintCompare.text, S.initializeNow.text].forEach((l) => ctx.io.print(l));
}
