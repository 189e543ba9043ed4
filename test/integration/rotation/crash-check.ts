/**
 * The checks the crash campaign makes after every kill, with the app restarted on the data the dead
 * backend left: the journal verifies (a torn tail is allowed), a mutating command that was in flight
 * makes the registers the first thing read, no classification on the way lets through a command that
 * would lose keys on the hardware as it really is, the phase fits the hardware (or is indeterminate),
 * the advice never repeats in the same hardware state, and following it reaches `completed` with no
 * key lost (`ibmcloud-sim sim status --json`).
 */
import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { Classification, Phase } from '../../../shared/classifier/types.js';
import type { RotationSnapshot } from '../../../shared/rotation/types.js';
import { journalPath, journalsDir, verifyJournal, type JournalEntry } from '../../../electron/backend/journal/index.js';
import { forbiddenReason, isMutating } from '../../../electron/backend/rotation/interlocks.js';
import { argvOf, type Harness } from './harness.js';
import { destructiveCommands, fingerprint, hardwareLevel, PHASES_FOR, readSimState } from './crash-oracle.js';

export const READ_REGISTERS = 'ibmcloud tke cryptounit-mk';

export interface Checked {
  journals: number;
  torn: number;
  phases: Phase[];
  followed: string[];
}

/** The command that was started and never seen to end, if any. */
export function inFlight(entries: readonly JournalEntry[]): string[] | null {
  const started = entries.findLastIndex((e) => e.kind === 'command-started');
  const entry = entries[started];
  if (entry?.kind !== 'command-started') return null;
  return entries.slice(started).some((e) => e.kind === 'command-finished') ? null : entry.data.argv;
}

/** Verify the journal as the dead backend left it. */
export async function verifyLeftJournal(
  dataDir: string,
  rotationId: string,
): Promise<{ entries: JournalEntry[]; torn: boolean }> {
  const verification = await verifyJournal(journalPath(dataDir, rotationId));
  expect(verification.ok, verification.reason).toBe(true);
  expect(verification.tamperedAt).toBeUndefined();
  return { entries: verification.entries, torn: verification.tornTail !== undefined };
}

/**
 * One classification against the hardware: never lets through a command that would lose keys, and
 * names a phase that fits how far the rotation really is (or says indeterminate).
 */
export async function checkAgainstHardware(
  c: Classification,
  simDir: string,
  original: string,
  label: string,
): Promise<void> {
  for (const command of await destructiveCommands(simDir)) {
    const refusal = forbiddenReason(c, argvOf(command));
    expect(refusal, `${label}: ${command} would lose keys, yet ${c.phase} allows it`).not.toBeNull();
    expect(
      c.next.map((n) => n.command),
      `${label}: advised ${command}`,
    ).not.toContain(command);
  }
  const level = hardwareLevel(readSimState(simDir), original);
  // A phase whose first advice is to read the registers is provisional, as indeterminate is (what it
  // would allow is checked above); `completed` never is.
  if (c.phase === 'indeterminate' || (c.next[0]?.command === READ_REGISTERS && c.phase !== 'completed')) return;
  expect(PHASES_FOR[level], `${label}: phase ${c.phase} on hardware ${level}`).toContain(c.phase);
  // On finished hardware a partial promotion's recovery may only have its read-only check left.
  if (level === 'done' && c.phase === 'partially-promoted') {
    expect(
      c.next.filter((n) => isMutating(argvOf(n.command))),
      label,
    ).toEqual([]);
  }
}

/** After a restart with a command in flight: a command that changes registers means reading them first. */
export function checkReadFirst(c: Classification, flying: string[] | null, label: string): void {
  if (!flying || !isMutating(flying)) return;
  expect(c.next[0]?.command, `${label}: ${flying.join(' ')} was in flight`).toBe(READ_REGISTERS);
}

/** cryptounit-mk-load asks for its parts in one answer; the harness's defaults answer the rest. */
function answersFor(argv: string[]): Parameters<Harness['runToExit']>[1] {
  return argv[1] === 'cryptounit-mk-load' ? { keys: () => '1 2' } : {};
}

/** The command that begins the flow, for a restart that finds nothing begun. */
export function firstCommand(flow: 'auto' | 'keyparts'): string {
  return flow === 'auto' ? 'ibmcloud tke auto-mk-rotate' : 'ibmcloud tke cryptounit-mk-load';
}

/**
 * Follow the advisor from `snap`, checking each classification against the hardware and that the
 * same advice never comes twice in the same hardware state; ends at `completed` with nothing lost.
 */
export async function followChecked(
  h: Harness,
  from: RotationSnapshot,
  flow: 'auto' | 'keyparts',
  original: string,
  label: string,
): Promise<{ phases: Phase[]; followed: string[] }> {
  let snap = from;
  const seen = new Set<string>();
  const phases: Phase[] = [];
  const followed: string[] = [];
  for (let step = 0; step < 12 && snap.classification.phase !== 'completed'; step++) {
    const c = snap.classification;
    phases.push(c.phase);
    await checkAgainstHardware(c, h.simDir, original, label);
    // Nothing begun (auto flow): the administrator starts the rotation itself.
    const begin = c.phase === 'no-rotation' && !followed.includes(firstCommand(flow)) ? firstCommand(flow) : undefined;
    const command = c.next[0]?.command ?? begin;
    expect(command, `${label}: no advice in ${c.phase} (${c.stop ?? ''})`).toBeDefined();
    const key = `${fingerprint(readSimState(h.simDir))}|${command}`;
    expect(seen.has(key), `${label}: ${command} advised twice in the same hardware state`).toBe(false);
    seen.add(key);
    followed.push(command ?? '');
    snap = await h.runToExit(argvOf(command ?? ''), answersFor(argvOf(command ?? '')));
  }
  phases.push(snap.classification.phase);
  await checkAgainstHardware(snap.classification, h.simDir, original, label);
  expect(snap.classification.phase, `${label}: ${followed.join(' -> ')}`).toBe('completed');
  expect(h.keystore(), label).toMatchObject({ lost: 0 });
  return { phases, followed };
}

/** Journal files of the data directory (temporary files of an unfinished create are not journals). */
export function journalFiles(dataDir: string): string[] {
  try {
    return readdirSync(journalsDir(dataDir)).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return [];
  }
}
