import { readFile, stat } from 'node:fs/promises';
import { secretToBuffer, zeroBuffers } from '../secure/zero.js';
import { MAX_KEY_FILE_BYTES, parseKeyFile } from './formats.js';
import { passwordOpens } from './key-crypto.js';

export type PasswordCheck = { ok: true } | { ok: false; reason: 'wrong-password' | 'unreadable' | 'not-a-key-file' };

/**
 * Tells whether `password` opens a .sigkey or .mkpart file, and nothing more. Pass a Buffer when you
 * can: it is used in place and left to the caller to zero, whereas a string cannot be wiped (only
 * the internal copy made from it is zeroed here).
 */
export async function verifyPassword(filePath: string, password: string | Uint8Array): Promise<PasswordCheck> {
  let bytes: Buffer;
  try {
    if ((await stat(filePath)).size > MAX_KEY_FILE_BYTES) return { ok: false, reason: 'not-a-key-file' };
    bytes = await readFile(filePath);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const parsed = parseKeyFile(bytes);
  if (!parsed.ok) return { ok: false, reason: 'not-a-key-file' };
  const secret = typeof password === 'string' ? secretToBuffer(password) : password;
  try {
    const opens = await passwordOpens(secret, parsed.file.seaSalt, parsed.file.enckey);
    return opens ? { ok: true } : { ok: false, reason: 'wrong-password' };
  } finally {
    // Only our own copy is wiped; a caller's Buffer stays theirs to zero when they are done.
    if (secret !== password) zeroBuffers(secret);
  }
}
