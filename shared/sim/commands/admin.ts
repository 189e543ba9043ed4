/**
 * Administrator and threshold commands: cryptounit-admin-add, -admin-rm, -thrhld-set, -exit-impr and
 * -zeroize. Signatures follow the command table; the crypto units' refusals are the SDK's EP11 codes.
 */
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import { INIT_SCREEN } from '../../tke/catalogue-screens.js';
import { EP11_CODES } from '../../tke/ep11-codes.js';
import { ask, commit, SimFailure, type SimContext } from '../context.js';
import { ep11ErrorLines } from '../format.js';
import { isImprint, type SimUnit } from '../state.js';
import { checkAuth, checkKeyPassword, sign, signatures } from '../signing.js';
import { askServiceKey, usesSigningService } from '../signing-service.js';
import { requireSelection } from './keyparts.js';
import { adminRows, printSigkeys } from './listings.js';
import { parseRange } from './parse-answers.js';

/** Most administrators a crypto unit holds [hs-crypto: initialize-hsm-cli.md]. */
export const MAX_ADMINS = 8;

const fail = (cause: keyof typeof EP11_CODES): never => {
  throw new SimFailure(ep11ErrorLines(EP11_CODES[cause]));
};

/**
 * `tke cryptounit-admin-add`: a signature key file becomes an administrator of every selected unit;
 * with a signing service, a key the service holds (identifier and token asked) [hs-crypto: signing-service.md].
 */
export async function cryptounitAdminAdd(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const key = usesSigningService(ctx) ? await askServiceKey(ctx) : await askKeyFile(ctx);
  await sign(ctx, 'cryptounit-admin-add', units);
  if (units.some((u) => u.admins.some((a) => a.ski === key.ski))) fail('adminExists');
  if (units.some((u) => u.admins.length >= MAX_ADMINS)) fail('tooManyAdmins');
  for (const u of units) u.admins.push({ name: key.name, ski: key.ski });
  await commit(ctx);
}

/** The signature key file that becomes an administrator, its password checked. */
async function askKeyFile(ctx: SimContext): Promise<{ name: string; ski: string }> {
  const keys = await ctx.ws.listSigkeys();
  if (keys.length === 0) throw new SimFailure(['No signature keys were found. Use sigkey-add to create one.']);
  printSigkeys(ctx, keys);
  ctx.io.print('');
  const answer = await ask(ctx, [INFERRED_LINES.adminAddPrompt.text]);
  const key = keys.find((k) => String(k.keynum) === answer);
  if (!key) throw new SimFailure([`'${answer}' is not a valid KEYNUM.`]);
  await checkKeyPassword(ctx, key);
  return { name: key.description, ski: key.ski };
}

/** `tke cryptounit-admin-rm`: remove an administrator (by SKI) from every selected unit. */
export async function cryptounitAdminRm(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  adminRows(units).forEach((l) => ctx.io.print(l));
  ctx.io.print('');
  const ski = (await ask(ctx, [INFERRED_LINES.adminRmPrompt.text])).toLowerCase();
  await sign(ctx, 'cryptounit-admin-rm', units);
  if (units.some((u) => !u.admins.some((a) => a.ski === ski))) fail('adminNotFound');
  const belowThreshold = (u: SimUnit): boolean =>
    !isImprint(u) && u.admins.length - 1 < Math.max(u.thresholds.signature, u.thresholds.revocation);
  if (units.some(belowThreshold)) fail('removeBelowThreshold');
  for (const u of units) u.admins = u.admins.filter((a) => a.ski !== ski);
  await commit(ctx);
}

/** The two threshold prompts (auto-init's wording); each a number from 1 to 8. */
export async function askThresholds(ctx: SimContext): Promise<{ signature: number; revocation: number }> {
  const signature = parseRange(await ask(ctx, [INIT_SCREEN.signaturePrompt.text]), 1, 8, 'a number from 1 to 8');
  ctx.io.print('');
  const revocation = parseRange(await ask(ctx, [INIT_SCREEN.revocationPrompt.text]), 1, 8, 'a number from 1 to 8');
  return { signature, revocation };
}

/** The crypto units' check of new thresholds against the installed administrators. */
function checkThresholds(units: readonly SimUnit[], t: { signature: number; revocation: number }): void {
  if (units.some((u) => t.signature > u.admins.length)) fail('signatureAboveAdmins');
  if (units.some((u) => t.revocation > u.admins.length)) fail('revocationAboveAdmins');
}

/**
 * `tke cryptounit-thrhld-set`: set both thresholds in the selected units. A unit in imprint mode
 * leaves it, signed by as many administrators as the new signature threshold [hs-crypto: initialize-hsm-cli.md].
 */
export async function cryptounitThrhldSet(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  const t = await askThresholds(ctx);
  await sign(ctx, 'cryptounit-thrhld-set', units, t.signature);
  checkThresholds(units, t);
  for (const u of units) u.thresholds = { ...t };
  await commit(ctx);
}

/** `tke cryptounit-exit-impr` (deprecated): leave imprint mode with both thresholds 1. */
export async function cryptounitExitImpr(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  ctx.io.print(INFERRED_LINES.exitImprDeprecated.text);
  const send = await signatures(ctx, 'cryptounit-exit-impr', units, 1);
  if (units.some((u) => !isImprint(u))) fail('inconsistent');
  send();
  checkThresholds(units, { signature: 1, revocation: 1 });
  for (const u of units) u.thresholds = { signature: 1, revocation: 1 };
  await commit(ctx);
}

/**
 * `tke cryptounit-zeroize`: administrators and both master key registers cleared, thresholds back to
 * zero (imprint mode) [hs-crypto: delete-instance.md]. Keys wrapped under a value no other unit holds
 * are lost.
 */
export async function cryptounitZeroize(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const units = requireSelection(ctx);
  await sign(ctx, 'cryptounit-zeroize', units);
  for (const u of units) {
    u.admins = [];
    u.thresholds = { signature: 0, revocation: 0 };
    u.current = { state: 'Empty', value: '' };
    u.new = { state: 'Empty', value: '' };
  }
  await commit(ctx);
}
