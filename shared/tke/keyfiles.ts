/**
 * On-disk formats of the workstation's key files in CLOUDTKEFILES (docs/domain.md). The simulator
 * writes them and the key-file workspace reads them, so both follow these declarations.
 *
 * Encryption of every file: key = PBKDF2-HMAC-SHA256(password, hex-decoded seaSalt, 4096 iterations,
 * 32 bytes); enckey = hex(12-byte AES-256-GCM nonce || ciphertext || 16-byte tag).
 */

export const PBKDF2_ITERATIONS = 4096;
export const SIGKEY_EXTENSION = '.sigkey';
export const MKPART_EXTENSION = '.mkpart';

/** Signature key file `N.sigkey`. Plaintext of enckey: the PKCS#8 PEM of the private key. */
export interface SigKeyFile {
  /** `p521ec` (current) or `rsa2048` (older workstations). */
  keyType: 'p521ec' | 'rsa2048';
  /** Administrator name given at creation (what `sigkeys` shows as DESCRIPTION). */
  description: string;
  /** Subject key identifier: lower-case hex SHA-256 of the public key's SPKI DER. */
  ski: string;
  /** SPKI DER of the public key, hex (lets tools check the SKI without the password). */
  pubkey: string;
  seaSalt: string;
  enckey: string;
}

/** Master key part file `N.mkpart`. Plaintext of enckey: the 32-byte key part as 64 hex chars. */
export interface MkPartFile {
  keyType: 'mkpart';
  description: string;
  /** Verification pattern of this part alone, hex (lets tools tell parts apart without a password). */
  vp: string;
  seaSalt: string;
  enckey: string;
}
