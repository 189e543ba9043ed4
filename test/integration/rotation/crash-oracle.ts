/**
 * What the simulated hardware itself says, for the crash campaign: how far the rotation really got
 * (from the simulator's state file, not from any transcript), which phases fit that, and which
 * commands would lose keys if run now: each is run in memory on a copy of the state, with the
 * workstation's real key files, and a command is destructive when keys are lost after it.
 */
import { join } from 'node:path';
import type { Phase } from '../../../shared/classifier/types.js';
import { countAllKeys, runInProcess, type SimState } from '../../../shared/sim/index.js';
import { NodeWorkstation } from '../../../electron/cli/sim/key-files.js';
import { loadState } from '../../../electron/cli/sim/state-store.js';

export type Level = 'untouched' | 'staged' | 'rewrapping' | 'rewrapped' | 'partial' | 'done';

/** The phases that fit a hardware level; `indeterminate` (read first) always does. */
export const PHASES_FOR: Record<Level, readonly Phase[]> = {
  untouched: ['no-rotation', 'failed-before-new-key', 'precheck-failed'],
  // A new key loaded or committed, no key wrapped under it: starting over or going on both lose nothing.
  staged: ['no-rotation', 'failed-before-new-key', 'precheck-failed', 'rewrap-interrupted'],
  rewrapping: ['rewrap-interrupted'],
  rewrapped: ['rewrap-interrupted', 'rewrap-complete'],
  partial: ['partially-promoted'],
  // Every unit promoted and selected: completed, or a partial promotion's recovery whose read-only
  // check (cryptounit-compare) is still due (see checkAgainstHardware).
  done: ['completed', 'partially-promoted'],
};

/** Register commands the simulator implements that could change what key storage depends on. */
const ORACLE_COMMANDS = [
  'auto-mk-rotate',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'cryptounit-mk-rotate',
  'cryptounit-mk-setimm',
  'cryptounit-mk-clrnew',
];

export function readSimState(simDir: string): SimState {
  const state = loadState(simDir);
  if (state === undefined || 'error' in state) throw new Error(`simulator state unreadable in ${simDir}`);
  return state;
}

/** The current master key value every unit started with. */
export function originalValue(state: SimState): string {
  return state.instances[0]?.units[0]?.current.value ?? '';
}

/** How far the rotation of the (only) instance really is. */
export function hardwareLevel(state: SimState, original: string): Level {
  const inst = state.instances[0];
  if (!inst) throw new Error('no instance');
  const promoted = inst.units.filter((u) => u.current.value !== original).length;
  // Units a partial promotion's recovery deselected must be selected again before it is over.
  if (promoted === inst.units.length) {
    return inst.units.every((u) => state.selectedUnits.includes(u.num)) ? 'done' : 'partial';
  }
  if (promoted > 0) return 'partial';
  const value = inst.units.find((u) => u.new.state !== 'Empty')?.new.value;
  if (value === undefined) return 'untouched';
  const under = inst.keystore.filter((s) => s.wrap === value).reduce((n, s) => n + s.count, 0);
  const usable = inst.keystore.filter((s) => s.wrap !== null).reduce((n, s) => n + s.count, 0);
  if (under === 0) return 'staged';
  return under < usable ? 'rewrapping' : 'rewrapped';
}

/** Registers, selection and key storage: the state the advisor's advice must change. */
export function fingerprint(state: SimState): string {
  const instances = state.instances.map((i) => [i.units.map((u) => [u.current, u.new]), i.keystore]);
  return JSON.stringify([state.selectedUnits, instances]);
}

function answerer(): (pending: string) => string | undefined {
  let part = 0;
  return (pending) => {
    const p = pending.toLowerCase();
    if (p.includes('password')) return 'passw0rd';
    if (p.includes('(y/n)')) return 'y';
    if (p.includes('instance num')) return '1';
    if (p.includes('number of master key parts')) return '2';
    if (p.includes('keynum')) return String(++part);
    return undefined;
  };
}

/** The commands that would lose keys if run to their end in this state (typed as the CLI takes them). */
export async function destructiveCommands(simDir: string): Promise<string[]> {
  const state = readSimState(simDir);
  const lostBefore = countAllKeys(state).lost;
  const ws = new NodeWorkstation(join(simDir, 'tkefiles'));
  const out: string[] = [];
  for (const command of ORACLE_COMMANDS) {
    const sim = { state: structuredClone(state), ws, now: () => Date.now() };
    await runInProcess(sim, ['tke', command], { answers: answerer() });
    if (countAllKeys(sim.state).lost > lostBefore) out.push(`ibmcloud tke ${command}`);
  }
  return out;
}
