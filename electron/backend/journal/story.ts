/**
 * What a journal says happened, for History: how many commands failed, whether the rotation went
 * through a failure the advisor recovered from, what the journal knows of keys lost, and the
 * verification pattern the crypto units hold at the end. Counted from the verified entries only.
 */
import type { JournalEntry } from './entry-schema.js';

/** Classifier phases that mean something went wrong during the rotation (shared/classifier/types.ts). */
const FAILURE_PHASES: ReadonlySet<string> = new Set([
  'failed-before-new-key',
  'rewrap-interrupted',
  'partially-promoted',
  'indeterminate',
]);

export interface JournalStory {
  /** Commands that ended with a non-zero exit, by a signal, or never ended (interrupted). */
  failedCommands: number;
  /** Classifications that found the rotation in a failure phase. */
  failurePhases: number;
  /**
   * Keys lost, as far as the journal can tell: 0 for a rotation recorded as completed (the backend
   * records "completed" only on the classifier's evidence that key storage was re-encrypted and every
   * unit promoted), otherwise null: the journal holds no count of keys.
   */
  keysLost: number | null;
  /** The current register's verification pattern every unit shared at the last reading, if they did. */
  currentVp: string | null;
}

function failedCommands(entries: readonly JournalEntry[]): number {
  let failed = 0;
  let running = false;
  for (const entry of entries) {
    if (entry.kind === 'command-started') {
      if (running) failed++; // the one before never finished
      running = true;
    } else if (entry.kind === 'command-finished') {
      if (running && entry.data.exitCode !== 0) failed++;
      running = false;
    }
  }
  // A command whose end was never journaled was interrupted; one still running in an open rotation is not yet.
  const finished = entries.some((entry) => entry.kind === 'rotation-finished');
  return failed + (running && finished ? 1 : 0);
}

function sharedCurrentVp(entries: readonly JournalEntry[]): string | null {
  const last = entries.findLast((entry) => entry.kind === 'registers');
  if (last?.kind !== 'registers') return null;
  const vps = new Set(last.data.units.map((unit) => unit.current.vp));
  const [vp] = vps;
  return vps.size === 1 && vp ? vp : null;
}

export function journalStory(entries: readonly JournalEntry[]): JournalStory {
  const finish = entries.find((entry) => entry.kind === 'rotation-finished');
  const completed = finish?.kind === 'rotation-finished' && finish.data.outcome === 'completed';
  return {
    failedCommands: failedCommands(entries),
    failurePhases: entries.filter((entry) => entry.kind === 'classification' && FAILURE_PHASES.has(entry.data.phase))
      .length,
    keysLost: completed ? 0 : null,
    currentVp: sharedCurrentVp(entries),
  };
}
