// `npm run bench`: measures the speed and size targets of every capability and prints a table.
// Numbers are recorded in notes, never asserted in tests (machines here are shared and noisy).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchClassifier, benchJournalAndRunner, benchSimulator } from './bench/backend.js';
import { benchAdvisor } from './bench/advisor.js';
import { benchRenderer } from './bench/renderer.js';

const root = new URL('..', import.meta.url).pathname;
const suites = [
  ['renderer', benchRenderer],
  ['advisor', benchAdvisor],
  ['simulator', benchSimulator],
  ['classifier', benchClassifier],
  ['journal-runner', benchJournalAndRunner],
];
const only = process.argv.slice(2);
const results = [];
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  process.stdout.write(`bench ${name}...\n`);
  for (const row of await run(root)) {
    results.push({ suite: name, ...row });
    console.log(`  ${row.name}: ${row.value}  (target ${row.target})`);
  }
}
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
