/** What the workspace tells about key files, without ever decrypting them. */

interface FileFacts {
  fileName: string;
  path: string;
  size: number;
  /** Modification time, ISO 8601. */
  mtime: string;
  /** Permission bits (`mode & 0o777`). */
  mode: number;
}

export interface SigKeyInfo extends FileFacts {
  kind: 'sigkey';
  /** Administrator name given at creation. */
  description: string;
  keyType: 'p521ec' | 'rsa2048';
  /** Lower-cased subject key identifier as stored in the file. */
  ski: string;
  /** Whether `ski` equals SHA-256 of the stored public key (false: damaged or edited file). */
  skiMatchesPubkey: boolean;
}

export interface MkPartInfo extends FileFacts {
  kind: 'mkpart';
  description: string;
  keyType: 'mkpart';
  /** Lower-cased verification pattern of the part. */
  vp: string;
}

export type KeyFileInfo = SigKeyInfo | MkPartInfo;

export type OtherFileReason =
  'not-a-key-file' | 'unparseable' | 'invalid-key-file' | 'unreadable' | 'not-a-regular-file' | 'state-file';

/** A directory entry that is not a usable key file; `state-file` ones are TKE's own, listed quietly. */
export interface OtherFileInfo {
  fileName: string;
  path: string;
  reason: OtherFileReason;
  message: string;
}

export const WARNING_CODES = [
  'dir-missing',
  'dir-not-directory',
  'dir-unreadable',
  'dir-permissive',
  'file-permissive',
  'file-unreadable',
  'duplicate-name-case',
  'duplicate-ski',
  'duplicate-vp',
  'unparseable',
  'invalid-key-file',
  'wrong-extension',
  'ski-mismatch',
  'not-a-key-file',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface WorkspaceWarning {
  code: WarningCode;
  /** One sentence for the administrator. */
  message: string;
  /** File names concerned (empty for directory-level warnings). */
  files: string[];
}

export interface WorkspaceScan {
  dir: string;
  /** False when the directory itself could not be listed (see warnings). */
  readable: boolean;
  sigkeys: SigKeyInfo[];
  mkparts: MkPartInfo[];
  others: OtherFileInfo[];
  warnings: WorkspaceWarning[];
}

/** An administrator installed in a crypto unit, as `cryptounit-admins` lists it. */
export interface InstalledAdmin {
  unit: number;
  name: string;
  ski: string;
}

export interface SigKeyAdminMatch {
  fileName: string;
  description: string;
  ski: string;
  /** Units where this key's administrator is installed, ascending. */
  units: number[];
  /** Names the units give that administrator (usually one). */
  adminNames: string[];
}

export interface AdminMatchResult {
  sigkeys: SigKeyAdminMatch[];
  /** Installed administrators with no signature key file in the workspace. */
  unmatchedAdmins: InstalledAdmin[];
}
