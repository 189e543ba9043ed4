/** Read-only listings: cryptounits, cryptounit-mk(s), -thrhlds, -admins, -compare, sigkeys, mks. */
import {
  COMPARE_DIFFERENT,
  COMPARE_SAME,
  CRYPTOUNITS_TABLE_HEADER,
  MKPARTS_TABLE_HEADER,
  NO_SIGKEYS_SELECTED,
  REGISTER_TABLE_HEADER,
  SERVICE_INSTANCE_PREFIX,
  SIGKEYS_SELECTED_TITLE,
  SIGKEYS_TABLE_HEADER,
} from '../../tke/messages.js';
import { INFERRED_LINES } from '../../tke/catalogue-inferred.js';
import type { MkPartInfo, SigkeyInfo, SimContext } from '../context.js';
import { displayVp, row, widthsOf } from '../format.js';
import { reachableInstances, reachableSelected } from '../endpoint.js';
import { checkAuth } from '../signing.js';
import type { SimState, SimUnit } from '../state.js';
import { shownVp } from '../shown-vp.js';

const THRESHOLDS_HEADER = 'CRYPTO UNIT NUM   SIGNATURE THRESHOLD   REVOCATION THRESHOLD';
const ADMINS_HEADER = 'CRYPTO UNIT NUM   ADMIN NAME   SUBJECT KEY IDENTIFIER';
const REGISTER_COMPARE_HEADER = 'CRYPTO UNIT NUM   STATUS             VERIFICATION PATTERN';

/** Print the crypto units of every instance (used by cryptounits, cryptounit-add and -rm). */
export function printCryptounits(ctx: SimContext): void {
  const widths = widthsOf(CRYPTOUNITS_TABLE_HEADER);
  reachableInstances(ctx).forEach((inst, i) => {
    if (i > 0) ctx.io.print('');
    ctx.io.print(`${SERVICE_INSTANCE_PREFIX} ${inst.id}`);
    ctx.io.print(CRYPTOUNITS_TABLE_HEADER);
    for (const u of inst.units) {
      const selected = ctx.state.selectedUnits.includes(u.num) ? 'true' : 'false';
      ctx.io.print(row(widths, [String(u.num), selected, u.type, u.location]));
    }
  });
}

/** `tke cryptounits`. */
export async function cryptounits(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  printCryptounits(ctx);
}

/** `tke cryptounit-mk` / `tke cryptounit-mks`: both registers of each selected unit. */
export async function cryptounitMk(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const widths = widthsOf(REGISTER_TABLE_HEADER);
  const indent = ' '.repeat((widths[0] ?? 0) + (widths[1] ?? 0));
  let firstBlock = true;
  for (const inst of reachableInstances(ctx)) {
    const units = inst.units.filter((u) => ctx.state.selectedUnits.includes(u.num));
    if (units.length === 0) continue;
    if (!firstBlock) ctx.io.print('');
    firstBlock = false;
    ctx.io.print(`${SERVICE_INSTANCE_PREFIX} ${inst.id}`);
    units.forEach((u, i) => {
      if (i > 0) ctx.io.print('');
      ctx.io.print(`CRYPTO UNIT NUM: ${u.num}   TYPE: ${u.type}   LOCATION: ${u.location}`);
      ctx.io.print(REGISTER_TABLE_HEADER);
      for (const [label, reg] of [
        ['new', u.new],
        ['current', u.current],
      ] as const) {
        const vp = displayVp(shownVp(ctx.state, reg.value, u.olderFirmware === true));
        ctx.io.print(row(widths, [label, reg.state, vp.slice(0, 32)]));
        ctx.io.print(indent + vp.slice(32));
      }
    });
  }
  if (firstBlock) ctx.io.print('No crypto units are selected.');
}

function thresholdRows(units: readonly SimUnit[]): string[] {
  const w = widthsOf(THRESHOLDS_HEADER);
  return [
    THRESHOLDS_HEADER,
    ...units.map((u) => row(w, [String(u.num), String(u.thresholds.signature), String(u.thresholds.revocation)])),
  ];
}

export function adminRows(units: readonly SimUnit[]): string[] {
  const w = widthsOf(ADMINS_HEADER);
  const rows = units.flatMap((u) =>
    u.admins.length === 0
      ? [row(w, [String(u.num), '-', '-'])]
      : u.admins.map((a) => row(w, [String(u.num), a.name, a.ski])),
  );
  return [ADMINS_HEADER, ...rows];
}

/** `tke cryptounit-thrhlds`. */
export async function cryptounitThrhlds(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  thresholdRows(reachableSelected(ctx)).forEach((l) => ctx.io.print(l));
}

/** `tke cryptounit-admins`. */
export async function cryptounitAdmins(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  adminRows(reachableSelected(ctx)).forEach((l) => ctx.io.print(l));
}

/** The control points IBM names, in cryptounit-compare's CONTROL POINTS section [hs-crypto: enable-mechanisms.md]. */
export const NAMED_CONTROL_POINTS = ['XCP_CPB_BTC', 'XCP_CPB_ALG_EC_25519', 'XCP_CPB_ECDSA_OTHER'] as const;

/** `Set` or `Not Set`, as the CONTROL POINTS section prints a control point. */
export function controlPointSetting(u: SimUnit, point: string): string {
  return u.controlPoints?.includes(point) ? 'Set' : 'Not Set';
}

