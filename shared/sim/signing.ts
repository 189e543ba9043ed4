/**
 * Shared steps of signed commands: token check, instance choice, signature key passwords (or a
 * signing service's keys, shared/sim/signing-service.ts), and the
 * crypto unit's own checks of the signatures (EP11 codes of shared/tke/ep11-codes.ts). How many
 * signatures a command needs comes from the command table (shared/tke/command-table.ts).
 */
import { commandSpec, type SignatureSpec } from '../tke/command-table.js';
import { EP11_CODES } from '../tke/ep11-codes.js';
import {
  INSTANCE_PROMPT,
  INSTANCE_TABLE_HEADER,
  MULTIPLE_INSTANCES,
  NO_INSTANCES,
  SIGKEY_PASSWORD_PROMPT,
  SIGKEY_PASSWORD_WRONG,
} from '../tke/messages.js';
import { ask, commit, SimFailure, type SigkeyInfo, type SimContext } from './context.js';
import { authFailedLines, ep11ErrorLines, row, sigkeyLabel, widthsOf } from './format.js';
import type { Signers } from './prechecks.js';
import { reachableInstances } from './endpoint.js';
import { serviceSigners, usesSigningService } from './signing-service.js';
import { isImprint, type SimInstance, type SimUnit } from './state.js';

/** Pre-check 1: fail with the 401 block when the token has expired (the `auth` fault expires it first). */
export async function checkAuth(ctx: SimContext): Promise<void> {
  if (ctx.fault?.point === 'auth') {
    ctx.state.session.tokenExpiresAt = Math.min(ctx.state.session.tokenExpiresAt, ctx.now() - 1);
    await commit(ctx);
    if (ctx.fault.crash) await ctx.io.crash();
  }
  if (ctx.now() >= ctx.state.session.tokenExpiresAt) throw new SimFailure(authFailedLines());
}

/** The one instance of the resource group, or the one the user picks when there are several. */
export async function chooseInstance(ctx: SimContext, prompt = INSTANCE_PROMPT): Promise<SimInstance> {
  const list = reachableInstances(ctx);
  if (list.length === 0) throw new SimFailure([NO_INSTANCES]);
  const only = list[0];
  if (list.length === 1 && only) return only;
  const widths = widthsOf(INSTANCE_TABLE_HEADER);
  const table = list.map((inst, i) => row(widths, [String(i + 1), inst.id]));
  const answer = await ask(ctx, [MULTIPLE_INSTANCES, '', INSTANCE_TABLE_HEADER, ...table, '', prompt]);
  const picked = /^\d+$/.test(answer) ? list[Number(answer) - 1] : undefined;
  if (!picked) throw new SimFailure([`'${answer}' is not a valid INSTANCE NUM.`]);
  return picked;
}

function afterCount(rule: SignatureSpec['after'], units: readonly SimUnit[]): number {
  switch (rule) {
    case 'none':
    case 'refused':
      return 0;
    case 'one':
      return 1;
    case 'signature-threshold':
      return Math.max(1, ...units.map((u) => u.thresholds.signature));
    case 'revocation-threshold':
      return Math.max(1, ...units.map((u) => u.thresholds.revocation));
  }
}

/** The units whose administrators must have signed: out of imprint mode, or leaving it. */
function checkedUnits(rule: SignatureSpec, units: readonly SimUnit[]): SimUnit[] {
  return units.filter((u) => (isImprint(u) ? rule.imprint === 'new-signature-threshold' : rule.after !== 'none'));
}

/** How many signatures the command needs on these units (`newThreshold`: the one a unit leaves imprint mode with). */
export function signaturesNeeded(rule: SignatureSpec, units: readonly SimUnit[], newThreshold = 1): number {
  const after = units.filter((u) => !isImprint(u));
  const leaving = units.some(isImprint) && rule.imprint === 'new-signature-threshold';
  return Math.max(after.length > 0 ? afterCount(rule.after, after) : 0, leaving ? newThreshold : 0);
}

/** The signature rule of a table command. */
export function signatureRule(command: string): SignatureSpec {
  const spec = commandSpec(command);
  if (!spec) throw new Error(`${command} is not in the command table`);
  return spec.signatures;
}

/**
 * Ask the passwords of `count` selected signature keys (administrators common to all units first);
 * a wrong one fails before anything is sent. Returns the keys that signed.
 */
export async function collectSignatures(
  ctx: SimContext,
  units: readonly SimUnit[],
  count: number,
): Promise<SigkeyInfo[]> {
  if (usesSigningService(ctx)) {
    const signers = count <= 0 ? [] : await serviceSigners(ctx, units, count);
    ctx.serviceSigners = signers.map((k) => k.ski);
    return signers;
  }
  if (count <= 0) return [];
  const installed = (k: SigkeyInfo): number => units.filter((u) => u.admins.some((a) => a.ski === k.ski)).length;
  const keys = (await ctx.ws.listSigkeys())
    .filter((k) => ctx.state.selectedSigkeys.includes(k.ski))
    .sort((a, b) => installed(b) - installed(a) || a.keynum - b.keynum)
    .slice(0, count);
  for (const k of keys) await checkKeyPassword(ctx, k);
  return keys;
}

/**
 * The SKIs that may sign this invocation's commands: the selected signature keys, or with a signing
 * service the keys taken from SIGNSERVKEYS, known once the signatures were collected (null before).
 */
export function signerSkis(ctx: SimContext): Signers {
  return usesSigningService(ctx)
    ? { skis: ctx.serviceSigners ?? null, service: true }
    : { skis: ctx.state.selectedSigkeys, service: false };
}

/** Ask a signature key file's password (the prompt shows its name and SKI); fail when it is wrong. */
export async function checkKeyPassword(ctx: SimContext, key: SigkeyInfo): Promise<void> {
  const password = await ask(ctx, [SIGKEY_PASSWORD_PROMPT, sigkeyLabel(key)], true);
  if (!(await ctx.ws.checkSigkeyPassword(key.keynum, password))) throw new SimFailure([SIGKEY_PASSWORD_WRONG]);
}

/** The crypto units' checks of a signed command: imprint mode, enough signatures, signers installed. */
export function verifySigners(
  rule: SignatureSpec,
  units: readonly SimUnit[],
  signers: readonly SigkeyInfo[],
  count: number,
): void {
  if (rule.imprint === 'refused' && units.some(isImprint)) throw new SimFailure(ep11ErrorLines(EP11_CODES.imprint));
  if (signers.length < count) throw new SimFailure(ep11ErrorLines(EP11_CODES.notEnoughSignatures));
  for (const u of checkedUnits(rule, units)) {
    if (signers.some((k) => !u.admins.some((a) => a.ski === k.ski))) {
      throw new SimFailure(ep11ErrorLines(EP11_CODES.unauthorizedSigner));
    }
  }
}

/**
 * Ask the signature key passwords a table command needs on these units; returns the crypto units'
 * check of the signatures, to run when the command is sent (after any other prompt of the command).
 */
export async function signatures(
  ctx: SimContext,
  command: string,
  units: readonly SimUnit[],
  newThreshold?: number,
): Promise<() => void> {
  const rule = signatureRule(command);
  const count = signaturesNeeded(rule, units, newThreshold);
  const signers = await collectSignatures(ctx, units, count);
  return () => verifySigners(rule, units, signers, count);
}

/** Collect the signatures a table command needs and send it: the crypto units check them. */
export async function sign(
  ctx: SimContext,
  command: string,
  units: readonly SimUnit[],
  newThreshold?: number,
): Promise<void> {
  (await signatures(ctx, command, units, newThreshold))();
}
