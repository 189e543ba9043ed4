/** CLOUDTKEFILES on disk: real P-521 signature keys and key parts, PBKDF2 + AES-256-GCM (keyfiles.ts). */
import type * as NodeCrypto from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  MKPART_EXTENSION,
  PBKDF2_ITERATIONS,
  SIGKEY_EXTENSION,
  type MkPartFile,
  type SigKeyFile,
} from '../../../shared/tke/keyfiles.js';
import type { MkPartInfo, SigkeyInfo, StandIn, Workstation } from '../../../shared/sim/index.js';
import { SIM_FILE_NAME } from '../../../shared/sim/state-schema.js';
import { SIGNSERVKEYS_FILE } from '../../../shared/tke/signing-service.js';
import { fsyncDir } from './state-store.js';

/**
 * node:crypto, loaded when a command first needs it (a key file written or opened). Most commands
 * never do, and loading it is about 6 ms of each simulator start's CPU (the demo starts one per
 * command).
 */
let loadedCrypto: typeof NodeCrypto | undefined;
const crypto = (): typeof NodeCrypto => (loadedCrypto ??= process.getBuiltinModule('node:crypto'));

/** Encrypt a plaintext with a password as keyfiles.ts specifies; returns seaSalt and enckey (hex). */
export function encryptWithPassword(password: string, plaintext: string): { seaSalt: string; enckey: string } {
  const salt = crypto().randomBytes(16);
  const key = crypto().pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, 'sha256');
  const nonce = crypto().randomBytes(12);
  const cipher = crypto().createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { seaSalt: salt.toString('hex'), enckey: Buffer.concat([nonce, ct, cipher.getAuthTag()]).toString('hex') };
}

/** Decrypt an enckey with a password; undefined when the password is wrong or the data damaged. */
export function decryptWithPassword(password: string, seaSalt: string, enckey: string): string | undefined {
  try {
    const raw = Buffer.from(enckey, 'hex');
    if (raw.length < 12 + 16) return undefined;
    const key = crypto().pbkdf2Sync(password, Buffer.from(seaSalt, 'hex'), PBKDF2_ITERATIONS, 32, 'sha256');
    const decipher = crypto().createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The key files of a CLOUDTKEFILES directory. */
export class NodeWorkstation implements Workstation {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  #entries(ext: string): { keynum: number; fileName: string; json: Record<string, unknown> }[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const re = new RegExp(`^(\\d+)${ext.replace('.', '\\.')}$`);
    return names
      .map((n) => ({ n, m: re.exec(n) }))
      .flatMap(({ n, m }) => {
        const json = m ? readJson(join(this.dir, n)) : undefined;
        return m && json ? [{ keynum: Number(m[1]), fileName: n, json }] : [];
      })
      .sort((a, b) => a.keynum - b.keynum);
  }

  async listSigkeys(): Promise<SigkeyInfo[]> {
    return this.#entries(SIGKEY_EXTENSION).map((e) => ({
      keynum: e.keynum,
      fileName: e.fileName,
      description: str(e.json.description),
      ski: str(e.json.ski),
    }));
  }

  async listMkParts(): Promise<MkPartInfo[]> {
    return this.#entries(MKPART_EXTENSION).map((e) => ({
      keynum: e.keynum,
      fileName: e.fileName,
      description: str(e.json.description),
      vp: str(e.json.vp),
    }));
  }

  /** A `standIn` lists the given SKI over its own fresh key pair (a twin's stand-in; docs/twin.md). */
  async createSigkey(description: string, password: string, standIn?: StandIn): Promise<SigkeyInfo> {
    const { publicKey, privateKey } = crypto().generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const ski = standIn?.ski ?? crypto().createHash('sha256').update(spki).digest('hex');
    const file: SigKeyFile = {
      keyType: 'p521ec',
      description,
      ski,
      pubkey: spki.toString('hex'),
      ...encryptWithPassword(password, pem),
    };
    const { keynum, fileName } = this.#writeNew(SIGKEY_EXTENSION, JSON.stringify(file, null, 2), standIn?.keynum);
    return { keynum, fileName, description, ski };
  }

  async createMkPart(
    description: string,
    password: string,
    partHex: string,
    vp: string,
    at?: number,
  ): Promise<MkPartInfo> {
    const file: MkPartFile = { keyType: 'mkpart', description, vp, ...encryptWithPassword(password, partHex) };
    const { keynum, fileName } = this.#writeNew(MKPART_EXTENSION, JSON.stringify(file, null, 2), at);
    return { keynum, fileName, description, vp };
  }

  async checkSigkeyPassword(keynum: number, password: string): Promise<boolean> {
    const e = this.#entries(SIGKEY_EXTENSION).find((x) => x.keynum === keynum);
    return e !== undefined && decryptWithPassword(password, str(e.json.seaSalt), str(e.json.enckey)) !== undefined;
  }

  async openMkPart(keynum: number, password: string): Promise<string | undefined> {
    const e = this.#entries(MKPART_EXTENSION).find((x) => x.keynum === keynum);
    const value = e && decryptWithPassword(password, str(e.json.seaSalt), str(e.json.enckey));
    return value !== undefined && /^[0-9a-f]{64}$/.test(value) ? value : undefined;
  }

  async removeFiles(fileNames: readonly string[]): Promise<void> {
    for (const n of fileNames) {
      if (!SIM_FILE_NAME.test(n)) continue;
      try {
        unlinkSync(join(this.dir, n));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    fsyncDir(this.dir);
  }

  async readSignServKeys(): Promise<string | null> {
    try {
      return readFileSync(join(this.dir, SIGNSERVKEYS_FILE), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async writeSignServKeys(text: string): Promise<void> {
    const tmp = this.#writeTemp(`.${SIGNSERVKEYS_FILE}.${process.pid}.tmp`, text);
    renameSync(tmp, join(this.dir, SIGNSERVKEYS_FILE));
    fsyncDir(this.dir);
  }

  /** Write a file of the directory (owner-only) and fsync it; returns its path. */
  #writeTemp(name: string, data: string): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = join(this.dir, name);
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return tmp;
  }

  // Written to a temp file, then hard-linked to the first free N (or N = at): never overwrites a file.
  #writeNew(ext: string, data: string, at?: number): { keynum: number; fileName: string } {
    const tmp = this.#writeTemp(`.new${ext}.${process.pid}.tmp`, data);
    try {
      for (let keynum = at ?? 1; ; keynum++) {
        const fileName = `${keynum}${ext}`;
        try {
          linkSync(tmp, join(this.dir, fileName));
          return { keynum, fileName };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          if (at !== undefined) throw new Error(`${fileName} exists already in ${this.dir}`, { cause: e });
        }
      }
    } finally {
      unlinkSync(tmp);
      fsyncDir(this.dir);
    }
  }
}
