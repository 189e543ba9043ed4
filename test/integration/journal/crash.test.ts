import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, RotationJournal, verifyJournal } from '../../../electron/backend/journal/index.js';
import { bundledChild } from '../child-bundle.js';
import { requireBuilt } from '../require-built.js';

const ID = '20261128T201500Z-c0ffee';
const RUNS = 60;

let dataDir: string;

beforeAll(async () => {
  // The child runs the compiled module, as the packaged app would: built by npm run build, not here.
  requireBuilt('dist/electron/backend/journal/index.js', ['electron/backend/journal', 'electron/backend/secure']);
  dataDir = await mkdtemp(join(tmpdir(), 'mkra-journal-crash-'));
});

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts the child, waits until it reports ready (or not, for early kills), then SIGKILLs it. */
async function runAndKill(how: 'create' | 'resume', delayMs: number, waitReady: boolean): Promise<void> {
  // journal-writer-child.mjs and the built journal module as one file (../child-bundle.ts).
  const child = spawn(process.execPath, [bundledChild('journal-writer-child'), dataDir, ID, how], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  if (waitReady) {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('exit', () => reject(new Error(`child exited before ready: ${stderr}`)));
    });
  }
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  const signal = await exited;
  // A child that died on its own (an exception) is a failure, not a crash we caused.
  expect(signal, stderr).toBe('SIGKILL');
}

describe('journal under SIGKILL', () => {
  // Sixty child processes one after another: generous, so a loaded machine only makes it slower.
  it('always verifies after being killed at arbitrary moments, including mid-write', async () => {
    const path = journalPath(dataDir, ID);
    let tornTails = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const how = existsSync(path) ? 'resume' : 'create';
      // Every fifth run is killed without waiting for ready: during start-up, create or resume.
      await runAndKill(how, (run * 7919) % 60, run % 5 !== 0);
      if (!existsSync(path)) continue;
      const result = await verifyJournal(path);
      expect(result.tamperedAt, `run ${run}: ${result.reason}`).toBeUndefined();
      expect(result.ok, `run ${run}: ${result.reason}`).toBe(true);
      if (result.tornTail) tornTails += 1;
    }
    // The property is only proven for torn writes if some kills actually landed inside one.
    expect(tornTails).toBeGreaterThan(0);

    const { journal } = await RotationJournal.resume(dataDir, ID);
    await journal.append({ kind: 'rotation-finished', data: { outcome: 'crash test done' } });
    await journal.close();
    const final = await verifyJournal(path);
    expect(final).toMatchObject({ ok: true, status: 'ok' });
    const recovered = final.entries.filter((e) => e.kind === 'recovered-torn-tail').length;
    expect(recovered).toBeGreaterThan(0);
    expect(recovered).toBeLessThanOrEqual(tornTails);
    console.info(
      `${RUNS} kills, ${tornTails} torn tails, ${final.entries.length} entries, ${statSync(path).size} bytes`,
    );
  }, 600_000);
});
