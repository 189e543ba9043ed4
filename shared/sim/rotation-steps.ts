/** Re-encryption and promotion, shared by auto-mk-rotate, cryptounit-mk-rotate and cryptounit-mk-setimm. */
import { M2_REWRAP, STEP_PROMOTE, STEP_REWRAP, STEP_REWRAP_PROGRESS } from '../tke/messages.js';
import { checkpoint, commit, type SimContext } from './context.js';
import { fill } from './format.js';
import { countNotUnder, rewrapKeys, settleInstances } from './keystore.js';
import type { SimInstance, SimUnit } from './state.js';

/** Real hardware re-encrypts about 3000 keys per minute (docs/domain.md). */
export const REWRAP_MS_PER_KEY = 60_000 / 3000;
const MAX_BATCH = 3000;
/** Simulated duration of one register operation on one crypto unit. */
export const STEP_MS = 1000;

/** Re-encrypt every usable key of the instance under `value`, with progress lines, then print M2. */
export async function rewrapAll(
  ctx: SimContext,
  inst: SimInstance,
  value: string,
  firstBatchFault: boolean,
): Promise<void> {
  const total = countNotUnder(inst.keystore, value);
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(total / 10)));
  ctx.io.print(STEP_REWRAP);
  let done = 0;
  let halfReached = false;
  let firstDone = false;
  while (done < total) {
    const n = Math.min(batch, total - done);
    await ctx.io.sleep(n * REWRAP_MS_PER_KEY);
    done += rewrapKeys(inst, value, n);
    await commit(ctx);
    ctx.io.print(fill(STEP_REWRAP_PROGRESS, { done, total }));
    if (!firstDone) {
      firstDone = true;
      if (firstBatchFault) await checkpoint(ctx, 'after-m1');
    }
    if (!halfReached && done * 2 >= total) {
      halfReached = true;
      await checkpoint(ctx, 'mid-rewrap');
    }
  }
  if (!firstDone && firstBatchFault) await checkpoint(ctx, 'after-m1');
  if (!halfReached) await checkpoint(ctx, 'mid-rewrap');
  ctx.io.print(M2_REWRAP);
  await checkpoint(ctx, 'after-m2');
}

/** Move each unit's new master key to its current register, unit by unit (the `mid-setimm` point). */
export async function promoteUnits(ctx: SimContext, units: readonly SimUnit[]): Promise<void> {
  const faultAfter = units.length >= 2 ? Math.floor(units.length / 2) : -1;
  for (const [i, u] of units.entries()) {
    if (i === faultAfter) await checkpoint(ctx, 'mid-setimm');
    ctx.io.print(fill(STEP_PROMOTE, { unit: u.num }));
    await ctx.io.sleep(STEP_MS);
    u.current = { state: 'Valid', value: u.new.value };
    u.new = { state: 'Empty', value: '' };
    settleInstances(ctx.state);
    await commit(ctx);
  }
}
