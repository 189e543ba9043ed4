/** Verification patterns and key-part arithmetic for simulated master key values (not cryptography). */

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The 64-hex (lower-case) verification pattern of a 64-hex key value; '' for ''. Shaped like a real
 * one: IBM's SDK sets the last four bytes to zero and compares only the first 56 hex digits, because
 * crypto modules on older firmware do not zero them (`olderFirmware`: the tail is left as computed).
 */
export function vpOf(value: string, olderFirmware = false): string {
  const out = hash64(value);
  if (out === '' || olderFirmware) return out;
  return `${out.slice(0, 56)}00000000`;
}

/** A 64-hex digest of a string (the simulator's stand-in for SHA-256; '' for ''). */
export function hash64(value: string): string {
  if (value === '') return '';
  let out = '';
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x9747b28c ^ Math.imul(lane + 1, 0x27d4eb2f)) >>> 0;
    for (let i = 0; i < value.length; i++) {
      h = Math.imul(h ^ value.charCodeAt(i), 0x01000193) >>> 0;
      h = fmix(h + i);
    }
    out += fmix(h ^ lane)
      .toString(16)
      .padStart(8, '0');
  }
  return out;
}

/** XOR of equal-length hex strings (a master key is the XOR of its parts). */
export function xorHex(parts: readonly string[]): string {
  const len = parts[0]?.length ?? 0;
  let out = '';
  for (let i = 0; i < len; i += 8) {
    let acc = 0;
    for (const p of parts) acc ^= parseInt(p.slice(i, i + 8), 16);
    out += (acc >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
