/**
 * Cross-checks a register reading against what the transcripts prove. Any disagreement makes the
 * state indeterminate: the classifier then refuses every mutating command.
 */
import { isNewRegisterReady, type Register } from '../tke/types.js';
import type { RegisterReading } from './types.js';

/** What the transcripts say the registers must look like. */
export type RegisterExpectation =
  /** Nothing touched key storage: current registers are the old key everywhere. */
  | 'untouched'
  /** The new key is in every new register (M1, or key-part rotation started), nothing promoted. */
  | 'new-key-placed'
  /** Key storage re-encrypted (M2): units are either unpromoted or promoted. */
  | 'rewrapped';

export type RegisterVerdict =
  | { kind: 'consistent' }
  | { kind: 'unpromoted'; oldVp: string; newVp: string }
  | { kind: 'partial'; promoted: number[]; oldVp: string; newVp: string }
  | { kind: 'all-promoted'; vp: string }
  | { kind: 'contradiction'; reason: string; units: number[] };

/** Shorten a VP for messages. */
export function shortVp(vp: string): string {
  return vp === '' ? '(empty)' : vp.length > 12 ? `${vp.slice(0, 12)}…` : vp;
}

/** One-line description of a unit's registers, used as evidence text. */
export function describeUnit(u: RegisterReading): string {
  const reg = (r: Register): string => `${r.state}${r.vp === '' ? '' : ` ${shortVp(r.vp)}`}`;
  return `crypto unit ${u.num} (${u.type}): current ${reg(u.current)}, new ${reg(u.new)}`;
}

function contradiction(reason: string, units: number[]): RegisterVerdict {
  return { kind: 'contradiction', reason, units };
}

function single(values: string[]): string | undefined {
  const set = new Set(values);
  return set.size === 1 ? values[0] : undefined;
}

function checkCurrentSame(units: readonly RegisterReading[]): RegisterVerdict | string {
  const bad = units.filter((u) => u.current.state !== 'Valid' || u.current.vp === '');
  if (bad.length > 0) return contradiction('a current register is not Valid', bad.map((u) => u.num));
  const vp = single(units.map((u) => u.current.vp));
  if (vp === undefined) {
    return contradiction('the current registers do not all hold the same verification pattern', units.map((u) => u.num));
  }
  return vp;
}

function checkNewPlaced(units: readonly RegisterReading[]): RegisterVerdict {
  const old = checkCurrentSame(units);
  if (typeof old !== 'string') return old;
  const notReady = units.filter((u) => !isNewRegisterReady(u.new.state) || u.new.vp === '');
  if (notReady.length > 0) {
    return contradiction('the new master key should be committed in every new register, but is not', notReady.map((u) => u.num));
  }
  const newVp = single(units.map((u) => u.new.vp));
  if (newVp === undefined) {
    return contradiction('the new registers hold different verification patterns', units.map((u) => u.num));
  }
  if (newVp === old) return contradiction('the new and current registers hold the same value', units.map((u) => u.num));
  return { kind: 'unpromoted', oldVp: old, newVp };
}

function checkRewrapped(units: readonly RegisterReading[]): RegisterVerdict {
  const notValid = units.filter((u) => u.current.state !== 'Valid' || u.current.vp === '');
  if (notValid.length > 0) return contradiction('a current register is not Valid', notValid.map((u) => u.num));
  const ready = units.filter((u) => isNewRegisterReady(u.new.state) && u.new.vp !== '');
  const empty = units.filter((u) => u.new.state === 'Empty');
  const other = units.filter((u) => !ready.includes(u) && !empty.includes(u));
  if (other.length > 0) {
    return contradiction('after re-encryption a new register is neither committed nor Empty', other.map((u) => u.num));
  }
  if (ready.length === 0) {
    const vp = single(units.map((u) => u.current.vp));
    if (vp === undefined) {
      return contradiction('every new register is Empty but the current registers differ', units.map((u) => u.num));
    }
    return { kind: 'all-promoted', vp };
  }
  const newVp = single(ready.map((u) => u.new.vp));
  if (newVp === undefined) {
    return contradiction('re-encryption finished but the new registers hold different verification patterns', ready.map((u) => u.num));
  }
  const oldVp = single(ready.map((u) => u.current.vp));
  if (oldVp === undefined || oldVp === newVp) {
    return contradiction('the units not yet promoted do not share one old current value', ready.map((u) => u.num));
  }
  const stray = empty.filter((u) => u.current.vp !== newVp);
  if (stray.length > 0) {
    return contradiction(
      `a unit's current value matches neither the old (${shortVp(oldVp)}) nor the new (${shortVp(newVp)}) master key, or its new register was cleared before promotion`,
      stray.map((u) => u.num),
    );
  }
  if (empty.length === 0) return { kind: 'unpromoted', oldVp, newVp };
  return { kind: 'partial', promoted: empty.map((u) => u.num).sort((a, b) => a - b), oldVp, newVp };
}

/** Compare a register reading with what the transcripts prove. */
export function checkRegisters(expect: RegisterExpectation, units: readonly RegisterReading[]): RegisterVerdict {
  if (units.length === 0) return contradiction('the register reading lists no crypto unit', []);
  const nums = units.map((u) => u.num);
  if (new Set(nums).size !== nums.length) return contradiction('a crypto unit is listed twice', nums);
  switch (expect) {
    case 'untouched': {
      const old = checkCurrentSame(units);
      return typeof old === 'string' ? { kind: 'consistent' } : old;
    }
    case 'new-key-placed':
      return checkNewPlaced(units);
    case 'rewrapped':
      return checkRewrapped(units);
  }
}
