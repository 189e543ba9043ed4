// `npm run bench`: measures the speed and size targets of every capability and prints a table, each
// row with its target and a mark (✓ met, ✗ missed, · reported only). Ratios are taken against a
// baseline measured in the same run (a bare `node -e 0`, a bare Chromium page), so they hold on a
// busy machine. Numbers are recorded in notes, never asserted in tests (machines here are shared).
// `node scripts/bench.js SUITE...` runs only the suites named.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAdvisor } from './bench/advisor.js';
import { benchClassifier, benchJournalAndRunner, benchSimulator } from './bench/backend.js';
import { benchRenderer } from './bench/renderer.js';
import { benchStartup } from './bench/startup.js';

const root = new URL('..', import.meta.url).pathname;
const suites = [
  ['startup', benchStartup],
  ['renderer', benchRenderer],
  ['advisor', benchAdvisor],
  ['simulator', benchSimulator],
  ['classifier', benchClassifier],
  ['journal-runner', benchJournalAndRunner],
];

/** true when `value` meets a target written `< N`, `<= N`, `> N` or `>= N` (unit after N); null when only reported. */
export function meets(value, target) {
  const m = /^\s*(<=|>=|<|>)\s*(-?[\d.]+)/.exec(target);
  if (m === null) return null;
  const limit = Number(m[2]);
  return { '<': value < limit, '<=': value <= limit, '>': value > limit, '>=': value >= limit }[m[1]];
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !suites.some(([s]) => s === name));
if (unknown.length > 0) {
  console.error(`unknown suite: ${unknown.join(', ')} (suites: ${suites.map(([s]) => s).join(', ')})`);
  process.exit(2);
}
const results = [];
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  process.stdout.write(`bench ${name}...\n`);
  for (const row of await run(root)) {
    const pass = meets(row.value, row.target);
    results.push({ suite: name, ...row, pass });
    console.log(`  ${pass === null ? '·' : pass ? '✓' : '✗'} ${row.name}: ${row.value}  (target ${row.target})`);
  }
}
const judged = results.filter((r) => r.pass !== null);
const missed = judged.filter((r) => !r.pass);
console.log(
  `\n${judged.length - missed.length} of ${judged.length} targets met${missed.length ? `; missed: ${missed.map((r) => r.name.split(':')[0]).join('; ')}` : ''}`,
);
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(
  join(root, 'bench-results', 'latest.json'),
  JSON.stringify({ at: new Date().toISOString(), results }, null, 2),
);
