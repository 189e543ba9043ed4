/** Selection and key-file commands: cryptounit-add/-rm, sigkey-sel, sigkey-add, mk-add, mk-rm, sigkey-rm. */
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import {
  CRYPTOUNIT_ADD_PROMPT,
  CRYPTOUNIT_RM_PROMPT,
  MKPART_DESCRIPTION_PROMPT,
  MKPART_VALUE_PROMPT,
  NEW_PASSWORD_CONFIRM_PROMPT,
  SIGKEY_SELECT_PROMPT,
} from '../../tke/messages.js';
import { ask, commit, SimFailure, type SigkeyInfo, type SimContext } from '../context.js';
import { randomHex } from '../prng.js';
import { checkAuth, checkKeyPassword } from '../signing.js';
import { reachableInstances } from '../endpoint.js';
import { vpOf } from '../vp.js';
import { printCryptounits, printMkParts, printSigkeys } from './listings.js';
import { parseNums } from './parse-answers.js';

/** `tke cryptounit-add` (add) or `tke cryptounit-rm` (remove): change the selected set only. */
export async function changeUnitSelection(ctx: SimContext, add: boolean): Promise<void> {
  await checkAuth(ctx);
  printCryptounits(ctx);
  ctx.io.print('');
  const nums = parseNums(
    await ask(ctx, [add ? CRYPTOUNIT_ADD_PROMPT : CRYPTOUNIT_RM_PROMPT]),
    reachableInstances(ctx).flatMap((i) => i.units.map((u) => u.num)),
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

/**
 * `tke sigkey-sel`: replace the selection of signature keys that sign commands; the password of each
 * selected key is asked, so a key nobody can open is not selected [hs-crypto: initialize-hsm-cli.md].
 */
export async function sigkeySel(ctx: SimContext): Promise<void> {
  const keys = await ctx.ws.listSigkeys();
  if (keys.length === 0) throw new SimFailure(['No signature keys were found. Use sigkey-add to create one.']);
  printSigkeys(ctx, keys);
  ctx.io.print('');
  const nums = parseNums(
    await ask(ctx, [SIGKEY_SELECT_PROMPT]),
    keys.map((k) => k.keynum),
  );
  const chosen = keys.filter((k) => nums.includes(k.keynum));
  for (const k of chosen) await checkKeyPassword(ctx, k);
  ctx.state.selectedSigkeys = chosen.map((k) => k.ski);
  await commit(ctx);
}

async function newPassword(ctx: SimContext, prompt: string): Promise<string> {
  const first = await ask(ctx, [prompt], true);
  const again = await ask(ctx, [NEW_PASSWORD_CONFIRM_PROMPT], true);
  if (first !== again) throw new SimFailure(['The passwords do not match.']);
  if (first === '') throw new SimFailure(['The password must not be empty.']);
  return first;
}

/** `tke sigkey-add`: create a P-521 signature key file for a new administrator. */
export async function sigkeyAdd(ctx: SimContext): Promise<void> {
  const info = await newSigkey(ctx);
  ctx.io.print(`Signature key ${info.keynum} (${info.ski}) was created in file ${info.fileName}.`);
}

/** Ask a new administrator's name and password and create the signature key file (sigkey-add, auto-init). */
export async function newSigkey(ctx: SimContext): Promise<SigkeyInfo> {
  const name = await ask(ctx, [INFERRED_LINES.sigkeyNamePrompt.text]);
  if (!/^\S{1,30}$/.test(name))
    throw new SimFailure(['The administrator name must be 1 to 30 characters without spaces.']);
  const password = await newPassword(ctx, INFERRED_LINES.sigkeyNewPassword.text);
  const info = await ctx.ws.createSigkey(name, password);
  ctx.state.simFiles.push(info.fileName);
  await commit(ctx);
  return info;
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
    if (!/^[0-9a-fA-F]{64}$/.test(typed))
      throw new SimFailure(['The key part value must be 64 hexadecimal digits (a 32-byte key part).']);
    value = typed.toLowerCase();
  }
  const description = await ask(ctx, [MKPART_DESCRIPTION_PROMPT]);
  if (description === '') throw new SimFailure(['The description must not be empty.']);
  const password = await newPassword(ctx, INFERRED_LINES.mkpartNewPassword.text);
  const part = value ?? randomHex(ctx.state, 32);
  const info = await ctx.ws.createMkPart(description, password, part, vpOf(part));
  ctx.state.simFiles.push(info.fileName);
  await commit(ctx);
  ctx.io.print(`Master key part ${info.keynum} was created in file ${info.fileName}.`);
}

/** Delete one key file chosen by KEYNUM from a listing; forget it in the state. */
async function removeKeyFile(
  ctx: SimContext,
  files: readonly { keynum: number; fileName: string }[],
  prompt: string,
): Promise<string> {
  const answer = await ask(ctx, [prompt]);
  const nums = parseNums(
    answer,
    files.map((f) => f.keynum),
  );
  const file = nums.length === 1 ? files.find((f) => f.keynum === nums[0]) : undefined;
  if (!file) throw new SimFailure([`'${answer}' is not one KEYNUM.`]);
  await ctx.ws.removeFiles([file.fileName]);
  ctx.state.simFiles = ctx.state.simFiles.filter((f) => f !== file.fileName);
  await commit(ctx);
  return file.fileName;
}

/**
 * `tke mk-rm`: delete a master key part file. It may be the only copy of that part; without it a
 * master key made with it cannot be loaded again.
 */
export async function mkRm(ctx: SimContext): Promise<void> {
  const parts = await ctx.ws.listMkParts();
  if (parts.length === 0) throw new SimFailure(['No master key parts were found.']);
  printMkParts(ctx, parts);
  ctx.io.print('');
  const removed = await removeKeyFile(ctx, parts, INFERRED_LINES.mkRmPrompt.text);
  ctx.io.print(`File ${removed} was removed.`);
}

/** `tke sigkey-rm`: delete a signature key file; it is no longer selected to sign. */
export async function sigkeyRm(ctx: SimContext): Promise<void> {
  const keys = await ctx.ws.listSigkeys();
  if (keys.length === 0) throw new SimFailure(['No signature keys were found.']);
  printSigkeys(ctx, keys);
  ctx.io.print('');
  const removed = await removeKeyFile(ctx, keys, INFERRED_LINES.sigkeyRmPrompt.text);
  const left = new Set((await ctx.ws.listSigkeys()).map((k) => k.ski));
  ctx.state.selectedSigkeys = ctx.state.selectedSigkeys.filter((ski) => left.has(ski));
  await commit(ctx);
  ctx.io.print(`File ${removed} was removed.`);
}
