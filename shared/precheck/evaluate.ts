/** Evaluates the seven pre-checks of docs/domain.md (section 4) per crypto unit, before any rotation runs. */
import { SIGNSERV_ENV, SIGNSERVKEYS_FILE, type SigningService } from '../tke/signing-service.js';
import { isNewRegisterReady } from '../tke/types.js';
import { vpKey } from '../tke/vp.js';
import { PRECHECK_IDS, type PrecheckId } from '../tke/messages.js';
import type { AdminRow, ThresholdRow } from '../parse/listings.js';
import { shapeOf } from '../classifier/register-shape.js';
import { fixesFor, recoverFixes, type FixAdvice } from './fixes.js';
import type { CheckStatus, PrecheckInput, PrecheckResult, UnitCheck, UnitRegisterReading } from './types.js';

interface Context {
  input: PrecheckInput;
  /** Units the rotation will act on, when known. */
  targets: number[] | undefined;
  thresholds: readonly ThresholdRow[] | undefined;
  admins: readonly AdminRow[] | undefined;
  registers: readonly UnitRegisterReading[] | undefined;
}

type Partial3 = Omit<PrecheckResult, 'id' | 'fix'>;

const short = (vp: string): string => (vp === '' ? '(empty)' : `${vp.slice(0, 12)}…`);

function unknown(summary: string): Partial3 {
  return { status: 'unknown', summary, units: [], evidence: [] };
}

function overall(units: readonly UnitCheck[]): CheckStatus {
  if (units.some((u) => u.status === 'fail')) return 'fail';
  return units.length > 0 && units.every((u) => u.status === 'pass') ? 'pass' : 'unknown';
}

function targetsOf(input: PrecheckInput): number[] | undefined {
  const instances = input.instances;
  if (instances === undefined) return undefined;
  const selected = instances.flatMap((i) => i.units.filter((u) => u.selected).map((u) => u.num));
  // auto-mk-rotate selects every unit of the chosen instance itself.
  if (input.flow === 'auto' && instances.length === 1) return instances[0]?.units.map((u) => u.num);
  return selected;
}

function inTargets<T extends { num: number }>(rows: readonly T[], ctx: Context): T[] {
  return ctx.targets === undefined ? [...rows] : rows.filter((r) => ctx.targets?.includes(r.num) === true);
}

/**
 * The units the rotation will act on that a reading does not cover: auto-mk-rotate selects every unit
 * of the instance, but the listings read the selected ones only (a failover unit failover-enable left
 * unselected, for one). Such a unit is not judged: it is `unknown`, never passed.
 */
function unread(rows: readonly { num: number }[], ctx: Context): UnitCheck[] {
  const read = new Set(rows.map((r) => r.num));
  return (ctx.targets ?? []).filter((n) => !read.has(n)).map((num) => ({ num, status: 'unknown', detail: NOT_READ }));
}

const NOT_READ = 'not read: not selected now (auto-mk-rotate will select it; the readings cover the selected crypto units only)';

function checkAuth(ctx: Context): Partial3 {
  const t = ctx.input.token;
  if (t === undefined) return unknown('Token expiry unknown: log in shortly before rotating (tokens last one hour).');
  const minutes = Math.floor((t.expiresAt - t.now) / 60000);
  if (t.expiresAt <= t.now) return { status: 'fail', summary: 'The access token has expired.', units: [], evidence: [`expired ${-minutes} min ago`] };
  return { status: 'pass', summary: `The access token is valid for ${minutes} more minutes.`, units: [], evidence: [] };
}

