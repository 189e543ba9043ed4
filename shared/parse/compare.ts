/** Parser for `ibmcloud tke cryptounit-compare`. */
import { normaliseRegisterState, type Register } from '../tke/types.js';
import { parseAdmins, parseThresholds, type AdminRow, type ThresholdRow } from './listings.js';
import type { SourceLine } from './normalise.js';
import { canon, intCell, normaliseVp, readHeader, splitRow, toLines, type ParserInput } from './table.js';

export interface CompareRegisterRow {
  num: number;
  register: Register;
  line: number;
}

export interface CompareResult {
  thresholds: ThresholdRow[];
  admins: AdminRow[];
  current: CompareRegisterRow[];
  new: CompareRegisterRow[];
  /** True: `configured the same`; false: differences reported; undefined: neither line seen. */
  same: boolean | undefined;
  differences: string[];
}

type Section = 'thresholds' | 'admins' | 'current' | 'new' | 'differences' | 'none';

const REGISTER_COLUMNS = ['CRYPTO UNIT NUM', 'STATUS', 'VERIFICATION PATTERN'] as const;

function sectionOf(c: string): Section | undefined {
  if (c === 'SIGNATURE THRESHOLDS') return 'thresholds';
  if (c === 'CRYPTO UNIT ADMINISTRATORS' || c === 'ADMINISTRATORS') return 'admins';
  if (c.startsWith('CURRENT MASTER KEY REGISTER')) return 'current';
  if (c.startsWith('NEW MASTER KEY REGISTER')) return 'new';
  return undefined;
}

function parseRegisterSection(lines: readonly SourceLine[]): CompareRegisterRow[] {
  const out: CompareRegisterRow[] = [];
  let header: string[] | undefined;
  for (const { line, text } of lines) {
    const h = readHeader(text, REGISTER_COLUMNS);
    if (h !== undefined) {
      header = h;
      continue;
    }
    if (header === undefined) continue;
    const row = splitRow(text, header, 'STATUS');
    const num = intCell(row?.['CRYPTO UNIT NUM']);
    const state = normaliseRegisterState(row?.['STATUS'] ?? '');
    if (num === undefined || state === undefined) continue;
    out.push({ num, register: { state, vp: normaliseVp(row?.['VERIFICATION PATTERN'] ?? '') }, line });
  }
  return out;
}

/** Parse `cryptounit-compare` output into its four tables and its verdict. */
export function parseCompare(input: ParserInput): CompareResult {
  const sections: Record<Section, SourceLine[]> = {
    thresholds: [],
    admins: [],
    current: [],
    new: [],
    differences: [],
    none: [],
  };
  let section: Section = 'none';
  let same: boolean | undefined;
  for (const l of toLines(input)) {
    const c = canon(l.text);
    const next = sectionOf(c);
    if (next !== undefined) {
      section = next;
      continue;
    }
    if (c.startsWith('THE SELECTED CRYPTO UNITS ARE CONFIGURED THE SAME')) {
      same = true;
      section = 'none';
      continue;
    }
    if (c.startsWith('DIFFERENCES WERE FOUND')) {
      same = false;
      section = 'differences';
      continue;
    }
    if (c === 'OK' || c === 'FAILED') section = 'none';
    sections[section].push(l);
  }
  return {
    thresholds: parseThresholds(sections.thresholds),
    admins: parseAdmins(sections.admins),
    current: parseRegisterSection(sections.current),
    new: parseRegisterSection(sections.new),
    same,
    differences: sections.differences.map((l) => l.text.trim()).filter((t) => t !== ''),
  };
}
