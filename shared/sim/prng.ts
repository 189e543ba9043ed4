/** Seeded deterministic PRNG (mulberry32) whose state lives in the simulator state. */

export interface RngHolder {
  rng: number;
}

/** Next unsigned 32-bit value; advances the holder's state. */
export function nextU32(holder: RngHolder): number {
  let t = (holder.rng = (holder.rng + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** Random lower-case hex string of the given number of bytes. */
export function randomHex(holder: RngHolder, bytes: number): string {
  let out = '';
  while (out.length < bytes * 2) out += nextU32(holder).toString(16).padStart(8, '0');
  return out.slice(0, bytes * 2);
}

/** Random RFC 4122 version-4-shaped UUID. */
export function randomUuid(holder: RngHolder): string {
  const h = randomHex(holder, 16).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Initial PRNG state for a seed. */
export function seedState(seed: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ 0x85ebca6b) >>> 0;
}
