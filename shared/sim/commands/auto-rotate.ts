/** `tke auto-mk-rotate`: rotation with recovery crypto units, milestones M1 and M2, fault points. */
import {
  M1_DELAY,
  NO_RECOVERY_UNITS,
  PKCS11_KEYSTORES_ENABLED,
  ROTATION_COMPLETED,
  STEP_COMMIT,
  STEP_COPY,
  STEP_GENERATE,
} from '../../tke/messages.js';
import { checkpoint, commit, SimFailure, type SimContext } from '../context.js';
import { fill } from '../format.js';
import { runPrechecks } from '../prechecks.js';
import { randomHex } from '../prng.js';
import { promoteUnits, rewrapAll, STEP_MS } from '../rotation-steps.js';
import { checkAuth, chooseInstance, signatures, signerSkis } from '../signing.js';

/** Real hardware waits 30 s after commit so the server discovers the new value (M1). */
export const DISCOVERY_DELAY_MS = 30_000;

/** Run auto-mk-rotate; throws SimFailure on any failure. */
export async function autoMkRotate(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const inst = await chooseInstance(ctx);
  // Refused before anything is selected, signed or sent (the wording is inferred).
  if (inst.pkcs11Keystores === true) throw new SimFailure([PKCS11_KEYSTORES_ENABLED]);
  const units = [...inst.units].sort((a, b) => a.num - b.num);
  ctx.state.selectedUnits = units.map((u) => u.num);
  await commit(ctx);
  const send = await signatures(ctx, 'auto-mk-rotate', units);
  const failures = runPrechecks(
    ctx.state,
    units,
    ['imprint', 'thresholds', 'admins', 'current-mk', 'new-mk'],
    'auto',
    inst,
    signerSkis(ctx),
  );
  if (failures.length > 0) throw new SimFailure(failures.map((f) => f.line));
  const recovery = units.find((u) => u.type === 'RECOVERY');
  if (!recovery) throw new SimFailure([NO_RECOVERY_UNITS]);
  send();

  inst.autoRotateInProgress = true;
  await commit(ctx);
  const value = randomHex(ctx.state, 32);
  ctx.io.print(fill(STEP_GENERATE, { unit: recovery.num }));
  await ctx.io.sleep(STEP_MS);
  recovery.new = { state: 'Full Uncommitted', value };
  await commit(ctx);
  await checkpoint(ctx, 'after-generate');

  ctx.io.print(STEP_COPY);
  for (const u of units) {
    if (u === recovery) continue;
    await ctx.io.sleep(STEP_MS);
    u.new = { state: 'Full Uncommitted', value };
    await commit(ctx);
  }
  await checkpoint(ctx, 'after-copy');

  ctx.io.print(STEP_COMMIT);
  await ctx.io.sleep(STEP_MS);
  for (const u of units) u.new = { state: 'Full Committed', value };
  await commit(ctx);
  await checkpoint(ctx, 'after-commit');

  ctx.io.print(M1_DELAY);
  await ctx.io.sleep(DISCOVERY_DELAY_MS);
  await rewrapAll(ctx, inst, value, true);
  await promoteUnits(ctx, units);
  ctx.io.print(ROTATION_COMPLETED);
}
