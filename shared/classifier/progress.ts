/**
 * How far a master key rotation has come, as an ordered scale. Transcripts prove a lower bound; a
 * command whose end was not seen may have gone further, up to what that command can reach; a register
 * reading pins the level (or a range, where registers cannot tell levels apart).
 */

export const LEVELS = [
  /** New registers Empty, current registers the old key: nothing touched. */
  'untouched',
  /** A new key is in the new registers, not committed (generated and copied, or key parts loaded). */
  'loaded',
  /** The new key is committed in every new register; key storage not yet re-encrypted. */
  'committed',
  /** Re-encryption of key storage has started (M1, or a key-part rotation got past its checks). */
  'rewrapping',
  /** Key storage is re-encrypted under the new key (M2); only promotion remains. */
  'rewrapped',
  /** Some units already hold the new key as current, the others do not yet. */
  'partial',
  /** Every unit holds the new key as current and an Empty new register: rotation complete. */
  'promoted',
] as const;
export type Level = (typeof LEVELS)[number];

/** Position of a level on the scale. */
export function rank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: Level, b: Level): Level {
  return rank(a) >= rank(b) ? a : b;
}

export function minLevel(a: Level, b: Level): Level {
  return rank(a) <= rank(b) ? a : b;
}

export function atLeast(level: Level, floor: Level): boolean {
  return rank(level) >= rank(floor);
}

/** A closed range of levels. */
export interface LevelRange {
  low: Level;
  high: Level;
}

/** The intersection of two ranges, or undefined when they do not overlap. */
export function intersect(a: LevelRange, b: LevelRange): LevelRange | undefined {
  const low = maxLevel(a.low, b.low);
  const high = minLevel(a.high, b.high);
  return rank(low) <= rank(high) ? { low, high } : undefined;
}
