// Sum the JSON reports of every test runner (Vitest projects, Playwright, mutation, the security gate)
// into the one line CI reads: "N passed, N failed". A failed npm test with no failed test
// counted (e.g. typecheck or lint stopped it) still counts as one failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../test-results', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
/** Wall time of each runner, from its own report, printed before the summary line. */
const durations = [];
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const files = existsSync(dir) ? readdirSync(dir) : [];
for (const name of files.filter((f) => /^vitest-.*\.json$/.test(f))) {
  const report = read(name);
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const ends = (report.testResults ?? []).map((r) => r.endTime ?? 0);
  if (report.startTime && ends.length > 0)
    durations.push(`${name.replace(/\.json$/, '')} ${Math.round((Math.max(...ends) - report.startTime) / 1000)} s`);
}
if (files.includes('playwright.json')) {
  const stats = read('playwright.json').stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
  if (stats.duration) durations.push(`playwright ${Math.round(stats.duration / 1000)} s`);
}
// Mutation testing: one result per safety file (passed when no mutant survived).
if (files.includes('mutation.json')) {
  const report = read('mutation.json');
  passed += report.passed ?? 0;
  failed += report.failed ?? 0;
}
if (files.includes('security.json')) {
  const report = read('security.json');
  passed += report.passed ?? 0;
  failed += report.failed ?? 0;
}
const status = Number(process.argv[2] ?? 0);
if (status !== 0 && failed === 0) failed = 1;
if (durations.length > 0) console.log(`Runner times: ${durations.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
