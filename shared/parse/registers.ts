/**
 * Parser for the register listing printed by `cryptounit-mk` / `cryptounit-mks` (same output). IBM does
 * not publish its layout, so both a block per unit and a row per register are read; column order,
 * spacing, case, and VPs on one or two lines are tolerated.
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
// A section per register, then a row per unit: `NEW MASTER KEY REGISTER` / `1   Full Committed   B146...`.
const SECTION = /^\s*(current|new)\s+master\s+key\s+registers?\s*:?\s*$/i;
const SECTION_ROW = /^\s*(\d{1,3})\s+(?:(operational|recovery|failover)\s+)?(\S.*)$/i;
// One register per row, the unit number first: `1   OPERATIONAL   current   Valid   F334...`.
const UNIT_ROW = /^\s*(\d{1,3})\s+(?:(operational|recovery|failover)\s+)?(new|current)\b(?:\s+master\s+key)?(?:\s+register)?\s*[:=]?\s+(.*)$/i;

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
  const byNum = new Map<number, (typeof units)[number]>();
  let section: 'new' | 'current' | undefined;
  const unitNumbered = (num: number, typeText: string | undefined, line: number): (typeof units)[number] => {
    let target = byNum.get(num);
    if (target === undefined) {
      target = { num, typeText, line };
      byNum.set(num, target);
      units.push(target);
    }
    target.typeText ??= typeText;
    return target;
  };
  for (const { line, text } of toLines(input)) {
    const heading = SECTION.exec(text);
    if (heading?.[1] !== undefined) {
      section = heading[1].toLowerCase() === 'new' ? 'new' : 'current';
      unit = undefined;
      continue;
    }
    if (section !== undefined) {
      const srow = SECTION_ROW.exec(text);
      const parsed = srow?.[3] === undefined ? undefined : readRow(srow[3]);
      if (srow?.[1] !== undefined && parsed !== undefined) {
        unitNumbered(Number(srow[1]), srow[2], line)[section] = parsed.register;
        lastRow = { reg: parsed.register, raw: parsed.vpText };
        continue;
      }
    }
    const row = UNIT_ROW.exec(text);
    if (row?.[1] !== undefined && row[3] !== undefined && row[4] !== undefined) {
      const parsed = readRow(row[4]);
      if (parsed !== undefined) {
        unitNumbered(Number(row[1]), row[2], line)[row[3].toLowerCase() === 'new' ? 'new' : 'current'] = parsed.register;
        lastRow = { reg: parsed.register, raw: parsed.vpText };
        unit = undefined;
        continue;
      }
    }
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
