/**
 * Verification patterns (VPs) as IBM's TKE SDK treats them: SHA-256 of 0x01 || key with the last four
 * bytes set to zero, compared on the first 56 hex digits only, because older crypto modules do not zero
 * those bytes (docs/domain.md, "Verification patterns").
 */

/** Hex digits of a VP that take part in a comparison. */
export const VP_SIGNIFICANT_DIGITS = 56;

/** The part of a VP that identifies the key: lower-case, first 56 hex digits. Empty for an empty VP. */
export function vpKey(vp: string): string {
  return vp.trim().toLowerCase().slice(0, VP_SIGNIFICANT_DIGITS);
}

/** True when two VPs identify the same key (both non-empty, equal on their first 56 digits). */
export function sameVp(a: string, b: string): boolean {
  const ka = vpKey(a);
  return ka !== '' && ka === vpKey(b);
}

/** The distinct keys among VPs (empty VPs left out). */
export function distinctVps(vps: readonly string[]): string[] {
  const out: string[] = [];
  for (const vp of vps) {
    const key = vpKey(vp);
    if (key !== '' && !out.includes(key)) out.push(key);
  }
  return out;
}
