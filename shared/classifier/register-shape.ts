/**
 * What one register reading says about a rotation: which level (or range of levels) it is consistent
 * with, and which verification patterns (VPs) are the old and the new master key. VPs are compared on
 * their first 56 hex digits (shared/tke/vp.ts).
 */
import { isNewRegisterReady } from '../tke/types.js';
import { distinctVps, sameVp, vpKey } from '../tke/vp.js';
import type { Level, LevelRange } from './progress.js';
import type { RegisterReading } from './types.js';

export type RegisterShape =
  /** Every new register Empty, every current register Valid with one VP: untouched, or fully promoted. */
  | { kind: 'settled'; vp: string }
  /**
   * A new key is being placed: new registers hold one uncommitted VP (or are partly committed/Empty).
   * `conflicting`: uncommitted values that differ (a placement cut short and begun again, as a rerun
   * auto-mk-rotate does); nothing can be wrapped under an uncommitted value, and `newVp` is then ''.
   */
  | { kind: 'placing'; oldVp: string; newVp: string; complete: boolean; conflicting?: true }
  /** Every new register holds one committed VP; every current register one other VP. */
  | { kind: 'committed'; oldVp: string; newVp: string }
  /** Some units promoted (current = new VP, new Empty); the rest still old current + committed new. */
  | { kind: 'partial'; oldVp: string; newVp: string; promoted: number[] }
  /**
   * A current register is not Valid: the current master key of those units is gone. `recoverable` when
   * no rotation is under way (every new register Empty), the other units agree on one current value and
   * a recovery crypto unit holds it: `auto-mk-recover` can copy it back (IBM's recover page).
   */
  | { kind: 'current-lost'; units: number[]; recoverable: boolean; vp: string }
  | { kind: 'mixed'; reason: string; units: number[] };

const mixed = (reason: string, units: readonly RegisterReading[]): RegisterShape => ({
  kind: 'mixed',
  reason,
  units: units.map((u) => u.num),
});

/** Read the shape of a register reading (the units listed, usually the selected ones). */
export function shapeOf(units: readonly RegisterReading[]): RegisterShape {
  if (units.length === 0) return { kind: 'mixed', reason: 'the register reading lists no crypto unit', units: [] };
  const nums = units.map((u) => u.num);
  if (new Set(nums).size !== nums.length)
    return { kind: 'mixed', reason: 'a crypto unit is listed twice', units: nums };
  const lost = units.filter((u) => u.current.state !== 'Valid' || vpKey(u.current.vp) === '');
  return lost.length > 0 ? currentLost(units, lost) : newRegistersShape(units);
}

/** Some current registers are not Valid: whether the others' value can be copied back to them. */
function currentLost(units: readonly RegisterReading[], lost: readonly RegisterReading[]): RegisterShape {
  const valid = units.filter((u) => !lost.includes(u));
  const vps = distinctVps(valid.map((u) => u.current.vp));
  const vp = vps.length === 1 ? (vps[0] ?? '') : '';
  // The listing may not show unit types; auto-mk-recover itself needs a recovery unit and stops without one.
  const typed = units.some((u) => u.type !== 'OPERATIONAL');
  const recoverable =
    vp !== '' && units.every((u) => u.new.state === 'Empty') && (!typed || valid.some((u) => u.type === 'RECOVERY'));
  return { kind: 'current-lost', units: lost.map((u) => u.num), recoverable, vp };
}

/** The units grouped by their new register: Empty, committed (ready) or uncommitted, each with a VP. */
interface NewRegisters {
  readonly empty: readonly RegisterReading[];
  readonly committed: readonly RegisterReading[];
  readonly uncommitted: readonly RegisterReading[];
}

/** Every current register is Valid: the new registers tell how far a new key got. */
function newRegistersShape(units: readonly RegisterReading[]): RegisterShape {
  const empty = units.filter((u) => u.new.state === 'Empty');
  const committed = units.filter((u) => isNewRegisterReady(u.new.state) && vpKey(u.new.vp) !== '');
  const uncommitted = units.filter((u) => u.new.state === 'Full Uncommitted' && vpKey(u.new.vp) !== '');
  const odd = units.filter((u) => !empty.includes(u) && !committed.includes(u) && !uncommitted.includes(u));
  if (odd.length > 0) return mixed('a new register holds a value without a verification pattern', odd);
  const newVps = distinctVps([...committed, ...uncommitted].map((u) => u.new.vp));
  if (newVps.length > 1) {
    const oldVps = distinctVps(units.map((u) => u.current.vp));
    if (committed.length === 0 && oldVps.length === 1)
      return { kind: 'placing', oldVp: oldVps[0] ?? '', newVp: '', complete: false, conflicting: true };
    return mixed('the new registers hold different verification patterns', [...committed, ...uncommitted]);
  }
  if (empty.length === units.length) {
    const vps = distinctVps(units.map((u) => u.current.vp));
    return vps.length === 1
      ? { kind: 'settled', vp: vps[0] ?? '' }
      : mixed('every new register is Empty but the current registers differ', units);
  }
  return newKeyShape({ empty, committed, uncommitted }, newVps[0] ?? '');
}

