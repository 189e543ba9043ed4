/** The register commands of the key-part flow: cryptounit-mk-load, -commit, -clrnew, -clrcur. */
import { EP11_CODES } from '../../tke/ep11-codes.js';
import { MKPART_PASSWORD_PROMPT, MKPART_PASSWORD_WRONG, MKPART_SELECT_PROMPT } from '../../tke/messages.js';
import { ask, commit, SimFailure, type MkPartInfo, type SimContext } from '../context.js';
import { displayVp, ep11ErrorLines } from '../format.js';
import { runPrechecks } from '../prechecks.js';
import { reachableSelected } from '../endpoint.js';
import type { SimUnit } from '../state.js';
import { settleInstances } from '../keystore.js';
import { checkAuth, sign, signatures } from '../signing.js';
import { xorHex } from '../vp.js';
import { printMkParts } from './listings.js';
import { parseNums } from './parse-answers.js';

/** Selected units, failing when none is selected. */
export function requireSelection(ctx: SimContext): SimUnit[] {
  const units = reachableSelected(ctx);
  if (units.length === 0)
    throw new SimFailure(['No crypto units are selected. Use cryptounit-add to select crypto units.']);
  return units;
}

/** The key parts to load: listed, then chosen in one answer (2 or 3 distinct KEYNUMs). */
async function chooseParts(ctx: SimContext): Promise<MkPartInfo[]> {
  const parts = await ctx.ws.listMkParts();
  if (parts.length < 2) throw new SimFailure(['At least 2 master key parts are needed. Use mk-add to create them.']);
  printMkParts(ctx, parts);
  ctx.io.print('');
  const answer = await ask(ctx, [MKPART_SELECT_PROMPT]);
  const nums = parseNums(
    answer,
    parts.map((p) => p.keynum),
  );
  if (new Set(nums).size !== nums.length || nums.length < 2 || nums.length > 3) {
    throw new SimFailure([`'${answer}' is not 2 or 3 different KEYNUM values.`]);
  }
  return nums.map((n) => parts.find((p) => p.keynum === n)).filter((p): p is MkPartInfo => p !== undefined);
}

/** Each chosen part's password in turn; the parts' values, or a failure at the first wrong password. */
async function openParts(ctx: SimContext, parts: readonly MkPartInfo[]): Promise<string[]> {
  const values: string[] = [];
  for (const part of parts) {
    const password = await ask(ctx, [MKPART_PASSWORD_PROMPT, `${part.description} (${displayVp(part.vp)})`], true);
    const value = await ctx.ws.openMkPart(part.keynum, password);
    if (value === undefined) throw new SimFailure([MKPART_PASSWORD_WRONG]);
    values.push(value);
  }
  return values;
}

/**
 * Load a master key made of 2 or 3 part files into the new registers of the selected units: the parts,
 * then one signature key password, then each part's password [hs-crypto: initialize-hsm-cli.md].
 */
export async function cryptounitMkLoad(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const failures = runPrechecks(ctx.state, units, ['selection', 'imprint'], 'keyparts');
  if (failures.length > 0) throw new SimFailure(failures.map((f) => f.line));
  const parts = await chooseParts(ctx);
  const send = await signatures(ctx, 'cryptounit-mk-load', units);
  const value = xorHex(await openParts(ctx, parts));
  send();
  if (units.some((u) => u.new.state !== 'Empty')) throw new SimFailure(ep11ErrorLines(EP11_CODES.inconsistent));
  if (units.some((u) => u.current.value === value)) {
    throw new SimFailure(['The new master key is the same as the current master key. Use at least one new key part.']);
  }
  for (const u of units) u.new = { state: 'Full Uncommitted', value };
  await commit(ctx);
}

/** Commit the loaded new master key in the selected units (all must hold the same value). */
export async function cryptounitMkCommit(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const failures = runPrechecks(ctx.state, units, ['imprint'], 'keyparts');
  if (failures.length > 0) throw new SimFailure(failures.map((f) => f.line));
  await sign(ctx, 'cryptounit-mk-commit', units);
  if (units.some((u) => u.new.state === 'Empty')) throw new SimFailure(ep11ErrorLines(EP11_CODES.keyNotFound));
  if (new Set(units.map((u) => u.new.value)).size > 1) throw new SimFailure(ep11ErrorLines(EP11_CODES.commitMismatch));
  for (const u of units) u.new = { state: 'Full Committed', value: u.new.value };
  await commit(ctx);
}

/** Clear the new master key registers of the selected units (keys wrapped only under it are lost). */
export async function cryptounitMkClrnew(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  await sign(ctx, 'cryptounit-mk-clrnew', units);
  for (const u of units) u.new = { state: 'Empty', value: '' };
  settleInstances(ctx.state);
  await commit(ctx);
}

/**
 * Clear the current master key registers of the selected units. Keys wrapped only under that value
 * are lost unless another unit of the instance (a recovery unit) still holds it: `auto-recover` copies
 * it back [hs-crypto: recover-master-key.md].
 */
export async function cryptounitMkClrcur(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  await sign(ctx, 'cryptounit-mk-clrcur', units);
  for (const u of units) u.current = { state: 'Empty', value: '' };
  await commit(ctx);
}
