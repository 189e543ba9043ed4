/**
 * Building a twin from the output of read-only TKE commands, with the product's parsers. Pure: the
 * caller runs the commands and hands over what they printed. Nothing here sees a key file or a
 * password; the listings carry names, SKIs, settings and verification patterns only.
 */
import {
  parseAdmins,
  parseCompare,
  parseCryptoUnits,
  parseMasterKeyParts,
  parseRegisterListing,
  parseSigKeys,
  parseThresholds,
  type AdminRow,
} from '../parse/index.js';
import type { Register } from '../tke/types.js';
import { TWIN_FORMAT, type Twin, type TwinRegister, type TwinUnit } from './schema.js';

/** The read-only commands a capture runs, by the reading they fill. None changes anything. */
export const CAPTURE_COMMANDS = {
  cryptounits: ['tke', 'cryptounits'],
  compare: ['tke', 'cryptounit-compare'],
  thresholds: ['tke', 'cryptounit-thrhlds'],
  admins: ['tke', 'cryptounit-admins'],
  registers: ['tke', 'cryptounit-mk'],
  sigkeys: ['tke', 'sigkeys'],
  mks: ['tke', 'mks'],
} as const;
/** Version commands: read only and local; a failure leaves the version unknown (null). */
export const VERSION_COMMANDS = { ibmcloud: ['version'], tke: ['plugin', 'show', 'tke'] } as const;
/** Readings a capture can do without: the compare is a cross-check of the dedicated listings. */
export const OPTIONAL_READINGS: ReadonlySet<keyof typeof CAPTURE_COMMANDS> = new Set(['compare']);

export type CaptureReadings = Record<keyof typeof CAPTURE_COMMANDS, string | null> & {
  ibmcloudVersion: string | null;
  tkeVersion: string | null;
};

/** A capture that cannot make a twin (nothing listed, an unknown unit type). */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
}

/** `ibmcloud version` prints `ibmcloud version 2.20.0+...`; the version word, or null. */
export function ibmcloudVersionOf(text: string | null): string | null {
  const m = /\bibmcloud(?:\.exe)?\s+version\s+(\S{1,100})/i.exec(text ?? '');
  return m?.[1] ?? null;
}

/** `ibmcloud plugin show tke` prints a `Plug-in Version   1.3.4` row (or `Version`); the version, or null. */
export function tkeVersionOf(text: string | null): string | null {
  const m = /^\s*(?:plug-?in\s+)?version\s*:?\s+(\d[\w.+-]{0,99})\s*$/im.exec(text ?? '');
  return m?.[1] ?? null;
}

const hexOnly = (s: string): string => s.replace(/[\s:]/g, '').toLowerCase();

function twinRegister(r: Register): TwinRegister {
  return { state: r.state, vp: r.state === 'Empty' ? '' : hexOnly(r.vp) };
}

function adminsByUnit(rows: readonly AdminRow[]): Map<number, { name: string; ski: string }[]> {
  const out = new Map<number, { name: string; ski: string }[]>();
  for (const r of rows) {
    const list = out.get(r.num) ?? [];
    if (r.name !== undefined && r.ski !== undefined) list.push({ name: r.name, ski: hexOnly(r.ski) });
    out.set(r.num, list);
  }
  return out;
}

interface UnitSources {
  thresholds: Map<number, { signature: number; revocation: number }>;
  admins: Map<number, { name: string; ski: string }[]>;
  registers: Map<number, { current: TwinRegister; new: TwinRegister; type?: TwinUnit['type'] }>;
}

