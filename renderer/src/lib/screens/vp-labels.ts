/**
 * Verification-pattern labels for the register grid: every distinct VP gets a letter and a colour
 * so that equal values are recognisable by text as well as colour (never colour alone).
 */
import type { Register, RegisterState } from '../../../../shared/tke/types.js';
import { vpKey } from '../../../../shared/tke/vp.js';

export interface VpLabel {
  /** 'A', 'B', … in order of first appearance (current registers first, then new ones). */
  letter: string;
  /** First 8 hex digits. */
  short: string;
  full: string;
  /** Index into the chip palette (0..5). */
  colour: number;
}

export interface GridUnit {
  num: number;
  current: Register;
  new: Register;
}

export const PALETTE_SIZE = 6;

function letterOf(index: number): string {
  const base = String.fromCharCode(65 + (index % 26));
  return index < 26 ? base : `${base}${Math.floor(index / 26) + 1}`;
}

/**
 * Label every non-empty VP of the units, keyed by `vpKey` (case-insensitive, first 56 hex digits, as
 * IBM's SDK compares them): units that differ only in the last four bytes share a label.
 */
export function labelVps(units: readonly GridUnit[]): Map<string, VpLabel> {
  const labels = new Map<string, VpLabel>();
  const vps = [...units.map((u) => u.current.vp), ...units.map((u) => u.new.vp)];
  for (const raw of vps) {
    const vp = vpKey(raw);
    if (vp === '' || labels.has(vp)) continue;
    const index = labels.size;
    labels.set(vp, {
      letter: letterOf(index),
      short: vp.slice(0, 8),
      full: raw.toLowerCase(),
      colour: index % PALETTE_SIZE,
    });
  }
  return labels;
}

export interface VpGroup {
  label: VpLabel;
  units: number[];
}

/** How one register (current or new) compares across units: groups by VP, largest first. */
export interface RegisterComparison {
  which: 'current' | 'new';
  groups: VpGroup[];
  /** Units whose register is Empty (no VP). */
  empty: number[];
  /** True when the units disagree (more than one VP, or some Empty and some holding a value). */
  mismatch: boolean;
}

/** Group the units by the VP of one register, for the at-a-glance mismatch note. */
export function compareRegister(
  units: readonly GridUnit[],
  which: 'current' | 'new',
  labels: Map<string, VpLabel>,
): RegisterComparison {
  const byVp = new Map<string, number[]>();
  const empty: number[] = [];
  for (const u of units) {
    const vp = vpKey(u[which].vp);
    if (vp === '') empty.push(u.num);
    else byVp.set(vp, [...(byVp.get(vp) ?? []), u.num]);
  }
  const groups = [...byVp.entries()]
    .map(([vp, nums]) => ({ label: labels.get(vp) as VpLabel, units: nums }))
    .sort((a, b) => b.units.length - a.units.length || a.label.letter.localeCompare(b.label.letter));
  const mismatch = groups.length > 1 || (groups.length === 1 && empty.length > 0);
  return { which, groups, empty, mismatch };
}

/** The i18n key suffix of a register state. */
export function stateKey(state: RegisterState): 'empty' | 'fullUncommitted' | 'fullCommitted' | 'valid' {
  switch (state) {
    case 'Empty':
      return 'empty';
    case 'Full Uncommitted':
      return 'fullUncommitted';
    case 'Full Committed':
      return 'fullCommitted';
    case 'Valid':
      return 'valid';
  }
}
