/**
 * The rotation service's refusals that need no state of their own: one command at a time, a rotation
 * open (and writable) before anything is run or recorded in it, only listings as reads, and the
 * outcome a rotation is closed with.
 */
import type { Phase } from '../../../shared/classifier/types.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { READ_ONLY_COMMANDS } from '../../../shared/tke/commands.js';
import type { JournalEntryInput } from '../journal/index.js';
import type { Running } from './live-command.js';
import type { RotationState } from './rotation-state.js';

/** Refuse while another command runs: the TKE CLI acts on shared registers, one command at a time. */
export function requireIdle(running: Running | null): void {
  if (running)
    throw new RefusedError(
      `Another TKE command is running (${running.info.command}). Only one command runs at a time.`,
      { kind: 'busy', command: running.info.command },
    );
}

export function requireRotation(rotation: RotationState | null): RotationState {
  if (!rotation) throw new RefusedError('No rotation is open. Start or resume one first.');
  return rotation;
}

/** The open rotation, unless it is finished or open read-only. */
export function requireWritable(rotation: RotationState | null): RotationState {
  const r = requireRotation(rotation);
  if (!r.writable)
    throw new RefusedError(
      `Rotation ${r.rotationId} is ${r.finished ? 'finished' : 'open read-only'}; nothing can be run in it.`,
    );
  return r;
}

/** The running command, when it is the one asked about. */
export function requireRun(running: Running | null, runId: string): Running {
  if (!running || running.info.runId !== runId) throw new RefusedError('That command is not running.');
  return running;
}

/** Reads are listings that change nothing (the command table's read-only class). */
export function requireReadOnly(argv: readonly string[]): void {
  if (!READ_ONLY_COMMANDS.has(argv[1] ?? ''))
    throw new RefusedError(`ibmcloud ${argv.join(' ')} is not a read-only command.`);
}

/** The outcome recorded: "completed" only with the classifier's positive evidence, else what it is. */
export function recordedOutcome(outcome: string, phase: Phase): string {
  return outcome === 'completed' && phase !== 'completed' ? `closed (${phase})` : outcome;
}

/** The journal's record of a cancel; after M1 it is an override of the warning. */
export function cancelDecision(running: Running): JournalEntryInput {
  const { command, m1Seen } = running.info;
  return { kind: 'decision', data: { what: `cancelled ${command}${m1Seen ? ' after M1' : ''}`, override: m1Seen } };
}
