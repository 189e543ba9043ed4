import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, pbkdf2, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { createFileAtomic } from '../secure/atomic-write.js';
import { secretToBuffer, zeroBuffers } from '../secure/zero.js';
import { spkiFingerprint } from './fingerprint.js';

/** Encrypts with an OS-held key; the Electron main process passes `safeStorage` through this. */
export interface SecretBox {
  available(): boolean;
  encrypt(plaintext: Buffer): Buffer;
  decrypt(ciphertext: Buffer): Buffer;
}

/** The report key's public half, as auditors pin it. */
export interface ReportPublicKey {
  pem: string;
  jwk: JsonWebKey;
  /** SHA-256 of the SPKI DER, 64 lower-case hex digits (docs/reports.md). */
  fingerprint: string;
}

export interface ReportKeyStoreOptions {
  /** The app data directory; the key lives in `report-key/` inside it. */
  dataDir: string;
  secretBox?: SecretBox;
  /** Asked only when no SecretBox is available (or the key was stored with a password). */
  password?: () => Promise<string | Uint8Array> | string | Uint8Array;
}

/** Raised when the report key cannot be created or opened; the message is safe to show. */
export class ReportKeyError extends Error {
  override readonly name = 'ReportKeyError';
}

export const KEY_FILE_FORMAT = 'mkra-report-key/1';
/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256; files asking for fewer are refused. */
export const PBKDF2_ITERATIONS = 600_000;

const pbkdf2Async = promisify(pbkdf2);
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const keyFileSchema = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  publicKeySpki: b64,
  protection: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('secret-box'), ciphertext: b64 }),
    z.strictObject({
      kind: z.literal('password'),
      kdf: z.literal('pbkdf2-hmac-sha256'),
      iterations: z.number().int().min(PBKDF2_ITERATIONS),
      salt: b64,
      nonce: b64,
      ciphertext: b64,
    }),
  ]),
});
type KeyFile = z.infer<typeof keyFileSchema>;

/**
 * The workstation's Ed25519 report key: created on first use, stored encrypted with the SecretBox
 * when one is available, else with a password (PBKDF2-HMAC-SHA256, AES-256-GCM). The private key
 * is held as PKCS#8 DER only while it is being stored or opened, and those bytes are zeroed.
 */
export class ReportKeyStore {
  readonly path: string;
  readonly #options: ReportKeyStoreOptions;

  constructor(options: ReportKeyStoreOptions) {
    this.#options = options;
    this.path = join(options.dataDir, 'report-key', 'report-key.json');
  }

  /** Opens the key (creating it on first use) for one signature. */
  async loadKey(): Promise<{ privateKey: KeyObject; publicKey: ReportPublicKey }> {
    const file = (await this.#read()) ?? (await this.#create());
    const der = await this.#decrypt(file);
    try {
      const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      if (spkiFingerprint(privateKey) !== file.fingerprint) throw new ReportKeyError('the stored report key does not match its recorded fingerprint');
      return { privateKey, publicKey: describe(createPublicKey(privateKey)) };
    } finally {
      zeroBuffers(der);
    }
  }

  /** The public key and fingerprint, without opening the private key; undefined before first use. */
  async publicKey(): Promise<ReportPublicKey | undefined> {
    const file = await this.#read();
    return file && describe(createPublicKey({ key: Buffer.from(file.publicKeySpki, 'base64'), format: 'der', type: 'spki' }));
  }

  async #read(): Promise<KeyFile | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ReportKeyError(`cannot read the report key: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const parsed = keyFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new ReportKeyError(`the report key file ${this.path} is damaged or of an unknown format`);
    return parsed.data;
  }

  async #create(): Promise<KeyFile> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    try {
      const file: KeyFile = {
        format: KEY_FILE_FORMAT,
        fingerprint: spkiFingerprint(publicKey),
        publicKeySpki: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        protection: await this.#protect(der),
      };
      const dir = join(this.#options.dataDir, 'report-key');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      // Never replaces an existing key: a second process creating one at the same moment loses.
      await createFileAtomic(this.path, Buffer.from(`${JSON.stringify(file, null, 2)}\n`), 0o600);
      return file;
    } finally {
      zeroBuffers(der);
    }
  }

  async #protect(der: Buffer): Promise<KeyFile['protection']> {
    const box = this.#options.secretBox;
    if (box?.available()) return { kind: 'secret-box', ciphertext: box.encrypt(der).toString('base64') };
    const password = await this.#password();
    const salt = randomBytes(16);
    const nonce = randomBytes(12);
    const key = await pbkdf2Async(password, salt, PBKDF2_ITERATIONS, 32, 'sha256');
    try {
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(KEY_FILE_FORMAT));
      const ciphertext = Buffer.concat([cipher.update(der), cipher.final(), cipher.getAuthTag()]);
      return { kind: 'password', kdf: 'pbkdf2-hmac-sha256', iterations: PBKDF2_ITERATIONS, salt: salt.toString('base64'), nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64') };
    } finally {
      zeroBuffers(key, password);
    }
  }

  async #decrypt(file: KeyFile): Promise<Buffer> {
    const protection = file.protection;
    if (protection.kind === 'secret-box') {
      const box = this.#options.secretBox;
      if (!box?.available()) throw new ReportKeyError('the report key is protected by the operating system keychain, which is not available now');
      try {
        return box.decrypt(Buffer.from(protection.ciphertext, 'base64'));
      } catch {
        throw new ReportKeyError('the operating system keychain could not decrypt the report key');
      }
    }
    const password = await this.#password();
    const raw = Buffer.from(protection.ciphertext, 'base64');
    const key = await pbkdf2Async(password, Buffer.from(protection.salt, 'base64'), protection.iterations, 32, 'sha256');
    let head: Buffer | undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(protection.nonce, 'base64'));
      decipher.setAAD(Buffer.from(KEY_FILE_FORMAT));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      head = decipher.update(raw.subarray(0, raw.length - 16));
      try {
        return Buffer.concat([head, decipher.final()]);
      } catch {
        throw new ReportKeyError('wrong password for the report key');
      }
    } finally {
      zeroBuffers(key, password, head);
    }
  }

  async #password(): Promise<Buffer> {
    const ask = this.#options.password;
    if (!ask) throw new ReportKeyError('no keychain is available: a password is needed to protect the report key');
    const secret = secretToBuffer(await ask());
    if (secret.length < 8) {
      zeroBuffers(secret);
      throw new ReportKeyError('the report key password must have at least 8 characters');
    }
    return secret;
  }
}

function describe(publicKey: KeyObject): ReportPublicKey {
  return {
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk: publicKey.export({ format: 'jwk' }),
    fingerprint: spkiFingerprint(publicKey),
  };
}
