/**
 * The journal entries of one command, built in one place for every path that journals a command:
 * live and demo rotations, training and imported runs (see pipeline.ts).
 */
import type { Classification } from '../../../shared/classifier/types.js';
import { lineMilestones, type Milestone } from '../../../shared/parse/recognise.js';
import { parseRegisterListing } from '../../../shared/parse/registers.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';
import type { JournalEntryInput, JournalMode } from '../journal/index.js';

export { lineMilestones };

/** Listings whose successful output is journaled as a register reading. */
export const REGISTER_READINGS: ReadonlySet<string> = new Set(['cryptounit-mks', 'cryptounit-mk']);

export function commandStarted(argv: readonly string[], mode: JournalMode): JournalEntryInput {
  return { kind: 'command-started', data: { argv: [...argv], mode } };
}

/** The milestones worth an entry of their own: M1 and M2 (the others are evidence in the output). */
export function milestoneEntry(milestone: Milestone, text: string): JournalEntryInput | null {
  return milestone === 'M1' || milestone === 'M2' ? { kind: 'milestone', data: { id: milestone, text } } : null;
}

/** A signal is journaled as text (a number from a terminal, a name from the simulator); none is left out. */
export function commandFinished(exitCode: number, signal?: number | string): JournalEntryInput {
  return { kind: 'command-finished', data: { exitCode, ...(signal ? { signal: String(signal) } : {}) } };
}

/** The registers a listing shows, as journaled (only the fields the classifier and reports read). */
export function registerUnits(lines: readonly string[]): UnitRegisters[] {
  return parseRegisterListing(lines.join('\n')).map(({ num, type, current, new: next }) => ({
    num,
    type,
    current,
    new: next,
  }));
}

/** The register reading of a successful listing (`cryptounit-mk`, `cryptounit-mks`), or null. */
export function registersEntry(
  argv: readonly string[],
  exitCode: number,
  lines: readonly string[],
): JournalEntryInput | null {
  if (exitCode !== 0 || !REGISTER_READINGS.has(argv[1] ?? '')) return null;
  const units = registerUnits(lines);
  return units.length > 0 ? { kind: 'registers', data: { units } } : null;
}

/** The classification as journaled, with why it was made. */
export function classificationEntry(classification: Classification, reason: string): JournalEntryInput {
  // The entry schema types `next`/`forbidden` as generic JSON; Advice objects are plain JSON.
  return {
    kind: 'classification',
    data: JSON.parse(JSON.stringify({ ...classification, reason })) as Extract<
      JournalEntryInput,
      { kind: 'classification' }
    >['data'],
  };
}
