import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BIN = join(ROOT, 'bin/ibmcloud-sim.js');
const ENTRY = join(ROOT, 'dist/electron/cli/ibmcloud-sim.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (name.endsWith('.ts')) newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

/** Build dist/ when the simulator sources are newer than the compiled entry. */
export function ensureBuilt(): void {
  const built = (() => {
    try {
      return statSync(ENTRY).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const src = Math.max(newestMtime(join(ROOT, 'shared')), newestMtime(join(ROOT, 'electron/cli')));
  if (src <= built) return;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // Other folders may be mid-edit; tsc still emits, and the tests below catch a broken simulator.
  }
}

export interface SimDirs {
  dir: string;
  keyFiles: string;
  env: NodeJS.ProcessEnv;
  cleanup: () => void;
}

/** Fresh temp directories for MKRA_SIM_DIR and CLOUDTKEFILES, time scale 0. */
export function simDirs(scale = '0'): SimDirs {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-sim-'));
  const keyFiles = join(dir, 'files');
  const env: NodeJS.ProcessEnv = { ...process.env, MKRA_SIM_DIR: dir, CLOUDTKEFILES: keyFiles, MKRA_SIM_TIME_SCALE: scale };
  delete env.MKRA_SIM_FAULT;
  return { dir, keyFiles, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the executable with piped stdin (all answers written up front). */
export function runSim(args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}
