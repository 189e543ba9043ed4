import { createDecipheriv, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { MAX_KEY_FILE_BYTES, parseKeyFile } from '../keyfiles/formats.js';
import { deriveFileKey } from '../keyfiles/key-crypto.js';
import { secretToBuffer, zeroBuffers } from '../secure/zero.js';
import { spkiFingerprint } from './fingerprint.js';

/** An administrator's signature key, opened for one co-signature. */
export interface AdminSigningKey {
  privateKey: KeyObject;
  ski: string;
  name: string;
}

/** Raised when an administrator key file cannot be used; the message is safe to show. */
export class AdminKeyError extends Error {
  override readonly name = 'AdminKeyError';
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Opens a TKE P-521 signature key file with its password (format in shared/tke/keyfiles.ts). The
 * derived AES key, the decrypted PEM and our copy of the password are zeroed before returning; the
 * caller must drop the returned key object after its one signature.
 */
export async function openAdminSigningKey(file: string, password: string | Uint8Array): Promise<AdminSigningKey> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_KEY_FILE_BYTES) throw new AdminKeyError(`${file} is too large to be a signature key file`);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof AdminKeyError) throw error;
    throw new AdminKeyError(`cannot read the administrator key file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const parsed = parseKeyFile(bytes);
  if (!parsed.ok) throw new AdminKeyError(`${file} ${parsed.message}`);
  if (parsed.kind !== 'sigkey' || parsed.file.keyType !== 'p521ec') throw new AdminKeyError(`${file} is not a P-521 signature key file`);
  const secret = secretToBuffer(password);
  const raw = Buffer.from(parsed.file.enckey, 'hex');
  let key: Buffer | undefined;
  let head: Buffer | undefined;
  let tail: Buffer | undefined;
  let pem: Buffer | undefined;
  try {
    key = await deriveFileKey(secret, Buffer.from(parsed.file.seaSalt, 'hex'));
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    // GCM releases plaintext before checking the tag: it is wiped in `finally` on both paths.
    head = decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES));
    try {
      tail = decipher.final();
    } catch {
      throw new AdminKeyError('wrong password for the administrator signature key');
    }
    pem = Buffer.concat([head, tail]);
    const privateKey = createPrivateKey({ key: pem, format: 'pem' });
    const ski = spkiFingerprint(privateKey);
    if (ski !== parsed.file.ski.toLowerCase()) throw new AdminKeyError(`${file} names SKI ${parsed.file.ski} but holds a different key`);
    return { privateKey, ski, name: parsed.file.description };
  } finally {
    zeroBuffers(secret, key, head, tail, pem, raw);
  }
}
