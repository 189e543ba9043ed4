import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { basename, extname, join } from 'node:path';
import { MKPART_EXTENSION, SIGKEY_EXTENSION, type MkPartFile, type SigKeyFile } from '../../../shared/tke/keyfiles.js';
import { createFileAtomic } from '../secure/atomic-write.js';
import { secretToBuffer, zeroBuffers } from '../secure/zero.js';
import { encryptForFile } from './key-crypto.js';

export interface NewKeyFile {
  /** Plain file name inside `dir`, ending in .sigkey or .mkpart. */
  fileName: string;
  description: string;
  password: string | Uint8Array;
}

export interface NewMkPart extends NewKeyFile {
  /** The 32-byte part; random when omitted. */
  part?: Uint8Array;
  /** Verification pattern to store; defaults to SHA-256 of the part (the simulator passes its own). */
  vp?: string;
}

function checkName(fileName: string, extension: string): void {
  if (basename(fileName) !== fileName || fileName.startsWith('.') || extname(fileName).toLowerCase() !== extension) {
    throw new RangeError(`${JSON.stringify(fileName)} must be a plain file name ending in ${extension}`);
  }
}

async function encrypt(password: string | Uint8Array, plaintext: Buffer): Promise<{ seaSalt: string; enckey: string }> {
  const secret = secretToBuffer(password);
  try {
    if (secret.length === 0) throw new RangeError('the password must not be empty');
    return await encryptForFile(secret, plaintext);
  } finally {
    zeroBuffers(secret, plaintext);
  }
}

/**
 * Writes a new P-521 signature key file in the shared/tke/keyfiles.ts format (mode 0600, atomic,
 * never over an existing file) and returns its public facts. For tests and demo workstations: the
 * private key's PEM exists briefly as a JavaScript string, which cannot be wiped.
 */
export async function createSigKeyFile(dir: string, spec: NewKeyFile): Promise<{ path: string; ski: string }> {
  checkName(spec.fileName, SIGKEY_EXTENSION);
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const ski = createHash('sha256').update(spki).digest('hex');
  const pem = Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const file: SigKeyFile = {
    keyType: 'p521ec',
    description: spec.description,
    ski,
    pubkey: spki.toString('hex'),
    ...(await encrypt(spec.password, pem)),
  };
  const path = join(dir, spec.fileName);
  await createFileAtomic(path, Buffer.from(`${JSON.stringify(file, null, 2)}\n`), 0o600);
  return { path, ski };
}

/**
 * Writes a new master key part file in the shared/tke/keyfiles.ts format (plaintext: the part as 64
 * hex digits), mode 0600, atomic, never over an existing file; returns its path and VP.
 */
export async function createMkPartFile(dir: string, spec: NewMkPart): Promise<{ path: string; vp: string }> {
  checkName(spec.fileName, MKPART_EXTENSION);
  const part = spec.part ? Buffer.from(spec.part) : randomBytes(32);
  if (part.length !== 32) throw new RangeError('a master key part is 32 bytes');
  const vp = spec.vp ?? createHash('sha256').update(part).digest('hex');
  const hex = Buffer.from(part.toString('hex'), 'utf8');
  zeroBuffers(part);
  const file: MkPartFile = {
    keyType: 'mkpart',
    description: spec.description,
    vp,
    ...(await encrypt(spec.password, hex)),
  };
  const path = join(dir, spec.fileName);
  await createFileAtomic(path, Buffer.from(`${JSON.stringify(file, null, 2)}\n`), 0o600);
  return { path, vp };
}