function registerRows(
  state: SimState,
  units: readonly SimUnit[],
  pick: (u: SimUnit) => { state: string; value: string },
): string[] {
  const w = widthsOf(REGISTER_COMPARE_HEADER);
  const vp = (u: SimUnit): string => displayVp(shownVp(state, pick(u).value, u.olderFirmware === true));
  const cells = (u: SimUnit): string[] => [String(u.num), pick(u).state, vp(u)];
  return [REGISTER_COMPARE_HEADER, ...units.map((u) => row(w, cells(u)))];
}

function controlPointRows(units: readonly SimUnit[]): string[] {
  const header = INFERRED_LINES.compareControlPoints.text;
  const w = widthsOf(header);
  const cells = (u: SimUnit): string[] => [
    String(u.num),
    ...NAMED_CONTROL_POINTS.map((p) => controlPointSetting(u, p)),
  ];
  return [header, ...units.map((u) => row(w, cells(u)))];
}

/** Each instance with its selected units, in state order. */
function byInstance(ctx: SimContext): { id: string; units: SimUnit[] }[] {
  return reachableInstances(ctx)
    .map((inst) => ({ id: inst.id, units: inst.units.filter((u) => ctx.state.selectedUnits.includes(u.num)) }))
    .filter((g) => g.units.length > 0);
}

/**
 * `tke cryptounit-compare`: every setting of the selected units, one section per setting with a
 * `SERVICE INSTANCE:` line before each instance's rows (as the CONTROL POINTS section IBM shows), then
 * the verdict.
 */
export async function cryptounitCompare(ctx: SimContext): Promise<void> {
  await checkAuth(ctx);
  const groups = byInstance(ctx);
  const sections: [string, (units: readonly SimUnit[]) => string[]][] = [
    ['SIGNATURE THRESHOLDS', thresholdRows],
    ['CRYPTO UNIT ADMINISTRATORS', adminRows],
    ['CURRENT MASTER KEY REGISTER', (units) => registerRows(ctx.state, units, (u) => u.current)],
    ['NEW MASTER KEY REGISTER', (units) => registerRows(ctx.state, units, (u) => u.new)],
    ['CONTROL POINTS', controlPointRows],
  ];
  for (const [title, rows] of sections) {
    ctx.io.print(title);
    for (const g of groups) [`${SERVICE_INSTANCE_PREFIX} ${g.id}`, ...rows(g.units)].forEach((l) => ctx.io.print(l));
    ctx.io.print('');
  }
  const diffs = differences(reachableSelected(ctx));
  if (diffs.length === 0) ctx.io.print(COMPARE_SAME);
  else [COMPARE_DIFFERENT, ...diffs].forEach((l) => ctx.io.print(l));
}

function differences(units: readonly SimUnit[]): string[] {
  const distinct = (f: (u: SimUnit) => string): boolean => new Set(units.map(f)).size > 1;
  const out: string[] = [];
  if (distinct((u) => `${u.thresholds.signature}/${u.thresholds.revocation}`))
    out.push('The signature thresholds differ.');
  if (
    distinct((u) =>
      u.admins
        .map((a) => a.ski)
        .sort()
        .join(','),
    )
  )
    out.push('The installed administrators differ.');
  if (distinct((u) => `${u.current.state}:${u.current.value}`)) out.push('The current master key registers differ.');
  if (distinct((u) => `${u.new.state}:${u.new.value}`)) out.push('The new master key registers differ.');
  const points = (u: SimUnit): string => NAMED_CONTROL_POINTS.map((p) => controlPointSetting(u, p)).join();
  if (distinct(points)) out.push('The control points differ.');
  return out;
}

/** Print a signature key table. */
export function printSigkeys(ctx: SimContext, keys: readonly SigkeyInfo[]): void {
  const w = widthsOf(SIGKEYS_TABLE_HEADER);
  ctx.io.print(SIGKEYS_TABLE_HEADER);
  for (const k of keys) ctx.io.print(row(w, [String(k.keynum), k.description, k.ski]));
}

/** Print a master key part table. */
export function printMkParts(ctx: SimContext, parts: readonly MkPartInfo[]): void {
  const w = widthsOf(MKPARTS_TABLE_HEADER);
  ctx.io.print(MKPARTS_TABLE_HEADER);
  for (const p of parts) ctx.io.print(row(w, [String(p.keynum), p.description, displayVp(p.vp)]));
}

/** `tke sigkeys`: the key files, then the ones selected with sigkey-sel. */
export async function sigkeys(ctx: SimContext): Promise<void> {
  const keys = await ctx.ws.listSigkeys();
  printSigkeys(ctx, keys);
  ctx.io.print('');
  const selected = keys.filter((k) => ctx.state.selectedSigkeys.includes(k.ski));
  if (selected.length === 0) {
    ctx.io.print(NO_SIGKEYS_SELECTED);
    return;
  }
  ctx.io.print(SIGKEYS_SELECTED_TITLE);
  printSigkeys(ctx, selected);
}

/** `tke mks`: the master key part files. */
export async function mks(ctx: SimContext): Promise<void> {
  printMkParts(ctx, await ctx.ws.listMkParts());
}