/** One new value in some new registers: placed, committed or partly promoted over one old value. */
function newKeyShape({ empty, committed, uncommitted }: NewRegisters, newVp: string): RegisterShape {
  const withNew = [...committed, ...uncommitted];
  const oldVps = distinctVps(withNew.map((u) => u.current.vp));
  if (oldVps.length !== 1) return mixed('the units holding a new value do not share one current value', withNew);
  const oldVp = oldVps[0] ?? '';
  if (oldVp === newVp) return mixed('the new and current registers hold the same value', withNew);
  if (uncommitted.length > 0) {
    // A new key still being placed: units without it must still hold the old key as current.
    const stray = empty.filter((u) => !sameVp(u.current.vp, oldVp));
    if (stray.length > 0) return mixed('a unit without the new value holds another current value', stray);
    return { kind: 'placing', oldVp, newVp, complete: empty.length === 0 && committed.length === 0 };
  }
  if (empty.length === 0) return { kind: 'committed', oldVp, newVp };
  return committedSomewhere(empty, oldVp, newVp);
}

/** The new value committed where it is; the units with an Empty new register were promoted, or never got it. */
function committedSomewhere(empty: readonly RegisterReading[], oldVp: string, newVp: string): RegisterShape {
  const promoted = empty.filter((u) => sameVp(u.current.vp, newVp));
  const stillOld = empty.filter((u) => sameVp(u.current.vp, oldVp));
  if (promoted.length === empty.length) {
    return { kind: 'partial', oldVp, newVp, promoted: promoted.map((u) => u.num).sort((a, b) => a - b) };
  }
  if (stillOld.length === empty.length) {
    // Committed on some units, Empty on others that still hold the old key: a placement cut short.
    return { kind: 'placing', oldVp, newVp, complete: false };
  }
  return mixed(
    "a unit's current value matches neither the old nor the new master key, or its new register was cleared before promotion",
    empty.filter((u) => !promoted.includes(u) && !stillOld.includes(u)),
  );
}

/** What is known of the old and new master keys from earlier readings. */
export interface KnownVps {
  oldVp?: string;
  newVp?: string;
}

/** The levels a shape is consistent with, given what earlier readings showed. */
export function rangeOf(shape: RegisterShape, known: KnownVps): LevelRange | undefined {
  switch (shape.kind) {
    case 'settled': {
      if (known.newVp !== undefined && sameVp(shape.vp, known.newVp)) return { low: 'promoted', high: 'promoted' };
      if (known.oldVp !== undefined && sameVp(shape.vp, known.oldVp)) return { low: 'untouched', high: 'untouched' };
      // A third value when both keys are known contradicts them; with the old key known, another
      // value current everywhere can only be a new key promoted.
      if (known.oldVp !== undefined)
        return known.newVp !== undefined ? undefined : { low: 'promoted', high: 'promoted' };
      // Neither key known: untouched or promoted; the transcripts decide which.
      return { low: 'untouched', high: 'promoted' };
    }
    case 'placing':
      return { low: 'loaded', high: 'loaded' };
    case 'committed':
      // Registers look the same before, during and after re-encryption: only M2 tells them apart.
      return { low: 'committed', high: 'rewrapped' };
    case 'partial':
      return { low: 'partial', high: 'partial' };
    case 'current-lost':
    case 'mixed':
      return undefined;
  }
}

/**
 * The old and new VPs a shape reveals, added to what was known. Settled registers name the old key when
 * the reading was pinned untouched (before the rotation) and the new one when pinned promoted.
 */
export function learn(known: KnownVps, shape: RegisterShape, level?: Level): KnownVps {
  switch (shape.kind) {
    case 'settled':
      if (level === 'untouched') return { oldVp: shape.vp };
      if (level === 'promoted' && known.oldVp !== undefined && !sameVp(known.oldVp, shape.vp))
        return { ...known, newVp: shape.vp };
      return known;
    case 'placing':
      return shape.conflicting ? { oldVp: shape.oldVp } : { oldVp: shape.oldVp, newVp: shape.newVp };
    case 'committed':
    case 'partial':
      return { oldVp: shape.oldVp, newVp: shape.newVp };
    default:
      return known;
  }
}
