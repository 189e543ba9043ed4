// Run npm scripts side by side (`node scripts/run-parallel.js typecheck lint`): npm test's static
// checks are each mostly single-threaded, so on two cores they take about half the sum of their
// times instead of the sum. At most one script per core runs at a time, started in the order given
// (name the longest first): five at once on two cores took a third more CPU than one after another
// (each tool's threads and heap fighting the others') and ended later than two queues do.
// Each script's output is held and printed whole when it ends, so the logs do not interleave.
// Exits 1 when any script fails (after all have ended), naming the ones that did.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node scripts/run-parallel.js <npm script> [<npm script> ...]');
  process.exit(2);
}

/** Run `npm run -s <name>`; resolves with its exit code once its output has been printed. */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '-s', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (e) => chunks.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code, signal) => {
      const status = code ?? 1;
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(
        `\n> npm run ${name}: ${status === 0 ? 'ok' : `failed (${signal ?? status})`}, ${seconds} s\n`,
      );
      process.stdout.write(Buffer.concat(chunks));
      resolve(status);
    });
  });
}

const codes = new Array(names.length);
let next = 0;
/** One queue: takes the next script not yet started until none is left. */
async function queue() {
  while (next < names.length) {
    const index = next++;
    codes[index] = await run(names[index]);
  }
}
await Promise.all(Array.from({ length: Math.min(availableParallelism(), names.length) }, queue));
const failed = names.filter((_, i) => codes[i] !== 0);
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(', ')}`);
  process.exit(1);
}
