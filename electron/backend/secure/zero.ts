/**
 * Helpers for secret material. Only Buffers can be wiped: JavaScript strings are immutable and
 * live until the garbage collector reclaims them, so secrets should arrive as Buffers when possible.
 */

/** Overwrites every given buffer with zeros; tolerates undefined so it fits `finally` blocks. */
export function zeroBuffers(...buffers: (Uint8Array | undefined)[]): void {
  for (const buffer of buffers) buffer?.fill(0);
}

/**
 * Copies a password into a fresh Buffer the caller owns and must zero; a string argument cannot
 * itself be wiped (see the module comment), only the copy made here.
 */
export function secretToBuffer(secret: string | Uint8Array): Buffer {
  return typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
}