function checkSelection(ctx: Context): Partial3 {
  const instances = ctx.input.instances;
  if (instances === undefined) return unknown('Run `ibmcloud tke cryptounits` to see the selection.');
  if (ctx.input.flow === 'auto') {
    const only = instances.length === 1 ? instances[0] : undefined;
    const unselected = only?.units.filter((u) => !u.selected) ?? [];
    if (unselected.length === 0) return { status: 'pass', summary: 'auto-mk-rotate selects every crypto unit of the chosen instance itself.', units: [], evidence: [] };
    return {
      status: 'unknown',
      summary: `auto-mk-rotate selects every crypto unit of the instance itself, but crypto unit ${unselected.map((u) => u.num).join(', ')} is not selected now, so the other checks cannot read it: select it and run the pre-checks again.`,
      units: unselected.map((u) => ({ num: u.num, status: 'unknown', detail: `not selected (${u.type})` })),
      evidence: [],
    };
  }
  const withSelection = instances.filter((i) => i.units.some((u) => u.selected));
  const units: UnitCheck[] = [];
  for (const inst of instances) {
    const chosen = withSelection.length === 1 && withSelection[0] === inst;
    for (const u of inst.units) {
      const ok = chosen ? u.selected : !u.selected;
      units.push({ num: u.num, status: ok ? 'pass' : 'fail', detail: `${u.selected ? 'selected' : 'not selected'} (instance ${inst.id})` });
    }
  }
  const evidence = [`${withSelection.length} service instance(s) with selected crypto units`];
  if (withSelection.length !== 1) {
    return { status: 'fail', summary: 'Exactly one service instance must have selected crypto units.', units, evidence };
  }
  return { status: overall(units), summary: 'All crypto units of one service instance must be selected.', units, evidence };
}

function checkImprint(ctx: Context): Partial3 {
  if (ctx.thresholds === undefined) return unknown('Run `ibmcloud tke cryptounit-thrhlds` to read the thresholds.');
  const units: UnitCheck[] = inTargets(ctx.thresholds, ctx).map((t) => {
    const imprint = t.signature === 0 && t.revocation === 0;
    return { num: t.num, status: imprint ? 'fail' : 'pass', detail: imprint ? 'imprint mode (thresholds 0/0)' : `thresholds ${t.signature}/${t.revocation}` } satisfies UnitCheck;
  });
  units.push(...unread(ctx.thresholds, ctx));
  return { status: overall(units), summary: 'No crypto unit may be in imprint mode.', units, evidence: [] };
}

function checkThresholds(ctx: Context): Partial3 {
  if (ctx.thresholds === undefined) return unknown('Run `ibmcloud tke cryptounit-thrhlds` to read the thresholds.');
  const rows = inTargets(ctx.thresholds, ctx);
  const key = (t: ThresholdRow): string => `${t.signature}/${t.revocation}`;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const units: UnitCheck[] = rows.map((r) => ({ num: r.num, status: counts.size <= 1 || key(r) === common ? 'pass' : 'fail', detail: `signature/revocation ${key(r)}` }) satisfies UnitCheck);
  units.push(...unread(ctx.thresholds, ctx));
  const status = counts.size > 1 ? 'fail' : overall(units);
  return { status, summary: 'Signature thresholds must be equal on every crypto unit.', units, evidence: [...counts.keys()].map((k) => `thresholds ${k}`) };
}

/**
 * Pre-check 5 when the CLI signs through a signing service [hs-crypto: signing-service.md]: the keys
 * are the entries of SIGNSERVKEYS, whose owners only the service knows. The check fails when the file
 * is unusable, lists fewer keys than the threshold needs, or a unit has too few administrators; else it
 * cannot be judged here.
 */
function checkAdminsSigned(ctx: Context, service: SigningService): Partial3 {
  if ('problem' in service) return { status: 'fail', summary: service.problem, units: [], evidence: [] };
  if (ctx.admins === undefined || ctx.thresholds === undefined) return unknown('Needs `cryptounit-admins` and `cryptounit-thrhlds`.');
  const needed = Math.max(1, ...inTargets(ctx.thresholds, ctx).map((t) => t.signature));
  const installed = new Map<number, number>();
  for (const r of inTargets(ctx.admins, ctx)) installed.set(r.num, (installed.get(r.num) ?? 0) + 1);
  const units = [...installed.entries()].map(([num, count]) => ({
    num,
    status: count >= needed ? 'unknown' : 'fail',
    detail: `${count} administrator(s) installed (need ${needed}); which of them the signing service's keys belong to is not known here`,
  }) satisfies UnitCheck);
  const listed = service.keys.length;
  const evidence = [`${SIGNSERVKEYS_FILE}: ${listed} signature key(s), ${service.withToken} with its token in the file`];
  if (listed < needed) {
    return { status: 'fail', summary: `${SIGNSERVKEYS_FILE} lists ${listed} signature key(s); the signature threshold needs ${needed}.`, units, evidence };
  }
  return {
    status: units.some((u) => u.status === 'fail') ? 'fail' : 'unknown',
    summary: `Signatures come from the signing service (${SIGNSERV_ENV}). ${SIGNSERVKEYS_FILE} lists ${listed} key(s) for ${needed} signature(s), but whose keys they are only the signing service knows: this cannot be checked from the workstation.`,
    units,
    evidence,
  };
}

