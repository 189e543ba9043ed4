// The build, with a record of what it was built from. `node scripts/build.js` runs the three
// builds (node side, preload, renderer) and then writes dist/.build-inputs: a SHA-256 over every
// file the build could read (the whole tree but dist/, node_modules/ and generated output, plus the
// installed lock file and Node's version), taken before the build started.
// `node scripts/build.js --if-stale` (what `npm test` runs) skips the build when that record matches
// the tree as it is now: `npm ci` has just built the same files (its `prepare` step), and a second
// identical build is a quarter of a minute of CPU on a 2-core machine. Any change to any file, even a
// test or a doc, makes the record stale and the build runs; no record, no skip.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Generated or installed: never an input of the build (node_modules is covered by the lock file).
const SKIP = new Set([
  '.git',
  'node_modules',
  'dist',
  'out',
  'release',
  'test-results',
  'playwright-report',
  'bench-results',
  'reports',
  '.stryker-tmp',
]);
// Two chains side by side on the two cores (about 8 s instead of 9 one after another here: each
// step already uses both cores part of the time): the node side (tsc, then the CLI and simulator
// bundles, then the simulator's code cache) and the browser side. No step of one chain reads what
// the other writes.
const CHAINS = [['build:node'], ['build:preload', 'build:renderer']];

/** Every file under `dir` but the skipped directories, as paths relative to `top`. */
function files(top, dir = top, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.vitest-') || entry.name.endsWith('.tsbuildinfo')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files(top, path, out);
    else if (entry.isFile()) out.push(relative(top, path));
  }
  return out;
}

/** The digest of the build's inputs in the tree at `top` (the repository by default) as they are now. */
export function inputsDigest(top = root) {
  const hash = createHash('sha256').update(`node ${process.version}\n`);
  const lock = join(top, 'node_modules', '.package-lock.json');
  if (existsSync(lock)) hash.update('installed\0').update(readFileSync(lock)).update('\0');
  for (const path of files(top).sort())
    hash
      .update(path)
      .update('\0')
      .update(readFileSync(join(top, path)))
      .update('\0');
  return hash.digest('hex');
}

/**
 * Build the tree at `top` and record its inputs; with `ifStale`, skip when the record matches.
 * Resolves to the exit code: 1, and no record, when any step fails. (`top` and `chains` are
 * parameters for the tests; the command line builds this repository.)
 */
export async function build({ top = root, chains = CHAINS, ifStale = false } = {}) {
  const record = join(top, 'dist', '.build-inputs');
  const digest = inputsDigest(top);
  if (ifStale && existsSync(record) && readFileSync(record, 'utf8').trim() === digest) {
    console.log('build: dist/ was built from exactly these files (dist/.build-inputs); not building again');
    return 0;
  }
  rmSync(record, { force: true });
  const results = await Promise.all(chains.map((steps) => runChain(steps, top)));
  if (results.includes(false)) return 1;
  mkdirSync(dirname(record), { recursive: true });
  writeFileSync(record, `${digest}\n`);
  return 0;
}

/** Runs `npm run <step>` for each step in turn, until one fails; its output is printed whole. */
async function runChain(steps, cwd) {
  for (const step of steps) {
    const { status, output } = await new Promise((resolve) => {
      const child = spawn('npm', ['run', '--silent', step], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks = [];
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
      child.on('error', (e) => chunks.push(Buffer.from(`${e.message}\n`)));
      child.on('close', (code, signal) => resolve({ status: code ?? signal ?? 1, output: Buffer.concat(chunks) }));
    });
    process.stdout.write(output);
    if (status !== 0) {
      console.error(`build: npm run ${step} failed (${status})`);
      return false;
    }
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = await build({ ifStale: process.argv.includes('--if-stale') });
