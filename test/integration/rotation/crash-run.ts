/** Runs the crash campaign's backend child (crash-child.mjs, bundled) and waits for what it leaves running. */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { bundledChild } from '../child-bundle.js';

export type How = 'before' | 'torn' | 'after';

/** Where the child kills itself: the n-th journal entry of `kind` (whose data contains `match`). */
export interface KillSpec {
  kind: string;
  n: number;
  how: How;
  match?: string;
}

export interface ChildPlan {
  mode: 'run' | 'resume';
  flow?: 'auto' | 'keyparts';
  /** MKRA_SIM_FAULT for the first rotation command (auto-mk-rotate or cryptounit-mk-rotate). */
  fault?: string;
  /** The simulator's time scale (real durations x scale). */
  scale: string;
  /** Whether the simulator dies with its terminal (SIGHUP) or goes on unseen. */
  sim: 'dies' | 'survives';
  point?: KillSpec & { label: string };
}

export interface ChildResult {
  killedAt: string | null;
  donePhase: string | null;
  signal: NodeJS.Signals | null;
  simPids: number[];
  stderr: string;
}

/**
 * Run the child to its end: its own SIGKILL at the armed point, or the end of its plan. It runs
 * bundled (../child-bundle.ts): crash-child.mjs and the built backend as one file.
 */
export function runChild(dataDir: string, plan: ChildPlan): Promise<ChildResult> {
  const child = spawn(process.execPath, [bundledChild('crash-child'), dataDir, JSON.stringify(plan)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (_code, signal) => {
      const lines = out.split('\n');
      const field = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length) ?? null;
      const simPids = lines.filter((l) => l.startsWith('SIMPID ')).map((l) => Number(l.slice(7)));
      const paceDir = field('PACEDIR ');
      if (paceDir) rmSync(paceDir, { recursive: true, force: true });
      resolve({ killedAt: field('KILLED '), donePhase: field('DONE '), signal, simPids, stderr });
    });
  });
}

function alive(pid: number): boolean {
  try {
    // A zombie (exited, not yet reaped by whoever inherited it) has finished all it will do; a
    // process that is no simulator took over a recycled pid.
    if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ibmcloud-sim');
  } catch {
    return false;
  }
}

/**
 * Wait until the simulators the child started have exited: killed with their terminal, or at the
 * end of what they went on to do. Polls without any time limit of its own (the test's timeout is
 * the limit), so a slow machine only makes this slower.
 */
export async function waitGone(pids: readonly number[]): Promise<void> {
  while (pids.some(alive)) await new Promise((resolve) => setTimeout(resolve, 50));
}
