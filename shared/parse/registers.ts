/**
 * Parser for the register listing printed by `cryptounit-mk` / `cryptounit-mks` (same output).
 * Tolerates column order, spacing, case, and VPs on one or two lines.
 */
import { normaliseRegisterState, type Register, type UnitRegisters } from '../tke/types.js';
import { parseUnitType } from './cryptounits.js';
import { isHexCell, normaliseVp, toLines, type ParserInput } from './table.js';

/** Registers of one unit as parsed, with the line the unit starts on. */
export interface ParsedUnitRegisters extends UnitRegisters {
  line: number;
}

const UNIT_LINE = /^\s*crypto unit num(?:ber)?\s*[:=]?\s*(\d+)(.*)$/i;
const TYPE_FIELD = /\btype\s*[:=]?\s*(operational|recovery|failover)\b/i;
const ROW = /^\s*(new|current)\b(?:\s+master\s+key)?(?:\s+register)?\s*[:=]?\s+(.*)$/i;
const CONTINUATION = /^\s+([0-9a-fA-F]{8,})\s*$/;

function readRow(rest: string): { register: Register; vpText: string } | undefined {
  const words = rest.trim().split(/\s+/);
  const stateWords: string[] = [];
  let vpText = '';
  for (const w of words) {
    if (isHexCell(w) && normaliseRegisterState(w) === undefined) vpText += w;
    else if (w !== '-') stateWords.push(w);
  }
  const state = normaliseRegisterState(stateWords.join(' '));
  if (state === undefined) return undefined;
  return { register: { state, vp: normaliseVp(vpText) }, vpText };
}

/** Parse a register listing into per-unit registers (only units with both registers are kept). */
export function parseRegisterListing(input: ParserInput): ParsedUnitRegisters[] {
  const units: { num: number; typeText: string | undefined; line: number; current?: Register; new?: Register }[] = [];
  let unit: (typeof units)[number] | undefined;
  let lastRow: { reg: Register; raw: string } | undefined;
  for (const { line, text } of toLines(input)) {
    const u = UNIT_LINE.exec(text);
    if (u?.[1] !== undefined) {
      unit = { num: Number(u[1]), typeText: TYPE_FIELD.exec(u[2] ?? '')?.[1], line };
      units.push(unit);
      lastRow = undefined;
      continue;
    }
    if (unit === undefined) continue;
    const r = ROW.exec(text);
    if (r?.[1] !== undefined && r[2] !== undefined) {
      const parsed = readRow(r[2]);
      if (parsed === undefined) {
        lastRow = undefined;
        continue;
      }
      const which = r[1].toLowerCase() === 'new' ? 'new' : 'current';
      unit[which] = parsed.register;
      lastRow = { reg: parsed.register, raw: parsed.vpText };
      continue;
    }
    const cont = CONTINUATION.exec(text);
    if (cont?.[1] !== undefined && lastRow !== undefined) {
      lastRow.raw += cont[1];
      lastRow.reg.vp = normaliseVp(lastRow.raw);
      continue;
    }
    lastRow = undefined;
  }
  const out: ParsedUnitRegisters[] = [];
  for (const x of units) {
    if (x.current === undefined || x.new === undefined) continue;
    // The listing always prints the type; a variant without it is treated as an operational unit.
    out.push({ num: x.num, type: parseUnitType(x.typeText) ?? 'OPERATIONAL', current: x.current, new: x.new, line: x.line });
  }
  return out;
}