function checkAdmins(ctx: Context): Partial3 {
  if (ctx.input.signingService !== undefined) return checkAdminsSigned(ctx, ctx.input.signingService);
  if (ctx.admins === undefined || ctx.thresholds === undefined || ctx.input.selectedSigKeys === undefined) {
    return unknown('Needs `cryptounit-admins`, `cryptounit-thrhlds` and `sigkeys`.');
  }
  const rows = inTargets(ctx.admins, ctx);
  // No crypto unit listed (none found, none selected): nothing to judge, not a failure.
  if (rows.length === 0 && (ctx.targets ?? []).length === 0) return unknown('No crypto unit was listed, so no administrator could be checked.');
  const byUnit = new Map<number, Set<string>>();
  for (const r of rows) {
    const set = byUnit.get(r.num) ?? new Set<string>();
    if (r.ski !== undefined) set.add(r.ski);
    byUnit.set(r.num, set);
  }
  const selected = new Set(ctx.input.selectedSigKeys.map((k) => k.ski.toLowerCase()));
  const needed = Math.max(1, ...inTargets(ctx.thresholds, ctx).map((t) => t.signature));
  const sets = [...byUnit.values()];
  const common = [...selected].filter((ski) => sets.length > 0 && sets.every((s) => s.has(ski)));
  const units: UnitCheck[] = [...byUnit.entries()].map(([num, skis]) => {
    const usable = [...selected].filter((s) => skis.has(s)).length;
    return { num, status: usable >= needed ? 'pass' : 'fail', detail: `${usable} of the selected signature keys are administrators here (need ${needed})` } satisfies UnitCheck;
  });
  const judged = units.length;
  units.push(...unread(ctx.admins, ctx));
  const failed = common.length < needed || units.some((u) => u.status === 'fail');
  const status: CheckStatus = failed ? 'fail' : units.length > judged ? 'unknown' : 'pass';
  return {
    status,
    summary: `At least ${needed} common administrators must be installed everywhere and selected with sigkey-sel.`,
    units,
    evidence: [`${common.length} selected signature key(s) are administrators on every unit`],
  };
}

function checkCurrent(ctx: Context): Partial3 {
  if (ctx.registers === undefined) return unknown('Run `ibmcloud tke cryptounit-mk` to read the registers.');
  const regs = inTargets(ctx.registers, ctx);
  // VPs compare on their first 56 hex digits, as IBM's SDK does (shared/tke/vp.ts).
  const vps = new Set(regs.filter((r) => r.current.state === 'Valid').map((r) => vpKey(r.current.vp)));
  const common = [...vps][0];
  const units: UnitCheck[] = regs.map((r) => ({
    num: r.num,
    status: r.current.state === 'Valid' && vps.size === 1 && vpKey(r.current.vp) === common && common !== '' ? 'pass' : 'fail',
    detail: `current ${r.current.state} ${short(r.current.vp)}`,
  }) satisfies UnitCheck);
  units.push(...unread(ctx.registers, ctx));
  return { status: overall(units), summary: 'Every current register must be Valid with one verification pattern.', units, evidence: [...vps].map(short) };
}

function checkNew(ctx: Context): Partial3 {
  if (ctx.registers === undefined) return unknown('Run `ibmcloud tke cryptounit-mk` to read the registers.');
  const regs = inTargets(ctx.registers, ctx);
  if (ctx.input.flow === 'auto') {
    const units: UnitCheck[] = regs.map((r) => ({ num: r.num, status: r.new.state === 'Empty' ? 'pass' : 'fail', detail: `new ${r.new.state}` }) satisfies UnitCheck);
    units.push(...unread(ctx.registers, ctx));
    return { status: overall(units), summary: 'auto-mk-rotate needs every new register Empty.', units, evidence: [] };
  }
  const vps = new Set(regs.map((r) => vpKey(r.new.vp)));
  const units = regs.map((r) => ({
    num: r.num,
    status: isNewRegisterReady(r.new.state) && vps.size === 1 && r.new.vp !== '' ? 'pass' : 'fail',
    detail: `new ${r.new.state} ${short(r.new.vp)}`,
  }) satisfies UnitCheck);
  return { status: overall(units), summary: 'Every new register must be committed with one verification pattern.', units, evidence: [...vps].map(short) };
}

