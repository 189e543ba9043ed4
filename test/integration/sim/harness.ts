import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireBuilt } from '../require-built.js';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BIN = join(ROOT, 'bin/ibmcloud-sim.js');

/**
 * The simulator bundle must be built and newer than its sources (npm test builds once before the
 * suite); a test never builds it, which would be slow under load and race other tests reading dist/.
 */
export function ensureBuilt(): void {
  requireBuilt('dist/bin/ibmcloud-sim.cjs', ['shared', 'electron/cli']);
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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MKRA_SIM_DIR: dir,
    CLOUDTKEFILES: keyFiles,
    MKRA_SIM_TIME_SCALE: scale,
  };
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
