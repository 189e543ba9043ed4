/** Tolerant reading of the TKE CLI's whitespace-aligned tables (column order, spacing, case). */
import { normaliseText, type SourceLine } from './normalise.js';

/** Parsers take raw text or lines already normalised (keeping their original numbers). */
export type ParserInput = string | readonly SourceLine[];

/** Normalise parser input to lines. */
export function toLines(input: ParserInput): readonly SourceLine[] {
  return typeof input === 'string' ? normaliseText(input) : input;
}

/** Upper-case, single-spaced form used to compare headers and titles. */
export function canon(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toUpperCase();
}

/**
 * Read a header line into column names (split on two or more spaces) when it names every
 * required column; returns undefined otherwise.
 */
export function readHeader(
  text: string,
  required: readonly string[],
  known: readonly string[] = required,
): string[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const columns = trimmed.split(/\s{2,}|\t+/).map(canon);
  if (required.every((name) => columns.includes(name))) return columns;
  // Single-spaced header: find the known column names in it, in the order they appear.
  const line = ` ${canon(trimmed)} `;
  const found = known
    .map((name) => ({ name, at: line.indexOf(` ${name} `) }))
    .filter((c) => c.at >= 0)
    .sort((a, b) => a.at - b.at);
  const names = found.map((c) => c.name);
  if (!required.every((name) => names.includes(name))) return undefined;
  const covered = found.reduce((n, c) => n + c.name.length + 1, 0);
  return covered >= line.trim().length ? names : undefined;
}

/**
 * Split a row into as many cells as the header has columns. Extra words go to the `freeText`
 * column (names, states like `Full Committed`); returns undefined when the row cannot fit.
 */
export function splitRow(
  text: string,
  columns: readonly string[],
  freeText: string,
): Record<string, string> | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let cells = trimmed.split(/\s{2,}|\t+/);
  if (cells.length !== columns.length) cells = trimmed.split(/\s+/);
  if (cells.length < columns.length) return undefined;
  if (cells.length > columns.length) {
    const at = columns.indexOf(freeText);
    if (at < 0) return undefined;
    const extra = cells.length - columns.length;
    cells = [...cells.slice(0, at), cells.slice(at, at + extra + 1).join(' '), ...cells.slice(at + extra + 1)];
  }
  const row: Record<string, string> = {};
  columns.forEach((name, i) => {
    row[name] = cells[i] ?? '';
  });
  return row;
}

/** Parse a positive integer cell, or undefined. */
export function intCell(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,6}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/** Verification patterns: lower-case hex without spaces; all zeros (an Empty register) is ''. */
export function normaliseVp(text: string): string {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^0*$/.test(hex) ? '' : hex;
}

/** True when a cell looks like (part of) a verification pattern. */
export function isHexCell(text: string): boolean {
  return text.length >= 8 && /^[0-9a-fA-F]+$/.test(text);
}
