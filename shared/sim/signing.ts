/** Shared steps of signed commands: token check, instance choice, signature key passwords. */
import {
  INSTANCE_PROMPT,
  INSTANCE_TABLE_HEADER,
  MULTIPLE_INSTANCES,
  NO_INSTANCES,
  SIGKEY_PASSWORD_PROMPT,
  SIGKEY_PASSWORD_WRONG,
} from '../tke/messages.js';
import { ask, commit, SimFailure, type SimContext } from './context.js';
import { authFailedLines, row, widthsOf } from './format.js';
import { commonAdminSkis, requiredSignatures } from './prechecks.js';
import type { SimInstance, SimUnit } from './state.js';

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
export async function chooseInstance(ctx: SimContext): Promise<SimInstance> {
  const list = ctx.state.instances;
  if (list.length === 0) throw new SimFailure([NO_INSTANCES]);
  const only = list[0];
  if (list.length === 1 && only) return only;
  const widths = widthsOf(INSTANCE_TABLE_HEADER);
  const table = list.map((inst, i) => row(widths, [String(i + 1), inst.id]));
  const answer = await ask(ctx, [MULTIPLE_INSTANCES, '', INSTANCE_TABLE_HEADER, ...table, '', INSTANCE_PROMPT]);
  const picked = /^\d+$/.test(answer) ? list[Number(answer) - 1] : undefined;
  if (!picked) throw new SimFailure([`'${answer}' is not a valid INSTANCE NUM.`]);
  return picked;
}

/** Ask the passwords of as many selected signature keys as the threshold needs; a wrong one fails. */
export async function collectSignatures(ctx: SimContext, units: readonly SimUnit[]): Promise<void> {
  const common = new Set(commonAdminSkis(units));
  const keys = (await ctx.ws.listSigkeys())
    .filter((k) => ctx.state.selectedSigkeys.includes(k.ski))
    .sort((a, b) => Number(common.has(b.ski)) - Number(common.has(a.ski)) || a.keynum - b.keynum)
    .slice(0, requiredSignatures(units));
  for (const k of keys) {
    const password = await ask(ctx, [SIGKEY_PASSWORD_PROMPT, `${k.description} (${k.ski})`], true);
    if (!(await ctx.ws.checkSigkeyPassword(k.keynum, password))) throw new SimFailure([SIGKEY_PASSWORD_WRONG]);
  }
}