function evaluateOne(id: PrecheckId, ctx: Context): Partial3 {
  switch (id) {
    case 'auth':
      return checkAuth(ctx);
    case 'selection':
      return checkSelection(ctx);
    case 'imprint':
      return checkImprint(ctx);
    case 'thresholds':
      return checkThresholds(ctx);
    case 'admins':
      return checkAdmins(ctx);
    case 'current-mk':
      return checkCurrent(ctx);
    case 'new-mk':
      return checkNew(ctx);
  }
}

/** Evaluate the seven pre-checks, in docs/domain.md order, each with per-unit results and the fix. */
export function evaluatePrechecks(input: PrecheckInput): PrecheckResult[] {
  const compare = input.compare;
  const fromCompare = compare === undefined || compare.current.length === 0
    ? undefined
    : compare.current.flatMap((c) => {
        const n = compare.new.find((x) => x.num === c.num);
        return n === undefined ? [] : [{ num: c.num, current: c.register, new: n.register }];
      });
  const ctx: Context = {
    input,
    targets: targetsOf(input),
    thresholds: input.thresholds ?? (compare !== undefined && compare.thresholds.length > 0 ? compare.thresholds : undefined),
    admins: input.admins ?? (compare !== undefined && compare.admins.length > 0 ? compare.admins : undefined),
    registers: input.registers ?? fromCompare,
  };
  return PRECHECK_IDS.map((id) => {
    const r = evaluateOne(id, ctx);
    // Units not selected for auto-mk-rotate are read once selected: that is the selection check's fix.
    const unselected = id === 'selection' && r.status === 'unknown' ? r.units.map((u) => u.num) : [];
    if (unselected.length > 0) return { id, ...r, fix: [selectToRead(unselected)] };
    return { id, ...r, fix: r.status === 'fail' ? fixOf(id, ctx, r.units.filter((u) => u.status === 'fail').map((u) => u.num)) : [] };
  });
}

const COMMITTED_NEW_KEY =
  'A committed new master key is in the new registers: a rotation may have stopped after re-encryption of key storage began, and that value may be the only one part of key storage is wrapped under. Never clear it. Rotate it in: choose the key-part flow, whose plan runs cryptounit-mk-rotate on the committed value, or adopt the failed run on the analysis screen and follow the advisor.';

/**
 * A current master key lost (cleared, zeroized, replaced) with no rotation under way, while the other
 * units, a recovery crypto unit among them, agree on one value: IBM's recover page copies it back with
 * auto-mk-recover, as the classifier advises (shared/classifier/decide.ts). Unit types come from the
 * `cryptounits` listing; without it auto-mk-recover itself finds the recovery unit or stops.
 */
function recoverableLoss(ctx: Context): { units: number[] } | undefined {
  const registers = ctx.registers;
  if (registers === undefined) return undefined;
  const types = new Map((ctx.input.instances ?? []).flatMap((i) => i.units.map((u) => [u.num, u.type] as const)));
  const shape = shapeOf(registers.map((r) => ({ num: r.num, type: types.get(r.num) ?? 'OPERATIONAL', current: r.current, new: r.new })));
  return shape.kind === 'current-lost' && shape.recoverable ? { units: shape.units } : undefined;
}

function selectToRead(units: readonly number[]): FixAdvice {
  const which = units.join(', ');
  return {
    command: 'ibmcloud tke cryptounit-add',
    why: `Select crypto unit ${which}, then run the pre-checks again: auto-mk-rotate acts on every crypto unit of the instance, these included, and only selected units can be read.`,
    i18n: { key: 'selection-read', values: { units: which } },
  };
}

/** The fix of a failed check; clearing the new registers is offered only while nothing in them is committed. */
function fixOf(id: PrecheckId, ctx: Context, failing: number[]): FixAdvice[] {
  const committed = id === 'new-mk' && ctx.input.flow === 'auto' && ctx.registers !== undefined && inTargets(ctx.registers, ctx).some((r) => isNewRegisterReady(r.new.state));
  if (committed) return [{ command: 'ibmcloud tke cryptounit-mk-rotate', why: COMMITTED_NEW_KEY }];
  const lost = id === 'current-mk' ? recoverableLoss(ctx) : undefined;
  return lost ? recoverFixes(lost.units) : fixesFor(id, ctx.input.flow, { signingService: ctx.input.signingService !== undefined, units: failing });
}
