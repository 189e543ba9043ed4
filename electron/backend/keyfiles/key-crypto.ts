import { createCipheriv, createDecipheriv, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { PBKDF2_ITERATIONS } from '../../../shared/tke/keyfiles.js';
import { zeroBuffers } from '../secure/zero.js';

const pbkdf2Async = promisify(pbkdf2);
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Derives the file's AES-256 key; the caller owns the result and must zero it. */
export function deriveFileKey(password: Uint8Array, salt: Uint8Array): Promise<Buffer> {
  return pbkdf2Async(password, salt, PBKDF2_ITERATIONS, 32, 'sha256');
}

/** Encrypts `plaintext` as keyfiles.ts specifies and returns seaSalt and enckey as hex. */
export async function encryptForFile(
  password: Uint8Array,
  plaintext: Uint8Array,
): Promise<{ seaSalt: string; enckey: string }> {
  const salt = randomBytes(16);
  const nonce = randomBytes(NONCE_BYTES);
  const key = await deriveFileKey(password, salt);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      seaSalt: salt.toString('hex'),
      enckey: Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('hex'),
    };
  } finally {
    zeroBuffers(key);
  }
}

/**
 * Checks that `password` opens the enckey: true when the GCM tag verifies. The derived key and
 * every decrypted byte are zeroed before returning; the plaintext never leaves this function.
 */
export async function passwordOpens(password: Uint8Array, seaSalt: string, enckey: string): Promise<boolean> {
  const raw = Buffer.from(enckey, 'hex');
  const key = await deriveFileKey(password, Buffer.from(seaSalt, 'hex'));
  let head: Buffer | undefined;
  let tail: Buffer | undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    // GCM releases plaintext before the tag is checked, so it must be wiped even on failure.
    head = decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES));
    try {
      tail = decipher.final();
      return true;
    } catch {
      return false;
    }
  } finally {
    zeroBuffers(key, head, tail);
  }
}
