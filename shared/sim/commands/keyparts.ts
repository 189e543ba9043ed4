/** The key-part flow's register commands: cryptounit-mk-load, -commit, -clrnew. */
import {
  MKPART_COUNT_PROMPT,
  MKPART_PASSWORD_PROMPT,
  MKPART_PASSWORD_WRONG,
  MKPART_SELECT_PROMPT,
} from '../../tke/messages.js';
import { ask, commit, SimFailure, type SimContext } from '../context.js';
import { displayVp, hsmErrorLines } from '../format.js';
import { runPrechecks } from '../prechecks.js';
import { selectedUnits, type SimUnit } from '../state.js';
import { settleInstances } from '../keystore.js';
import { checkAuth, collectSignatures } from '../signing.js';
import { xorHex } from '../vp.js';
import { printMkParts } from './listings.js';

/** Selected units, failing when none is selected. */
export function requireSelection(ctx: SimContext): SimUnit[] {
  const units = selectedUnits(ctx.state);
  if (units.length === 0) throw new SimFailure(['No crypto units are selected. Use cryptounit-add to select crypto units.']);
  return units;
}

async function readParts(ctx: SimContext): Promise<string[]> {
  const parts = await ctx.ws.listMkParts();
  if (parts.length < 2) throw new SimFailure(['At least 2 master key parts are needed. Use mk-add to create them.']);
  printMkParts(ctx, parts);
  ctx.io.print('');
  const count = await ask(ctx, [MKPART_COUNT_PROMPT]);
  if (count !== '2' && count !== '3') throw new SimFailure([`'${count}' is not 2 or 3.`]);
  const values: string[] = [];
  const used = new Set<number>();
  for (let i = 0; i < Number(count); i++) {
    const answer = await ask(ctx, [MKPART_SELECT_PROMPT]);
    const part = parts.find((p) => String(p.keynum) === answer);
    if (!part || used.has(part.keynum)) throw new SimFailure([`'${answer}' is not a valid KEYNUM.`]);
    used.add(part.keynum);
    const password = await ask(ctx, [MKPART_PASSWORD_PROMPT, `${part.description} (${displayVp(part.vp)})`], true);
    const value = await ctx.ws.openMkPart(part.keynum, password);
    if (value === undefined) throw new SimFailure([MKPART_PASSWORD_WRONG]);
    values.push(value);
  }
  return values;
}

/** Load a master key made of 2 or 3 part files into the new registers of the selected units. */
export async function cryptounitMkLoad(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const failures = runPrechecks(ctx.state, units, ['selection', 'imprint'], 'keyparts');
  if (failures.length > 0) throw new SimFailure(failures.map((f) => f.line));
  const value = xorHex(await readParts(ctx));
  await collectSignatures(ctx, units);
  const busy = units.filter((u) => u.new.state !== 'Empty');
  if (busy.length > 0) {
    throw new SimFailure(hsmErrorLines(`the new master key register of crypto unit ${busy[0]?.num} is not empty.`));
  }
  if (units.some((u) => u.current.value === value)) {
    throw new SimFailure(['The new master key is the same as the current master key. Use at least one new key part.']);
  }
  for (const u of units) u.new = { state: 'Full Uncommitted', value };
  await commit(ctx);
}

/** Commit the loaded new master key in the selected units. */
export async function cryptounitMkCommit(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const failures = runPrechecks(ctx.state, units, ['imprint'], 'keyparts');
  if (failures.length > 0) throw new SimFailure(failures.map((f) => f.line));
  await collectSignatures(ctx, units);
  const empty = units.filter((u) => u.new.state === 'Empty');
  if (empty.length > 0) {
    throw new SimFailure(hsmErrorLines(`the new master key register of crypto unit ${empty[0]?.num} is empty.`));
  }
  for (const u of units) u.new = { state: 'Full Committed', value: u.new.value };
  await commit(ctx);
}

/** Clear the new master key registers of the selected units (keys wrapped only under it are lost). */
export async function cryptounitMkClrnew(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  await collectSignatures(ctx, units);
  for (const u of units) u.new = { state: 'Empty', value: '' };
  settleInstances(ctx.state);
  await commit(ctx);
}
