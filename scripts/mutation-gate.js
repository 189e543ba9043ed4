// Mutation testing in CI (docs/security.md, "Mutation testing"): run Stryker over the safety files,
// incrementally (reports/stryker-incremental.json, committed, holds the last full result, so only
// mutants in changed code or covered by changed tests run again), then judge each mutated file: it
// passes when its score is at least its floor below (100: no mutant survived, none went untested).
// When nothing Stryker would look at has changed since that result, its verdicts are judged without
// starting Stryker (unchangedResult below). Writes test-results/mutation.json for the CI summary and
// prints the score per file. Exit 1 when a file fails or Stryker itself fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const REPORT = join(ROOT, 'reports/mutation/mutation.json');
const OUT = join(ROOT, 'test-results/mutation.json');
const INCREMENTAL = join(ROOT, 'reports/stryker-incremental.json');

/**
 * The lowest mutation score each safety file may have (percent of killed among tested mutants). The
 * goal is 100 everywhere with every equivalent mutant explained where it is (`// Stryker disable`); a
 * file below 100 has known survivors (docs/security.md, "Mutation testing"). Floors only ever rise:
 * raise one when tests kill more, never lower it to make CI pass.
 */
const FLOORS = {
  'electron/backend/journal/verify.ts': 100,
  'electron/backend/reports/signers.ts': 100,
  'electron/backend/reports/verify-signed.ts': 100,
  'electron/backend/rotation/interlocks.ts': 100,
  'shared/classifier/decide.ts': 100,
  'shared/classifier/failures.ts': 100,
  'shared/classifier/forbidden.ts': 100,
  'shared/classifier/level-advice.ts': 100,
  'shared/classifier/recover-advice.ts': 100,
  'shared/classifier/self-check.ts': 100,
};

/** Statuses that mean a test noticed the mutant. */
const DETECTED = new Set(['Killed', 'Timeout']);
/** Statuses that mean no test noticed it (Ignored mutants are the equivalent ones, each explained in the code). */
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/**
 * What a recorded Stryker result depends on beyond the sources and tests it holds itself: the
 * configuration, the test runner's file list and the installed versions. Written beside the
 * incremental file after a run that passed; `reports/mutation-baseline.json` is committed with it.
 */
const BASELINE = join(ROOT, 'reports/mutation-baseline.json');
const INPUTS = [
  'stryker.config.mjs',
  'vitest.mutation.config.ts',
  'package-lock.json',
  'reports/stryker-incremental.json',
];
const digest = (path) =>
  existsSync(join(ROOT, path))
    ? createHash('sha256')
        .update(readFileSync(join(ROOT, path)))
        .digest('hex')
    : null;
const currentInputs = () => Object.fromEntries(INPUTS.map((path) => [path, digest(path)]));

/**
 * The recorded result, when Stryker's incremental mode would reuse every verdict in it: the same
 * configuration and versions, and every mutated file and every test file it ran byte for byte as
 * recorded (the same checks Stryker makes, without its dry run of the tests, which the unit step
 * has just run). Otherwise the reason Stryker must run.
 */
function unchangedResult() {
  if (process.argv.length > 2) return { why: 'arguments were given' };
  if (!existsSync(BASELINE) || !existsSync(INCREMENTAL)) return { why: 'no recorded result' };
  const recorded = JSON.parse(readFileSync(BASELINE, 'utf8')).inputs ?? {};
  const now = currentInputs();
  const changedInput = INPUTS.find((path) => recorded[path] !== now[path]);
  if (changedInput) return { why: `${changedInput} changed since the recorded result` };
  const result = JSON.parse(readFileSync(INCREMENTAL, 'utf8'));
  const sources = { ...result.files, ...result.testFiles };
  const current = (path) => (existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : null);
  const changedFile = Object.keys(sources).find((path) => sources[path].source !== current(path));
  if (changedFile) return { why: `${changedFile} changed since the recorded result` };
  return { report: result };
}

let report;
let runStatus = 0;
const unchanged = unchangedResult();
if (unchanged.report) {
  report = unchanged.report;
  console.log(
    'mutation: every safety file, every test that judged its mutants and the configuration are as in the recorded ' +
      "result (reports/stryker-incremental.json): its verdicts stand, as Stryker's incremental run would reuse them " +
      'all; `npm run mutation` runs Stryker',
  );
} else {
  console.log(`mutation: running Stryker (${unchanged.why})`);
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', ...process.argv.slice(2)],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (run.status !== 0 && !existsSync(REPORT)) {
    console.error(`mutation: Stryker failed (exit ${run.status ?? run.signal}) and wrote no report`);
    process.exit(1);
  }
  runStatus = run.status;
  report = JSON.parse(readFileSync(REPORT, 'utf8'));
}
const rows = [];
for (const [path, file] of Object.entries(report.files ?? {})) {
  const count = (set) => file.mutants.filter((m) => set.has(m.status)).length;
  const detected = count(DETECTED);
  const undetected = count(UNDETECTED);
  const broken = file.mutants.filter((m) => m.status === 'CompileError' || m.status === 'RuntimeError').length;
  const ignored = file.mutants.filter((m) => m.status === 'Ignored').length;
  const survivors = file.mutants
    .filter((m) => UNDETECTED.has(m.status))
    .map((m) => `${m.location.start.line}:${m.location.start.column} ${m.mutatorName} (${m.status})`);
  const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  rows.push({ path, detected, undetected, broken, ignored, score, survivors });
}
rows.sort((a, b) => a.path.localeCompare(b.path));
for (const r of rows) {
  console.log(
    `mutation: ${r.score.toFixed(2).padStart(6)} %  ${r.path}  (${r.detected} killed, ${r.undetected} undetected, ${r.ignored} equivalent, ${r.broken} not compiling)`,
  );
  for (const s of r.survivors) console.log(`  survived: ${r.path}:${s}`);
}
const total = rows.reduce((t, r) => ({ d: t.d + r.detected, u: t.u + r.undetected }), { d: 0, u: 0 });
const below = (r) => r.score + 1e-9 < (FLOORS[r.path] ?? 100);
for (const r of rows.filter(below))
  console.log(`mutation: FAIL ${r.path}: ${r.score.toFixed(2)} % is below its floor of ${FLOORS[r.path] ?? 100} %`);
const failedFiles = rows.filter(below).length;
console.log(
  `mutation: ${total.d} mutants killed, ${total.u} undetected over ${rows.length} safety files; score ${((100 * total.d) / Math.max(1, total.d + total.u)).toFixed(2)} %`,
);
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
writeFileSync(
  OUT,
  JSON.stringify(
    { passed: rows.length - failedFiles, failed: failedFiles + (rows.length === 0 ? 1 : 0), files: rows },
    null,
    2,
  ),
);
const failed = failedFiles > 0 || rows.length === 0 || runStatus !== 0;
// A run that passed records what its result rests on, so the next unchanged tree can reuse it.
if (!failed && !unchanged.report && process.argv.length <= 2) {
  writeFileSync(BASELINE, `${JSON.stringify({ inputs: currentInputs() }, null, 2)}\n`);
}
process.exit(failed ? 1 : 0);