function unitSources(r: CaptureReadings, warnings: string[]): UnitSources {
  type Limits = { signature: number; revocation: number };
  const limits = (t: Limits): Limits => ({ signature: t.signature, revocation: t.revocation });
  const thresholds = new Map(parseThresholds(r.thresholds ?? '').map((t) => [t.num, limits(t)]));
  const admins = adminsByUnit(parseAdmins(r.admins ?? ''));
  const registers: UnitSources['registers'] = new Map(
    parseRegisterListing(r.registers ?? '').map((u) => {
      const regs = { current: twinRegister(u.current), new: twinRegister(u.new), type: u.type };
      return [u.num, regs];
    }),
  );
  if (r.compare === null) return { thresholds, admins, registers };
  const cmp = parseCompare(r.compare);
  for (const row of cmp.current) {
    const next = cmp.new.find((n) => n.num === row.num);
    const listed = registers.get(row.num);
    const fromCompare = next && { current: twinRegister(row.register), new: twinRegister(next.register) };
    if (!fromCompare) continue;
    const same = (a: TwinRegister, b: TwinRegister): boolean => a.state === b.state && a.vp === b.vp;
    if (!listed) registers.set(row.num, fromCompare);
    else if (!same(listed.current, fromCompare.current) || !same(listed.new, fromCompare.new)) {
      warnings.push(
        `crypto unit ${row.num}: cryptounit-compare and cryptounit-mk showed different registers; ` +
          "the twin keeps cryptounit-mk's.",
      );
    }
  }
  for (const t of cmp.thresholds) if (!thresholds.has(t.num)) thresholds.set(t.num, limits(t));
  for (const [num, list] of adminsByUnit(cmp.admins)) if (!admins.has(num)) admins.set(num, list);
  return { thresholds, admins, registers };
}

function twinUnits(r: CaptureReadings, warnings: string[]): Twin['instances'] {
  const listed = parseCryptoUnits(r.cryptounits ?? '');
  if (listed.every((i) => i.units.length === 0)) {
    throw new CaptureError(
      'ibmcloud tke cryptounits listed no crypto units: ' +
        'check the targeted region and resource group (ibmcloud target).',
    );
  }
  const src = unitSources(r, warnings);
  return listed
    .filter((inst) => inst.units.length > 0)
    .map((inst) => ({
      id: inst.id === '' ? 'unnamed-instance' : inst.id,
      units: inst.units.map((u): TwinUnit => {
        const regs = src.registers.get(u.num);
        const type = u.type ?? regs?.type;
        if (type === undefined) {
          throw new CaptureError(`crypto unit ${u.num} has a type this version does not know (line ${u.line}).`);
        }
        const unit: TwinUnit = {
          num: u.num,
          type,
          location: u.location.trim(),
          selected: u.selected,
          thresholds: src.thresholds.get(u.num) ?? null,
          admins: src.admins.get(u.num) ?? null,
          registers: regs ? { current: regs.current, new: regs.new } : null,
        };
        const missing = (['thresholds', 'admins', 'registers'] as const).filter((k) => unit[k] === null);
        if (u.selected && missing.length > 0) {
          const what = missing.join(', ');
          warnings.push(`crypto unit ${u.num} is selected but its ${what} were not shown: recorded as not read.`);
        }
        return unit;
      }),
    }));
}

/** The twin made of these readings, and what the caller should tell the user about it. */
export function buildTwin(readings: CaptureReadings, capturedAt: Date): { twin: Twin; warnings: string[] } {
  const warnings: string[] = [];
  const instances = twinUnits(readings, warnings);
  const listing = parseSigKeys(readings.sigkeys ?? '');
  const selected = new Set(listing.selected.map((k) => hexOnly(k.ski)));
  const twin: Twin = {
    format: TWIN_FORMAT,
    capturedAt: capturedAt.toISOString(),
    cli: { ibmcloud: ibmcloudVersionOf(readings.ibmcloudVersion), tke: tkeVersionOf(readings.tkeVersion) },
    instances,
    keyFiles: {
      sigkeys: listing.keys.map((k) => {
        const ski = hexOnly(k.ski);
        return { keynum: k.keynum, description: k.description.trim(), ski, selected: selected.has(ski) };
      }),
      mkparts: parseMasterKeyParts(readings.mks ?? '').map((p) => {
        return { keynum: p.keynum, description: p.description.trim(), vp: hexOnly(p.vp) };
      }),
    },
  };
  const unselected = instances
    .flatMap((i) => i.units)
    .filter((u) => !u.selected)
    .map((u) => u.num);
  if (unselected.length > 0) {
    warnings.push(
      `crypto units ${unselected.join(', ')} were not selected, so their settings and registers are not in the twin ` +
        '(select them with cryptounit-add and capture again to include them).',
    );
  }
  return { twin, warnings };
}
