/** The simulator state file: written atomically so a kill at any instant leaves a readable state. */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseSimState, type SimState } from '../../../shared/sim/index.js';
import { SIM_STATE_FILE } from '../../../shared/sim/state-schema.js';

export const STATE_FILE = SIM_STATE_FILE;
const STALE_TEMP_MS = 60_000;

/** Write bytes to a temp file, fsync, rename over the target, fsync the directory. */
export function writeFileAtomic(dir: string, name: string, data: string, mode = 0o600): void {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
  fsyncDir(dir);
}

/** Flush a directory entry change (rename, link, unlink) to disk. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Save the state durably in `dir`. */
export function saveState(dir: string, state: SimState): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileAtomic(dir, STATE_FILE, JSON.stringify(state));
}

/** Load the state from `dir`: undefined when none exists, an error message when unreadable. */
export function loadState(dir: string): SimState | undefined | { error: string } {
  removeStaleTemps(dir);
  let text: string;
  try {
    text = readFileSync(join(dir, STATE_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { error: (e as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  const state = parseSimState(json);
  return typeof state === 'string' ? { error: state } : state;
}

// A killed writer leaves its temp file behind; the state file itself is always whole.
function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!/^\..+\.\d+\.tmp$/.test(n)) continue;
    const p = join(dir, n);
    try {
      if (Date.now() - statSync(p).mtimeMs > STALE_TEMP_MS) unlinkSync(p);
    } catch {
      // Another invocation may have renamed or removed it meanwhile.
    }
  }
}
