import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { MKPART_EXTENSION, SIGKEY_EXTENSION } from '../../../shared/tke/keyfiles.js';
import { duplicateWarnings } from './duplicates.js';
import { MAX_KEY_FILE_BYTES, parseKeyFile, type ParsedKeyFile } from './formats.js';
import type {
  MkPartInfo,
  OtherFileInfo,
  SigKeyInfo,
  WarningCode,
  WorkspaceScan,
  WorkspaceWarning,
} from '../../../shared/keyfiles/workspace-types.js';

/**
 * Names TKE and editors keep next to key files (settings, locks, temporaries, hidden files). They are
 * listed as `state-file` without a warning, so the administrator is not nagged about the tool's own files.
 */
const STATE_FILE = /^\.|\.(json|lock|tmp|log|state|cfg|conf|ini|ya?ml)$/i;

// Group/other read or write: on a shared workstation another account could copy or replace keys.
const PERMISSIVE_BITS = 0o066;
const checksModes = process.platform !== 'win32';

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

function facts(fileName: string, path: string, info: Stats) {
  return { fileName, path, size: info.size, mtime: info.mtime.toISOString(), mode: info.mode & 0o777 };
}

class ScanBuilder {
  readonly result: WorkspaceScan;
  readonly #byCode = new Map<WarningCode, WorkspaceWarning[]>();

  constructor(dir: string) {
    this.result = { dir, readable: true, sigkeys: [], mkparts: [], others: [], warnings: [] };
  }

  warn(code: WarningCode, message: string, files: string[] = []): void {
    this.#byCode.set(code, [...(this.#byCode.get(code) ?? []), { code, message, files }]);
  }

  other(fileName: string, path: string, reason: OtherFileInfo['reason'], message: string): void {
    this.result.others.push({ fileName, path, reason, message });
  }

