/**
 * A register reading reconciled with what the transcripts proved (the fold of knowledge.ts): it pins
 * the level where the transcripts leave it open, records a lost current key, the units a partial
 * promotion left to deselect, or a contradiction when the registers show what the transcripts rule out.
 */
import { sameVp } from '../tke/vp.js';
import { bounded } from './attempt-facts.js';
import type { Knowledge, Reading } from './knowledge-types.js';
import { atLeast, intersect, maxLevel, rank, type Level, type LevelRange } from './progress.js';
import { learn, rangeOf, shapeOf, type RegisterShape } from './register-shape.js';
import type { Evidence, RegisterReading } from './types.js';

/** What of the fold a reading needs. */
export interface FoldState {
  readonly k: Knowledge;
  /** A rotation command that may have changed something was seen before. */
  readonly seenRotation: boolean;
  raise(level: Level, strong: boolean): void;
  contradict(reason: string, units: number[], evidence: Evidence[]): void;
}

/** The shapes no rotation step leaves: a current key lost, or registers that do not agree. */
type Unsettling = Extract<RegisterShape, { kind: 'current-lost' | 'mixed' }>;
/** The shapes a rotation can be at. */
type Consistent = Exclude<RegisterShape, Unsettling>;

/** Reconcile a register reading with what the transcripts proved. */
export function reconcileReading(fold: FoldState, units: RegisterReading[], evidence: Evidence): void {
  const shape = shapeOf(units);
  remember(fold, { units, shape, evidence });
  if (shape.kind === 'mixed' || shape.kind === 'current-lost') {
    lostOrContradicted(fold, shape, evidence);
    return;
  }
  fold.k.lostCurrent = undefined;
  if (subsetOfPartial(fold, shape, evidence)) return;
  if (anotherNewKey(fold, shape, units, evidence)) return;
  pinLevel(fold, shape, units, evidence);
}

/** The reading becomes the latest: it settles any command whose end was not seen. */
function remember(fold: FoldState, reading: Reading): void {
  const k = fold.k;
  k.readings.push(reading);
  if (!fold.seenRotation && k.readings.length === 1 && rank(k.any) === 0) {
    // Registers read before any rotation command: their history is not in these transcripts.
    k.upper = 'promoted';
  }
  k.unfinished = undefined;
  k.reading = reading;
}

/** A current key lost while no rotation is under way can be put back; otherwise the registers contradict. */
function lostOrContradicted(fold: FoldState, shape: Unsettling, evidence: Evidence): void {
  const k = fold.k;
  if (
    shape.kind === 'current-lost' &&
    shape.recoverable &&
    !atLeast(k.any, 'loaded') &&
    (k.upper === 'untouched' || k.upper === 'promoted' || k.registersOnly || !fold.seenRotation)
  ) {
    // No rotation under way: the recovery crypto unit's copy can be put back (auto-mk-recover).
    k.lostCurrent = { units: shape.units, vp: shape.vp, evidence };
    return;
  }
  const reason =
    shape.kind === 'mixed'
      ? shape.reason
      : 'a current master key register is not Valid (cleared, zeroized or replaced) while a rotation is under way';
  fold.contradict(reason, shape.units, [evidence]);
}

/** Once re-encryption began, a new value other than the one it used contradicts the transcripts. */
function anotherNewKey(fold: FoldState, shape: Consistent, units: RegisterReading[], evidence: Evidence): boolean {
  const k = fold.k;
  if (
    k.known.newVp === undefined ||
    shape.kind === 'settled' ||
    sameVp(k.known.newVp, shape.newVp) ||
    !atLeast(k.any, 'rewrapping')
  )
    return false;
  fold.contradict(
    'the new registers hold another value than the one key storage was being re-encrypted under',
    units.map((u) => u.num),
    [evidence],
  );
  return true;
}

/** Pin the levels where the reading and the transcripts meet; a reading they rule out contradicts them. */
function pinLevel(fold: FoldState, shape: Consistent, units: RegisterReading[], evidence: Evidence): void {
  const k = fold.k;
  const range = rangeOf(shape, k.known);
  // Every new register Empty shows no new key placed: a placement only inferred from its progress
  // lines ("Generating…", not proven by a documented milestone) did not leave one, or went through.
  const placementOnlyInferred = shape.kind === 'settled' && !atLeast(k.any, 'committed');
  const window: LevelRange = { low: placementOnlyInferred ? k.strong : k.any, high: k.upper };
  const hit = range === undefined ? undefined : intersect(window, range);
  if (range === undefined || hit === undefined) {
    fold.contradict(
      `the registers show ${describeShape(shape)}, which the transcripts rule out`,
      units.map((u) => u.num),
      [evidence],
    );
    return;
  }
  // Settled registers are either untouched or promoted; the transcripts say which.
  const pinned = shape.kind === 'settled' && hit.low !== hit.high ? settle(hit, k.any) : hit;
  k.strong = maxLevel(k.strong, shape.kind === 'settled' ? pinned.low : range.low);
  k.any = placementOnlyInferred && pinned.low === 'untouched' ? k.strong : maxLevel(k.any, pinned.low);
  k.upper = pinned.high;
  k.known = learn(k.known, shape, pinned.low);
  if (shape.kind === 'partial') {
    // Promoted units among the selected ones must be deselected (again) before the next setimm.
    k.promotedUnits = shape.promoted;
    k.partial.deselected = false;
  }
  if (shape.kind === 'settled' && pinned.low === 'promoted' && k.completion.length === 0) k.completion.push(evidence);
}

/** After deselecting promoted units, a reading lists only one side of the partial promotion. */
function subsetOfPartial(fold: FoldState, shape: RegisterShape, evidence: Evidence): boolean {
  const k = fold.k;
  if (!k.partial.deselected || k.known.oldVp === undefined || k.known.newVp === undefined) return false;
  if (shape.kind === 'committed') return sameVp(shape.oldVp, k.known.oldVp) && sameVp(shape.newVp, k.known.newVp);
  if (shape.kind !== 'settled' || !sameVp(shape.vp, k.known.newVp)) return false;
  // The units left selected all hold the new key as current: their promotion is done, even when
  // the setimm that did it was never seen to end (the app died while it ran).
  if (!k.partial.promoted) {
    k.partial.promoted = true;
    bounded(k.completion, evidence);
    fold.raise('promoted', true);
  }
  return true;
}

function settle(hit: LevelRange, any: Level): LevelRange {
  const level: Level = rank(any) <= rank('loaded') && hit.low === 'untouched' ? 'untouched' : 'promoted';
  return { low: level, high: level };
}

function describeShape(shape: RegisterShape): string {
  switch (shape.kind) {
    case 'settled':
      return 'every new register Empty and one current value';
    case 'placing':
      return 'a new master key not yet committed everywhere';
    case 'committed':
      return 'a committed new master key not yet promoted';
    case 'partial':
      return `units ${shape.promoted.join(', ')} already promoted and the others not`;
    case 'current-lost':
      return 'a current register that is not Valid';
    case 'mixed':
      return shape.reason;
  }
}
