/** Key storage as run-length segments, and the loss model: a key whose wrapping value is gone is lost. */
import type { KeySegment, SimInstance, SimState } from './state.js';

export interface KeystoreCounts {
  total: number;
  usable: number;
  lost: number;
}

/** Counts of one instance's key storage. */
export function countKeys(segments: readonly KeySegment[]): KeystoreCounts {
  let total = 0;
  let lost = 0;
  for (const s of segments) {
    total += s.count;
    if (s.wrap === null) lost += s.count;
  }
  return { total, usable: total - lost, lost };
}

/** Counts summed over every instance. */
export function countAllKeys(state: SimState): KeystoreCounts {
  const sum: KeystoreCounts = { total: 0, usable: 0, lost: 0 };
  for (const inst of state.instances) {
    const c = countKeys(inst.keystore);
    sum.total += c.total;
    sum.usable += c.usable;
    sum.lost += c.lost;
  }
  return sum;
}

/** Merge adjacent segments with the same wrap and drop empty ones. */
export function normaliseSegments(segments: readonly KeySegment[]): KeySegment[] {
  const out: KeySegment[] = [];
  for (const s of segments) {
    if (s.count <= 0) continue;
    const last = out[out.length - 1];
    if (last && last.wrap === s.wrap) last.count += s.count;
    else out.push({ count: s.count, wrap: s.wrap });
  }
  return out;
}

/** Number of usable keys not yet wrapped under `value`. */
export function countNotUnder(segments: readonly KeySegment[], value: string): number {
  let n = 0;
  for (const s of segments) if (s.wrap !== null && s.wrap !== value) n += s.count;
  return n;
}

/** Re-encrypt up to `n` usable keys that are not under `value`; returns how many moved. */
export function rewrapKeys(inst: SimInstance, value: string, n: number): number {
  let left = n;
  const out: KeySegment[] = [];
  for (const s of inst.keystore) {
    if (left > 0 && s.wrap !== null && s.wrap !== value) {
      const moved = Math.min(left, s.count);
      left -= moved;
      out.push({ count: moved, wrap: value });
      out.push({ count: s.count - moved, wrap: s.wrap });
    } else {
      out.push(s);
    }
  }
  inst.keystore = normaliseSegments(out);
  return n - left;
}

/** Values held in any register (current or new) of any unit of the instance. */
export function liveValues(inst: SimInstance): Set<string> {
  const values = new Set<string>();
  for (const u of inst.units) {
    if (u.current.value !== '') values.add(u.current.value);
    if (u.new.value !== '') values.add(u.new.value);
  }
  return values;
}

/** Mark as lost every key whose wrapping value no longer exists in its instance; permanent. */
export function applyLoss(state: SimState): void {
  for (const inst of state.instances) {
    const live = liveValues(inst);
    inst.keystore = normaliseSegments(
      inst.keystore.map((s) => (s.wrap !== null && !live.has(s.wrap) ? { count: s.count, wrap: null } : s)),
    );
  }
}

/** Clear the auto-rotation marker of instances that are at rest (all current Valid alike, new Empty). */
export function settleInstances(state: SimState): void {
  for (const inst of state.instances) {
    const first = inst.units[0]?.current.value ?? '';
    const atRest = inst.units.every(
      (u) => u.current.state === 'Valid' && u.current.value === first && u.new.state === 'Empty',
    );
    if (atRest) inst.autoRotateInProgress = false;
  }
}