  finish(allNames: string[]): WorkspaceScan {
    const byName = (a: { fileName: string }, b: { fileName: string }) =>
      a.fileName.localeCompare(b.fileName, 'en', { numeric: true });
    this.result.sigkeys.sort(byName);
    this.result.mkparts.sort(byName);
    this.result.others.sort(byName);
    for (const warning of duplicateWarnings(allNames, this.result.sigkeys, this.result.mkparts)) {
      this.warn(warning.code, warning.message, warning.files);
    }
    this.result.warnings = [...this.#byCode.values()].flat();
    return this.result;
  }
}

async function readSmall(path: string, size: number): Promise<Buffer | 'too-large'> {
  return size > MAX_KEY_FILE_BYTES ? 'too-large' : readFile(path);
}

function addKeyFile(scan: ScanBuilder, fileName: string, path: string, info: Stats, parsed: ParsedKeyFile): void {
  const expected = extname(fileName).toLowerCase() === SIGKEY_EXTENSION ? 'sigkey' : 'mkpart';
  if (checksModes && (info.mode & PERMISSIVE_BITS) !== 0) {
    scan.warn(
      'file-permissive',
      `${fileName} can be read or changed by other users (mode ${(info.mode & 0o777).toString(8)}); use chmod 600.`,
      [fileName],
    );
  }
  if (!parsed.ok) {
    const code = parsed.problem === 'not-json' || parsed.problem === 'binary' ? 'unparseable' : 'invalid-key-file';
    scan.other(fileName, path, code === 'unparseable' ? 'unparseable' : 'invalid-key-file', parsed.message);
    scan.warn(code, `${fileName} ${parsed.message}.`, [fileName]);
    return;
  }
  if (parsed.kind !== expected) {
    const holds = parsed.kind === 'sigkey' ? 'a signature key' : 'a master key part';
    scan.other(fileName, path, 'invalid-key-file', `holds ${holds} but is named like a ${expected} file`);
    scan.warn('wrong-extension', `${fileName} holds ${holds} but its extension says otherwise; TKE will misread it.`, [
      fileName,
    ]);
    return;
  }
  if (parsed.kind === 'mkpart') {
    const part: MkPartInfo = {
      kind: 'mkpart',
      ...facts(fileName, path, info),
      description: parsed.file.description,
      keyType: 'mkpart',
      vp: parsed.file.vp.toLowerCase(),
    };
    scan.result.mkparts.push(part);
    return;
  }
  const ski = parsed.file.ski.toLowerCase();
  const computed = createHash('sha256').update(Buffer.from(parsed.file.pubkey, 'hex')).digest('hex');
  const key: SigKeyInfo = {
    kind: 'sigkey',
    ...facts(fileName, path, info),
    description: parsed.file.description,
    keyType: parsed.file.keyType,
    ski,
    skiMatchesPubkey: computed === ski,
  };
  if (!key.skiMatchesPubkey) {
    scan.warn(
      'ski-mismatch',
      `${fileName}: its SKI is not the hash of its public key; the file was damaged or edited.`,
      [fileName],
    );
  }
  scan.result.sigkeys.push(key);
}

async function addEntry(scan: ScanBuilder, dir: string, fileName: string): Promise<void> {
  const path = join(dir, fileName);
  const ext = extname(fileName).toLowerCase();
  const isKeyName = ext === SIGKEY_EXTENSION || ext === MKPART_EXTENSION;
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    scan.other(fileName, path, 'unreadable', `cannot be examined (${errorCode(error)})`);
    if (isKeyName) scan.warn('file-unreadable', `${fileName} cannot be examined (${errorCode(error)}).`, [fileName]);
    return;
  }
  if (!info.isFile()) {
    scan.other(fileName, path, 'not-a-regular-file', 'is not a regular file');
    if (isKeyName)
      scan.warn('not-a-key-file', `${fileName} is not a regular file, so it is not a key file.`, [fileName]);
    return;
  }
  let bytes: Buffer | 'too-large';
  try {
    bytes = await readSmall(path, info.size);
  } catch (error) {
    scan.other(fileName, path, 'unreadable', `cannot be read (${errorCode(error)})`);
    if (isKeyName)
      scan.warn('file-unreadable', `${fileName} cannot be read by this account (${errorCode(error)}).`, [fileName]);
    return;
  }
  if (bytes === 'too-large') {
    scan.other(
      fileName,
      path,
      isKeyName ? 'invalid-key-file' : 'not-a-key-file',
      `is ${info.size} bytes, far too large for a key file`,
    );
    if (isKeyName) scan.warn('invalid-key-file', `${fileName} is far too large to be a TKE key file.`, [fileName]);
    return;
  }
  const parsed = parseKeyFile(bytes);
  if (isKeyName) {
    addKeyFile(scan, fileName, path, info, parsed);
  } else if (parsed.ok) {
    // A key saved under another name is invisible to TKE: worth saying, since it is probably a backup or a mistake.
    const holds = parsed.kind === 'sigkey' ? 'a signature key' : 'a master key part';
    scan.other(fileName, path, 'not-a-key-file', `holds ${holds} but is not named *.${parsed.kind}`);
    scan.warn('wrong-extension', `${fileName} holds ${holds} but TKE only reads *.${parsed.kind} files.`, [fileName]);
  } else if (STATE_FILE.test(fileName)) {
    scan.other(fileName, path, 'state-file', 'belongs to TKE or the system, not a key file');
  } else {
    scan.other(fileName, path, 'not-a-key-file', 'is not a TKE key file');
    scan.warn('not-a-key-file', `${fileName} is not a TKE key file.`, [fileName]);
  }
}

/**
 * Lists the key files of a CLOUDTKEFILES directory with their metadata and warnings, without
 * decrypting or changing anything. Never throws for a bad directory or bad files: it warns instead.
 */
export async function scanWorkspace(dir: string): Promise<WorkspaceScan> {
  const scan = new ScanBuilder(dir);
  let info: Stats;
  try {
    info = await stat(dir);
  } catch (error) {
    const missing = errorCode(error) === 'ENOENT';
    scan.result.readable = false;
    scan.warn(
      missing ? 'dir-missing' : 'dir-unreadable',
      missing ? `${dir} does not exist.` : `${dir} cannot be examined (${errorCode(error)}).`,
    );
    return scan.finish([]);
  }
  if (!info.isDirectory()) {
    scan.result.readable = false;
    scan.warn('dir-not-directory', `${dir} is not a directory.`);
    return scan.finish([]);
  }
  if (checksModes && (info.mode & PERMISSIVE_BITS) !== 0) {
    scan.warn(
      'dir-permissive',
      `${dir} can be listed or changed by other users (mode ${(info.mode & 0o777).toString(8)}); use chmod 700.`,
    );
  }
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    scan.result.readable = false;
    scan.warn('dir-unreadable', `${dir} cannot be listed (${errorCode(error)}).`);
    return scan.finish([]);
  }
  for (const name of names) await addEntry(scan, dir, name);
  return scan.finish(names);
}
