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
const UNIT_ROW =
  /^\s*(\d{1,3})\s+(?:(operational|recovery|failover)\s+)?(new|current)\b(?:\s+master\s+key)?(?:\s+register)?\s*[:=]?\s+(.*)$/i;

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

type Which = 'new' | 'current';
type UnitEntry = { num: number; typeText: string | undefined; line: number; current?: Register; new?: Register };
type Row = NonNullable<ReturnType<typeof readRow>>;

const whichOf = (word: string): Which => (word.toLowerCase() === 'new' ? 'new' : 'current');

/**
 * Reads a listing line by line, in whichever of its three layouts: sections with a row per unit,
 * a row per register with the unit number first, or a block per unit with its register rows.
 */
class ListingReader {
  readonly units: UnitEntry[] = [];
  readonly #byNum = new Map<number, UnitEntry>();
  /** The unit whose block is being read (block layout only). */
  #unit: UnitEntry | undefined;
  /** The register row just read, whose VP may go on on the next line. */
  #lastRow: { reg: Register; raw: string } | undefined;
  #section: Which | undefined;

  read(line: number, text: string): void {
    if (
      this.#sectionHeading(text) ||
      this.#sectionRow(line, text) ||
      this.#unitRow(line, text) ||
      this.#unitLine(line, text)
    )
      return;
    if (this.#unit === undefined) return;
    if (this.#blockRow(this.#unit, text) || this.#continuation(text)) return;
    this.#lastRow = undefined;
  }

  /** The unit numbered `num` in a row layout (one entry per number, its type from the first row naming it). */
  #numbered(num: number, typeText: string | undefined, line: number): UnitEntry {
    let target = this.#byNum.get(num);
    if (target === undefined) {
      target = { num, typeText, line };
      this.#byNum.set(num, target);
      this.units.push(target);
    }
    target.typeText ??= typeText;
    return target;
  }

  #keep(unit: UnitEntry, which: Which, parsed: Row): true {
    unit[which] = parsed.register;
    this.#lastRow = { reg: parsed.register, raw: parsed.vpText };
    return true;
  }

  #sectionHeading(text: string): boolean {
    const heading = SECTION.exec(text);
    if (heading?.[1] === undefined) return false;
    this.#section = whichOf(heading[1]);
    this.#unit = undefined;
    return true;
  }

  #sectionRow(line: number, text: string): boolean {
    if (this.#section === undefined) return false;
    const row = SECTION_ROW.exec(text);
    const parsed = row?.[3] === undefined ? undefined : readRow(row[3]);
    if (row?.[1] === undefined || parsed === undefined) return false;
    return this.#keep(this.#numbered(Number(row[1]), row[2], line), this.#section, parsed);
  }

  #unitRow(line: number, text: string): boolean {
    const row = UNIT_ROW.exec(text);
    if (row?.[1] === undefined || row[3] === undefined || row[4] === undefined) return false;
    const parsed = readRow(row[4]);
    if (parsed === undefined) return false;
    this.#keep(this.#numbered(Number(row[1]), row[2], line), whichOf(row[3]), parsed);
    this.#unit = undefined;
    return true;
  }

  #unitLine(line: number, text: string): boolean {
    const u = UNIT_LINE.exec(text);
    if (u?.[1] === undefined) return false;
    this.#unit = { num: Number(u[1]), typeText: TYPE_FIELD.exec(u[2] ?? '')?.[1], line };
    this.units.push(this.#unit);
    this.#lastRow = undefined;
    return true;
  }

  #blockRow(unit: UnitEntry, text: string): boolean {
    const r = ROW.exec(text);
    if (r?.[1] === undefined || r[2] === undefined) return false;
    const parsed = readRow(r[2]);
    if (parsed === undefined) this.#lastRow = undefined;
    else this.#keep(unit, whichOf(r[1]), parsed);
    return true;
  }

  #continuation(text: string): boolean {
    const cont = CONTINUATION.exec(text);
    if (cont?.[1] === undefined || this.#lastRow === undefined) return false;
    this.#lastRow.raw += cont[1];
    this.#lastRow.reg.vp = normaliseVp(this.#lastRow.raw);
    return true;
  }
}

/** Parse a register listing into per-unit registers (only units with both registers are kept). */
export function parseRegisterListing(input: ParserInput): ParsedUnitRegisters[] {
  const reader = new ListingReader();
  for (const { line, text } of toLines(input)) reader.read(line, text);
  const out: ParsedUnitRegisters[] = [];
  for (const x of reader.units) {
    if (x.current === undefined || x.new === undefined) continue;
    // The listing always prints the type; a variant without it is treated as an operational unit.
    out.push({
      num: x.num,
      type: parseUnitType(x.typeText) ?? 'OPERATIONAL',
      current: x.current,
      new: x.new,
      line: x.line,
    });
  }
  return out;
}
