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

/** One cell of the CONTROL POINTS section: a control point (column) of a unit, `Set` or `Not Set`. */
export interface ControlPointRow {
  num: number;
  /** The column name as printed, e.g. `XCP_CPB_BTC`. */
  point: string;
  set: boolean;
  /** The `SERVICE INSTANCE:` the row was listed under, when one was. */
  instance: string | undefined;
  line: number;
}

export interface CompareResult {
  thresholds: ThresholdRow[];
  admins: AdminRow[];
  current: CompareRegisterRow[];
  new: CompareRegisterRow[];
  /** The CONTROL POINTS section [hs-crypto: enable-mechanisms.md]; empty when the output has none. */
  controlPoints: ControlPointRow[];
  /** True: `configured the same`; false: differences reported; undefined: neither line seen. */
  same: boolean | undefined;
  differences: string[];
}

type Section = 'thresholds' | 'admins' | 'current' | 'new' | 'controlPoints' | 'differences' | 'none';

const REGISTER_COLUMNS = ['CRYPTO UNIT NUM', 'STATUS', 'VERIFICATION PATTERN'] as const;

function sectionOf(c: string): Section | undefined {
  if (c === 'SIGNATURE THRESHOLDS') return 'thresholds';
  if (c === 'CRYPTO UNIT ADMINISTRATORS' || c === 'ADMINISTRATORS') return 'admins';
  if (c.startsWith('CURRENT MASTER KEY REGISTER')) return 'current';
  if (c.startsWith('NEW MASTER KEY REGISTER')) return 'new';
  if (c === 'CONTROL POINTS') return 'controlPoints';
  return undefined;
}

const SERVICE_INSTANCE = /^SERVICE INSTANCE:\s*(\S+)/i;
const UNIT_NUM = 'CRYPTO UNIT NUM';

/**
 * The CONTROL POINTS section: `SERVICE INSTANCE:` lines, then a header of `CRYPTO UNIT NUM` and one
 * column per control point, then a row per unit with `Set` or `Not Set` in each column.
 */
function parseControlPoints(lines: readonly SourceLine[]): ControlPointRow[] {
  const out: ControlPointRow[] = [];
  let header: string[] | undefined;
  let instance: string | undefined;
  for (const { line, text } of lines) {
    const si = SERVICE_INSTANCE.exec(text.trim());
    if (si) {
      instance = si[1];
      continue;
    }
    const h = readHeader(text, [UNIT_NUM]);
    if (h !== undefined && h.length > 1) {
      header = h;
      continue;
    }
    const [numText, ...cells] = text.trim().split(/\s{2,}|\t+/);
    const num = intCell(numText);
    if (header === undefined || num === undefined || cells.length !== header.length - 1) continue;
    cells.forEach((cell, i) => {
      const setting = canon(cell);
      if (setting !== 'SET' && setting !== 'NOT SET') return;
      out.push({ num, point: header?.[i + 1] ?? '', set: setting === 'SET', instance, line });
    });
  }
  return out;
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

/**
 * Parse `cryptounit-compare` output into its tables and its verdict. `SERVICE INSTANCE:` lines inside
 * a section (one before each instance's rows) are skipped by the table readers.
 */
export function parseCompare(input: ParserInput): CompareResult {
  const sections: Record<Section, SourceLine[]> = {
    thresholds: [],
    admins: [],
    current: [],
    new: [],
    controlPoints: [],
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
    controlPoints: parseControlPoints(sections.controlPoints),
    same,
    differences: sections.differences.map((l) => l.text.trim()).filter((t) => t !== ''),
  };
}
