import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath, RotationJournal, verifyJournal } from '../../../electron/backend/journal/index.js';
import { bundledChild } from '../child-bundle.js';
import { requireBuilt } from '../require-built.js';

/**
 * Three journals, each killed twenty times in a row: every kill after the first lands on a journal
 * resumed after the last (torn tails included), and each journal's first run is killed during its
 * creation. One journal killed sixty times grew to 4 MB, which every resume and check read again.
 */
const IDS = ['20261128T201500Z-c0ffee', '20261128T201500Z-c0ffef', '20261128T201500Z-c0fff0'];
const RUNS_EACH = 20;

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
async function runAndKill(id: string, how: 'create' | 'resume', delayMs: number, waitReady: boolean): Promise<void> {
  // journal-writer-child.mjs and the built journal module as one file (../child-bundle.ts).
  const child = spawn(process.execPath, [bundledChild('journal-writer-child'), dataDir, id, how], {
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
    let tornTails = 0;
    let recovered = 0;
    let entries = 0;
    let bytes = 0;
    for (const [journalIndex, id] of IDS.entries()) {
      const path = journalPath(dataDir, id);
      let torn = 0;
      for (let each = 0; each < RUNS_EACH; each += 1) {
        const run = journalIndex * RUNS_EACH + each;
        const how = existsSync(path) ? 'resume' : 'create';
        // Every fifth run is killed without waiting for ready: during start-up, create or resume.
        await runAndKill(id, how, (run * 7919) % 60, each % 5 !== 0);
        if (!existsSync(path)) continue;
        const result = await verifyJournal(path);
        expect(result.tamperedAt, `run ${run}: ${result.reason}`).toBeUndefined();
        expect(result.ok, `run ${run}: ${result.reason}`).toBe(true);
        if (result.tornTail) torn += 1;
      }

      const { journal } = await RotationJournal.resume(dataDir, id);
      await journal.append({ kind: 'rotation-finished', data: { outcome: 'crash test done' } });
      await journal.close();
      const final = await verifyJournal(path);
      expect(final).toMatchObject({ ok: true, status: 'ok' });
      const recoveredHere = final.entries.filter((e) => e.kind === 'recovered-torn-tail').length;
      expect(recoveredHere).toBeLessThanOrEqual(torn);
      tornTails += torn;
      recovered += recoveredHere;
      entries += final.entries.length;
      bytes += statSync(path).size;
    }
    // The property is only proven for torn writes if some kills actually landed inside one, and a
    // torn tail is recovered (marked in the journal) when the journal is resumed after it.
    expect(tornTails).toBeGreaterThan(0);
    expect(recovered).toBeGreaterThan(0);
    console.info(
      `${IDS.length * RUNS_EACH} kills over ${IDS.length} journals, ${tornTails} torn tails, ${recovered} recovered, ${entries} entries, ${bytes} bytes`,
    );
  }, 600_000);
});
