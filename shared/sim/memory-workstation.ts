/** An in-memory CLOUDTKEFILES for tests, benchmarks and in-process use; nothing is written anywhere. */
import { SIGKEY_EXTENSION, MKPART_EXTENSION } from '../tke/keyfiles.js';
import type { MkPartInfo, SigkeyInfo, StandIn, Workstation } from './context.js';
import { hash64 } from './vp.js';
import { SIGNSERVKEYS_FILE } from '../tke/signing-service.js';

interface StoredSigkey {
  info: SigkeyInfo;
  password: string;
}

interface StoredMkPart {
  info: MkPartInfo;
  password: string;
  value: string;
}

/** Key files held in memory; SKIs are derived deterministically from a counter. */
export class MemoryWorkstation implements Workstation {
  #sigkeys: StoredSigkey[] = [];
  #mkparts: StoredMkPart[] = [];
  #counter = 0;
  #signServKeys: string | null = null;

  async listSigkeys(): Promise<SigkeyInfo[]> {
    return this.#sigkeys.map((k) => ({ ...k.info }));
  }

  async listMkParts(): Promise<MkPartInfo[]> {
    return this.#mkparts.map((p) => ({ ...p.info }));
  }

  async createSigkey(description: string, password: string, standIn?: StandIn): Promise<SigkeyInfo> {
    const keynum = standIn?.keynum ?? nextNum(this.#sigkeys.map((k) => k.info.keynum));
    if (this.#sigkeys.some((k) => k.info.keynum === keynum)) throw new Error(`${keynum}${SIGKEY_EXTENSION} exists`);
    const ski = standIn?.ski ?? hash64(`sigkey:${description}:${++this.#counter}`.padEnd(64, '0'));
    const info = { keynum, description, ski, fileName: `${keynum}${SIGKEY_EXTENSION}` };
    this.#sigkeys.push({ info, password });
    return { ...info };
  }

  async createMkPart(desc: string, password: string, part: string, vp: string, at?: number): Promise<MkPartInfo> {
    const keynum = at ?? nextNum(this.#mkparts.map((p) => p.info.keynum));
    if (this.#mkparts.some((p) => p.info.keynum === keynum)) throw new Error(`${keynum}${MKPART_EXTENSION} exists`);
    const info = { keynum, description: desc, vp, fileName: `${keynum}${MKPART_EXTENSION}` };
    this.#mkparts.push({ info, password, value: part });
    return { ...info };
  }

  async checkSigkeyPassword(keynum: number, password: string): Promise<boolean> {
    return this.#sigkeys.some((k) => k.info.keynum === keynum && k.password === password);
  }

  async openMkPart(keynum: number, password: string): Promise<string | undefined> {
    const p = this.#mkparts.find((x) => x.info.keynum === keynum);
    return p && p.password === password ? p.value : undefined;
  }

  async removeFiles(fileNames: readonly string[]): Promise<void> {
    this.#sigkeys = this.#sigkeys.filter((k) => !fileNames.includes(k.info.fileName));
    this.#mkparts = this.#mkparts.filter((p) => !fileNames.includes(p.info.fileName));
    if (fileNames.includes(SIGNSERVKEYS_FILE)) this.#signServKeys = null;
  }

  async readSignServKeys(): Promise<string | null> {
    return this.#signServKeys;
  }

  async writeSignServKeys(text: string): Promise<void> {
    this.#signServKeys = text;
  }
}

function nextNum(used: readonly number[]): number {
  let n = 1;
  while (used.includes(n)) n++;
  return n;
}
