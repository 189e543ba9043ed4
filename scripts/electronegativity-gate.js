// Electron security static analysis gate. Electronegativity always exits 0, so this script runs
// it on the built app (dist/, without the command-line bundles), reads its SARIF, and fails on any
// finding not reviewed and accepted in build/electronegativity-allow.json. Writes
// test-results/security.json for the CI summary.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const sarifPath = join(out, 'electronegativity.sarif');
if (!existsSync(join(root, 'dist', 'electron', 'main', 'window.js'))) {
  console.error('electronegativity-gate: dist/ is not built; run npm run build first');
  process.exit(2);
}
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
// What the Electron host loads: the main process, preload and backend (dist/electron, dist/shared)
// and the renderer. dist/bin holds the two command-line programs, run by plain Node and never
// loaded by Electron; they bundle the same sources again with their libraries (3 of dist's 5.5 MB),
// which only doubled the analysis time. The app's part is staged as hard links, so findings keep
// their paths relative to dist/ (as build/electronegativity-allow.json names them).
const APP_PARTS = ['electron', 'preload', 'renderer', 'shared'];
const staged = join(out, 'electronegativity-input');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
for (const part of APP_PARTS) {
  const from = join(root, 'dist', part);
  if (!existsSync(from)) {
    console.error(`electronegativity-gate: dist/${part} is missing; run npm run build first`);
    process.exit(2);
  }
  const copy = spawnSync('cp', ['-al', from, join(staged, part)], { encoding: 'utf8' });
  if (copy.status !== 0) cpSync(from, join(staged, part), { recursive: true });
}
const run = spawnSync(
  join(root, 'node_modules', '.bin', 'electronegativity'),
  ['-i', staged, '-r', '-e', electronVersion, '-o', sarifPath],
  {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--require ${join(root, 'scripts', 'no-network.cjs')}` },
    timeout: 300_000,
  },
);
if (run.status !== 0 || !existsSync(sarifPath)) {
  console.error(`electronegativity-gate: the analyser did not run (exit ${run.status}): ${run.stderr}`);
  process.exit(2);
}
const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
const allow = JSON.parse(readFileSync(join(root, 'build', 'electronegativity-allow.json'), 'utf8')).accepted;
const findings = sarif.runs
  .flatMap((r) => r.results ?? [])
  .map((r) => ({
    rule: r.ruleId,
    level: r.level,
    file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? 'N/A',
    line: r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
    message: r.message?.text ?? '',
  }));
const rejected = findings.filter((f) => !allow.some((a) => a.rule === f.rule && a.file === f.file));
for (const f of findings) {
  const verdict = rejected.includes(f) ? 'FAIL    ' : 'accepted';
  console.log(`${verdict} ${f.rule} ${f.file}:${f.line} ${f.message}`);
}
const checks = new Set(sarif.runs.flatMap((r) => r.tool?.driver?.rules ?? []).map((r) => r.id)).size;
console.log(
  `electronegativity: ${findings.length} finding(s), ${rejected.length} not accepted, ${checks} checks known`,
);
writeFileSync(
  join(out, 'security.json'),
  JSON.stringify(
    { passed: rejected.length === 0 ? 1 : 0, failed: rejected.length === 0 ? 0 : 1, findings, rejected },
    null,
    2,
  ),
);
process.exit(rejected.length === 0 ? 0 : 1);
