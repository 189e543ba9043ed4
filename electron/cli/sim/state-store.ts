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
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseSimState, type SimState } from '../../../shared/sim/index.js';
import { SIM_STATE_FILE } from '../../../shared/sim/state-schema.js';

export const STATE_FILE = SIM_STATE_FILE;
const STALE_TEMP_MS = 60_000;
/**
 * Beside the state file: the exact text of the last state this simulator wrote or found valid. A load
 * that reads the same text again skips the schema check, which costs about 14 ms of a 110 ms start
 * (zod builds its checks on first use in every process); any other text is checked. A missing or
 * torn copy only costs that check, so it is written without fsync.
 */
const CHECKED_FILE = `.${STATE_FILE}.checked`;

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
  const text = JSON.stringify(state);
  writeFileAtomic(dir, STATE_FILE, text);
  rememberChecked(dir, text);
}

/** Record `text` as a valid state's exact text (best effort: a failure only costs a later check). */
function rememberChecked(dir: string, text: string): void {
  try {
    writeFileSync(join(dir, CHECKED_FILE), text, { mode: 0o600 });
  } catch {
    // Read-only or full: the next load checks the state, as without this copy.
  }
}

/** The text last recorded as valid, or undefined. */
function checkedText(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, CHECKED_FILE), 'utf8');
  } catch {
    return undefined;
  }
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
  // The same text as a state already checked (or written from one) parses to the same valid state.
  if (text === checkedText(dir)) return json as SimState;
  const state = parseSimState(json);
  if (typeof state === 'string') return { error: state };
  // Only a text the schema kept whole is recorded: one with keys it strips must be checked each time.
  if (JSON.stringify(state) === text) rememberChecked(dir, text);
  return state;
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
