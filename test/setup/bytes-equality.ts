/**
 * Byte arrays compared in one call. Vitest's default deep equality walks a typed array index by
 * index through its generic object comparison: a 1.4 MB report PDF took seconds of CPU per
 * `toEqual` and most of the garbage collection of the report tests. Two byte arrays of the same
 * type are equal exactly when their bytes are; any other pair (a Buffer against a plain
 * Uint8Array, say) is left to the default comparison, so no assertion changes its meaning.
 */
import { expect } from 'vitest';

export function bytesEquality(a: unknown, b: unknown): boolean | undefined {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return undefined;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return undefined;
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

// Setup files run again for every test file, and files share their worker (isolate: false): the
// tester goes in once per worker, not once per file.
const INSTALLED = Symbol.for('mkra.test.bytesEquality');
const holder = globalThis as { [INSTALLED]?: true };
if (!holder[INSTALLED]) {
  expect.addEqualityTesters([bytesEquality]);
  holder[INSTALLED] = true;
}
