/** Selection and key-file commands: cryptounit-add/-rm, sigkey-sel, sigkey-add, mk-add. */
import {
  CRYPTOUNIT_ADD_PROMPT,
  CRYPTOUNIT_RM_PROMPT,
  MKPART_DESCRIPTION_PROMPT,
  MKPART_VALUE_PROMPT,
  NEW_PASSWORD_CONFIRM_PROMPT,
  SIGKEY_SELECT_PROMPT,
} from '../../tke/messages.js';
import { ask, commit, SimFailure, type SimContext } from '../context.js';
import { randomHex } from '../prng.js';
import { checkAuth } from '../signing.js';
import { allUnits } from '../state.js';
import { vpOf } from '../vp.js';
import { printCryptounits, printSigkeys } from './listings.js';

function parseNums(answer: string, valid: readonly number[]): number[] {
  const tokens = answer.split(/[\s,]+/).filter((t) => t !== '');
  const nums = tokens.map((t) => (/^\d+$/.test(t) ? Number(t) : NaN));
  const bad = tokens.find((_, i) => !valid.includes(nums[i] ?? NaN));
  if (bad !== undefined) throw new SimFailure([`'${bad}' is not a valid number.`]);
  if (nums.length === 0) throw new SimFailure(['No numbers were entered.']);
  return nums;
}

/** `tke cryptounit-add` (add) or `tke cryptounit-rm` (remove): change the selected set only. */
export async function changeUnitSelection(ctx: SimContext, add: boolean): Promise<void> {
  await checkAuth(ctx);
  printCryptounits(ctx);
  ctx.io.print('');
  const nums = parseNums(
    await ask(ctx, [add ? CRYPTOUNIT_ADD_PROMPT : CRYPTOUNIT_RM_PROMPT]),
    allUnits(ctx.state).map((u) => u.num),
  );
  const sel = new Set(ctx.state.selectedUnits);
  for (const n of nums) {
    if (add) sel.add(n);
    else sel.delete(n);
  }
  ctx.state.selectedUnits = [...sel].sort((a, b) => a - b);
  await commit(ctx);
  ctx.io.print('');
  printCryptounits(ctx);
}

/** `tke sigkey-sel`: replace the selection of signature keys that sign commands. */
export async function sigkeySel(ctx: SimContext): Promise<void> {
  const keys = await ctx.ws.listSigkeys();
  if (keys.length === 0) throw new SimFailure(['No signature keys were found. Use sigkey-add to create one.']);
  printSigkeys(ctx, keys);
  ctx.io.print('');
  const nums = parseNums(await ask(ctx, [SIGKEY_SELECT_PROMPT]), keys.map((k) => k.keynum));
  ctx.state.selectedSigkeys = keys.filter((k) => nums.includes(k.keynum)).map((k) => k.ski);
  await commit(ctx);
}

async function newPassword(ctx: SimContext, what: string): Promise<string> {
  const first = await ask(ctx, [`Enter a password to protect the ${what}:`], true);
  const again = await ask(ctx, [NEW_PASSWORD_CONFIRM_PROMPT], true);
  if (first !== again) throw new SimFailure(['The passwords do not match.']);
  if (first === '') throw new SimFailure(['The password must not be empty.']);
  return first;
}

/** `tke sigkey-add`: create a P-521 signature key file for a new administrator. */
export async function sigkeyAdd(ctx: SimContext): Promise<void> {
  const name = await ask(ctx, ['Enter an administrator name to be associated with the signature key:']);
  if (!/^\S{1,30}$/.test(name)) throw new SimFailure(['The administrator name must be 1 to 30 characters without spaces.']);
  const password = await newPassword(ctx, 'signature key');
  const info = await ctx.ws.createSigkey(name, password);
  ctx.state.simFiles.push(info.fileName);
  await commit(ctx);
  ctx.io.print(`Signature key ${info.keynum} (${info.ski}) was created in file ${info.fileName}.`);
}

/**
 * `tke mk-add --random | --value`: create a password-protected master key part file. With `--value`
 * the part is typed at a prompt, hidden like a password (IBM's CLI asks for it; on the command line
 * it would sit in shell history and the process list), and checked before anything else is asked.
 */
export async function mkAdd(ctx: SimContext, how: 'random' | 'value'): Promise<void> {
  let value: string | undefined;
  if (how === 'value') {
    const typed = (await ask(ctx, [MKPART_VALUE_PROMPT], true)).trim();
    if (!/^[0-9a-fA-F]{64}$/.test(typed)) throw new SimFailure(['The key part value must be 64 hexadecimal digits (a 32-byte key part).']);
    value = typed.toLowerCase();
  }
  const description = await ask(ctx, [MKPART_DESCRIPTION_PROMPT]);
  if (description === '') throw new SimFailure(['The description must not be empty.']);
  const password = await newPassword(ctx, 'master key part file');
  const part = value ?? randomHex(ctx.state, 32);
  const info = await ctx.ws.createMkPart(description, password, part, vpOf(part));
  ctx.state.simFiles.push(info.fileName);
  await commit(ctx);
  ctx.io.print(`Master key part ${info.keynum} was created in file ${info.fileName}.`);
}
