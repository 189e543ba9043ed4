import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** Lower-case hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The `prev` of the first entry: there is no previous line to hash. */
export const GENESIS_PREV = '0'.repeat(64);

/**
 * Refuses what canonical JSON cannot hold: anything but null, booleans, finite numbers, strings,
 * arrays and plain objects (an `undefined` member is left out, an `undefined` item becomes null),
 * and any object with a `toJSON` member, which the library would serialise unsorted (docs/journal.md,
 * "Canonical form"). No journal the app wrote holds one.
 */
function assertCanonical(value: unknown): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold NaN or Infinity');
    return;
  }
  if (typeof value !== 'object') throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  if ((value as { toJSON?: unknown }).toJSON != null)
    throw new TypeError('canonical JSON cannot hold an object with a toJSON member');
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (item !== undefined) assertCanonical(item);
}

/**
 * Serialises JSON data canonically (RFC 8785, the `json-canonicalize` library: the one place the
 * app canonicalises, for journal hashes and signed reports alike): object keys sorted by UTF-16
 * code units, no whitespace, strings and numbers exactly as `JSON.stringify` writes them,
 * `undefined` object members omitted. Byte-identical to the journal's earlier hand-written form for
 * every value a journal holds (test/unit/backend/journal/canonical.test.ts), so the same entry
 * always hashes the same. Throws a TypeError for what canonical JSON cannot hold (assertCanonical).
 */
export function canonicalJson(value: unknown): string {
  assertCanonical(value);
  return canonicalize(value);
}
