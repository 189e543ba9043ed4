/** Parsers for `cryptounit-thrhlds`, `cryptounit-admins`, `sigkeys` and `mks` tables. */
import { canon, intCell, normaliseVp, readHeader, splitRow, toLines, type ParserInput } from './table.js';

export interface ThresholdRow {
  num: number;
  signature: number;
  revocation: number;
  line: number;
}

export interface AdminRow {
  num: number;
  /** Undefined for the `-` row of a unit without administrators. */
  name: string | undefined;
  ski: string | undefined;
  line: number;
}

export interface SigKeyRow {
  keynum: number;
  description: string;
  ski: string;
}

export interface SigKeysListing {
  keys: SigKeyRow[];
  /** Keys selected to sign commands; empty when `No signature keys are selected.` */
  selected: SigKeyRow[];
}

export interface MasterKeyPartRow {
  keynum: number;
  description: string;
  vp: string;
}

const THRESHOLD_COLUMNS = ['CRYPTO UNIT NUM', 'SIGNATURE THRESHOLD', 'REVOCATION THRESHOLD'] as const;
const ADMIN_COLUMNS = ['CRYPTO UNIT NUM', 'ADMIN NAME', 'SUBJECT KEY IDENTIFIER'] as const;
const SIGKEY_COLUMNS = ['KEYNUM', 'DESCRIPTION', 'SUBJECT KEY IDENTIFIER'] as const;
const MKS_COLUMNS = ['KEYNUM', 'DESCRIPTION', 'VERIFICATION PATTERN'] as const;

/** Generic loop: rows follow a header until a line that is not a row. */
function readTable<T>(
  input: ParserInput,
  columns: readonly string[],
  freeText: string,
  toRow: (row: Record<string, string>, line: number) => T | undefined,
): T[] {
  const out: T[] = [];
  let header: string[] | undefined;
  for (const { line, text } of toLines(input)) {
    const h = readHeader(text, columns);
    if (h !== undefined) {
      header = h;
      continue;
    }
    if (header !== undefined) {
      const cells = splitRow(text, header, freeText);
      const row = cells === undefined ? undefined : toRow(cells, line);
      if (row !== undefined) {
        out.push(row);
        continue;
      }
      header = undefined;
    }
  }
  return out;
}

/** Parse the signature thresholds table. */
export function parseThresholds(input: ParserInput): ThresholdRow[] {
  return readTable(input, THRESHOLD_COLUMNS, '', (row, line) => {
    const num = intCell(row['CRYPTO UNIT NUM']);
    const signature = intCell(row['SIGNATURE THRESHOLD']);
    const revocation = intCell(row['REVOCATION THRESHOLD']);
    if (num === undefined || signature === undefined || revocation === undefined) return undefined;
    return { num, signature, revocation, line };
  });
}

/** Parse the administrators table (`-` name and SKI for a unit without administrators). */
export function parseAdmins(input: ParserInput): AdminRow[] {
  return readTable(input, ADMIN_COLUMNS, 'ADMIN NAME', (row, line) => {
    const num = intCell(row['CRYPTO UNIT NUM']);
    if (num === undefined) return undefined;
    const name = (row['ADMIN NAME'] ?? '').trim();
    const ski = (row['SUBJECT KEY IDENTIFIER'] ?? '').trim().toLowerCase();
    const none = name === '-' || name === '' || ski === '-' || ski === '';
    return { num, name: none ? undefined : name, ski: none ? undefined : ski, line };
  });
}

/** Parse `sigkeys`: all keys on the workstation and those selected to sign commands. */
export function parseSigKeys(input: ParserInput): SigKeysListing {
  const keys: SigKeyRow[] = [];
  const selected: SigKeyRow[] = [];
  const lines = toLines(input);
  // Rows before the "selected" title list all keys; rows after it the selected ones.
  let header: string[] | undefined;
  let inSelected = false;
  for (const { text } of lines) {
    const c = canon(text);
    if (c.startsWith('SIGNATURE KEYS SELECTED') || c.startsWith('NO SIGNATURE KEYS ARE SELECTED')) {
      inSelected = true;
      header = undefined;
      continue;
    }
    const h = readHeader(text, SIGKEY_COLUMNS);
    if (h !== undefined) {
      header = h;
      continue;
    }
    if (header === undefined) continue;
    const row = splitRow(text, header, 'DESCRIPTION');
    const keynum = intCell(row?.['KEYNUM']);
    if (row === undefined || keynum === undefined) {
      header = undefined;
      continue;
    }
    const key = {
      keynum,
      description: row['DESCRIPTION'] ?? '',
      ski: (row['SUBJECT KEY IDENTIFIER'] ?? '').toLowerCase(),
    };
    (inSelected ? selected : keys).push(key);
  }
  return { keys, selected };
}

/** Parse `mks`: master key part files on the workstation. */
export function parseMasterKeyParts(input: ParserInput): MasterKeyPartRow[] {
  return readTable(input, MKS_COLUMNS, 'DESCRIPTION', (row) => {
    const keynum = intCell(row['KEYNUM']);
    if (keynum === undefined) return undefined;
    return { keynum, description: row['DESCRIPTION'] ?? '', vp: normaliseVp(row['VERIFICATION PATTERN'] ?? '') };
  });
}
