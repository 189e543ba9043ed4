/** Parser for `ibmcloud tke cryptounits` and the instance-selection table. */
import { UNIT_TYPES, type UnitType } from '../tke/types.js';
import { canon, intCell, readHeader, splitRow, toLines, type ParserInput } from './table.js';

export interface CryptoUnitRow {
  num: number;
  selected: boolean;
  type: UnitType | undefined;
  location: string;
  line: number;
}

export interface ServiceInstanceUnits {
  id: string;
  units: CryptoUnitRow[];
}

export interface InstanceChoice {
  num: number;
  id: string;
}

const UNIT_COLUMNS = ['CRYPTO UNIT NUM', 'SELECTED', 'TYPE', 'LOCATION'] as const;

/** Normalise a unit type cell (any case) or undefined. */
export function parseUnitType(text: string | undefined): UnitType | undefined {
  const upper = (text ?? '').trim().toUpperCase();
  return UNIT_TYPES.find((t) => t === upper);
}

/** Parse `cryptounits` output: one block per service instance. */
export function parseCryptoUnits(input: ParserInput): ServiceInstanceUnits[] {
  const out: ServiceInstanceUnits[] = [];
  let current: ServiceInstanceUnits | undefined;
  let columns: string[] | undefined;
  for (const { line, text } of toLines(input)) {
    const c = canon(text);
    if (c.startsWith('SERVICE INSTANCE:')) {
      current = {
        id: text
          .trim()
          .slice(text.trim().indexOf(':') + 1)
          .trim(),
        units: [],
      };
      out.push(current);
      columns = undefined;
      continue;
    }
    const header = readHeader(text, ['CRYPTO UNIT NUM', 'SELECTED'], UNIT_COLUMNS);
    if (header !== undefined) {
      columns = header;
      if (current === undefined) {
        current = { id: '', units: [] };
        out.push(current);
      }
      continue;
    }
    if (columns === undefined || current === undefined) continue;
    const row = splitRow(text, columns, 'LOCATION');
    const num = intCell(row?.['CRYPTO UNIT NUM']);
    if (row === undefined || num === undefined) {
      if (c !== '') columns = undefined;
      continue;
    }
    current.units.push({
      num,
      selected: (row['SELECTED'] ?? '').trim().toLowerCase() === 'true',
      type: parseUnitType(row['TYPE']),
      location: row['LOCATION'] ?? '',
      line,
    });
  }
  return out;
}

/** Parse the `INSTANCE NUM   INSTANCE ID` table shown when several instances exist. */
export function parseInstanceChoices(input: ParserInput): InstanceChoice[] {
  const out: InstanceChoice[] = [];
  let columns: string[] | undefined;
  for (const { text } of toLines(input)) {
    const header = readHeader(text, ['INSTANCE NUM', 'INSTANCE ID']);
    if (header !== undefined) {
      columns = header;
      continue;
    }
    if (columns === undefined) continue;
    const row = splitRow(text, columns, 'INSTANCE ID');
    const num = intCell(row?.['INSTANCE NUM']);
    if (num === undefined) {
      if (text.trim() !== '') columns = undefined;
      continue;
    }
    out.push({ num, id: row?.['INSTANCE ID'] ?? '' });
  }
  return out;
}
