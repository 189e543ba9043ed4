/**
 * `tke auto-init`: the documented screen of IBM's initialization with recovery crypto units
 * [hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md]. Every unit of the chosen instance must be in
 * imprint mode; administrators are installed, thresholds set, a random master key generated in a
 * recovery unit and transferred to the others.
 */
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import { INIT_SCREEN as S } from '../../tke/catalogue-screens.js';
import { SIGKEYS_TABLE_HEADER } from '../../tke/messages.js';
import { ask, commit, SimFailure, type SigkeyInfo, type SimContext } from '../context.js';
import { fill, row, shortSki, widthsOf } from '../format.js';
import { randomHex } from '../prng.js';
import { isImprint, type SimInstance } from '../state.js';
import { checkAuth, checkKeyPassword, chooseInstance } from '../signing.js';
import { askThresholds, MAX_ADMINS } from './admin.js';
import { parseNums, parseRange } from './parse-answers.js';
import { newSigkey } from './workstation.js';

/** The SDK's text when an instance has no recovery crypto unit [tke-sdk: tkesdk/update.go:359-361]. */
export const NO_RECOVERY_UNIT_INIT = 'No recovery crypto unit found when setting master key registers';

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const counted = (n: number, noun: string): string => `${NUMBER_WORDS[n] ?? n} ${noun}${n === 1 ? '' : 's'}`;

/** Step 3: the administrator count, then existing key files (with their passwords), then new ones. */
async function chooseAdministrators(
  ctx: SimContext,
  t: { signature: number; revocation: number },
): Promise<SigkeyInfo[]> {
  const needed = Math.max(t.signature, t.revocation);
  const intro = fill(S.adminsIntro3.text, { ...t, needed: `${needed} administrator${needed === 1 ? '' : 's'}` });
  [S.adminsTitle.text, '', S.adminsIntro1.text, '', S.adminsIntro2.text, '', intro, ''].forEach((l) => ctx.io.print(l));
  const range = `a number from ${needed} to ${MAX_ADMINS}`;
  const count = parseRange(await ask(ctx, [S.adminsPrompt.text]), needed, MAX_ADMINS, range);
  const keys = await ctx.ws.listSigkeys();
  const w = widthsOf(SIGKEYS_TABLE_HEADER);
  const table = keys.map((k) => row(w, [String(k.keynum), k.description, shortSki(k.ski)]));
  const intros = [S.sigkeysIntro1.text, '', S.sigkeysIntro2.text, ''];
  ['', S.sigkeysTitle.text, '', S.sigkeysFound.text, '', SIGKEYS_TABLE_HEADER, ...table, '', ...intros].forEach((l) =>
    ctx.io.print(l),
  );
  const answer = await ask(ctx, [S.sigkeysPrompt.text]);
  const nums =
    answer === ''
      ? []
      : parseNums(
          answer,
          keys.map((k) => k.keynum),
        );
  if (new Set(nums).size !== nums.length || nums.length > count) {
    throw new SimFailure([`'${answer}' is not up to ${count} different KEYNUM values.`]);
  }
  const chosen = nums.map((n) => keys.find((k) => k.keynum === n)).filter((k): k is SigkeyInfo => k !== undefined);
  for (const k of chosen) await checkKeyPassword(ctx, k);
  const created: SigkeyInfo[] = [];
  while (chosen.length + created.length < count) created.push(await newSigkey(ctx));
  const summary = created.length === 0 ? S.summary.text : INFERRED_LINES.newSigkeysSummary.text;
  ctx.io.print('');
  const existing = counted(chosen.length, 'existing signature key');
  const made = counted(created.length, 'new signature key file');
  const words = { admins: counted(count, 'administrator'), existing, created: made[0]?.toUpperCase() + made.slice(1) };
  ctx.io.print(fill(summary, words));
  ctx.io.print('');
  return [...chosen, ...created];
}

/** Install, set thresholds, generate in the first recovery unit, transfer to every other unit. */
async function initialize(
  ctx: SimContext,
  inst: SimInstance,
  admins: readonly SigkeyInfo[],
  t: { signature: number; revocation: number },
): Promise<void> {
  const units = [...inst.units].sort((a, b) => a.num - b.num);
  admins.forEach((k, i) => {
    ctx.io.print(fill(S.installing.text, { done: i + 1, total: admins.length }));
    for (const u of units) u.admins.push({ name: k.description, ski: k.ski });
  });
  await commit(ctx);
  ctx.io.print(S.settingThresholds.text);
  for (const u of units) u.thresholds = { ...t };
  await commit(ctx);
  const recovery = units.find((u) => u.type === 'RECOVERY');
  if (!recovery) throw new SimFailure([NO_RECOVERY_UNIT_INIT]);
  ctx.io.print(S.generating.text);
  const value = randomHex(ctx.state, 32);
  recovery.current = { state: 'Valid', value };
  await commit(ctx);
  const others = units.filter((u) => u !== recovery);
  for (const [i, u] of others.entries()) {
    ctx.io.print(fill(S.transferring.text, { done: i + 1, total: others.length }));
    u.current = { state: 'Valid', value };
    await commit(ctx);
  }
  ctx.io.print('');
}

/** Run auto-init; returns the lines IBM shows after `OK`. */
export async function autoInit(ctx: SimContext): Promise<string[]> {
  await checkAuth(ctx);
  const inst = await chooseInstance(ctx, S.instancePrompt.text);
  ctx.state.selectedUnits = inst.units.map((u) => u.num).sort((a, b) => a - b);
  await commit(ctx);
  const busy = inst.units.filter((u) => !isImprint(u)).map((u) => u.num);
  if (busy.length > 0) throw new SimFailure([fill(INFERRED_LINES.notImprint.text, { units: busy.join(', ') })]);
  [S.thresholdsTitle.text, ''].forEach((l) => ctx.io.print(l));
  const t = await askThresholds(ctx);
  ctx.io.print('');
  const admins = await chooseAdministrators(ctx, t);
  await initialize(ctx, inst, admins, t);
  return [S.done.text, S.compareHint.text];
}
