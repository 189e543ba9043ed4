/**
 * Tests that run compiled code in a child process (as the packaged app runs it) use dist/ as
 * `npm run build` (or `npm run build:node`) left it; they never build it themselves. This refuses
 * to start when the compiled entry is missing or older than the sources it is built from, so a
 * stale build is never tested by mistake.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The most recently modified file ending in `ext` under `dir` (mtime 0 when there is none). */
function newest(dir: string, ext: string): { path: string; mtime: number } {
  let found = { path: '', mtime: 0 };
  let names: string[];
  try {
    names = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' });
  } catch {
    return found;
  }
  for (const name of names) {
    if (!name.endsWith(ext)) continue;
    const mtime = statSync(join(ROOT, dir, name)).mtimeMs;
    if (mtime > found.mtime) found = { path: join(dir, name), mtime };
  }
  return found;
}

/**
 * Throws, saying what to run, unless `entry` (relative to the root) exists, is newer than every
 * TypeScript source under `sources`, and no source directory has a file newer than the newest file
 * compiled from it under dist/.
 */
export function requireBuilt(entry: string, sources: readonly string[]): void {
  let built: number;
  try {
    built = statSync(join(ROOT, entry)).mtimeMs;
  } catch {
    throw new Error(`${entry} is not built: run npm run build:node before the integration tests.`);
  }
  for (const dir of sources) {
    const source = newest(dir, '.ts');
    // A bundle (dist/bin) is one file built from every source: it must be newer than each of them.
    if (source.mtime > built)
      throw new Error(`${entry} is older than ${source.path}: run npm run build:node before the integration tests.`);
    if (source.mtime > newest(join('dist', dir), '.js').mtime) {
      throw new Error(`dist/${dir} is older than ${source.path}: run npm run build:node before the integration tests.`);
    }
  }
}
