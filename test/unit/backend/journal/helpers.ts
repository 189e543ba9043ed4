import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { RotationJournal, type JournalFile, type JournalOptions } from '../../../../electron/backend/journal/index.js';

const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh data directory removed after the test. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mkra-journal-'));
  dirs.push(dir);
  return dir;
}

/** A fixed clock that advances one second per call, so entries are reproducible. */
export function steppingClock(start = Date.UTC(2026, 10, 28, 20, 15, 0)): () => Date {
  let now = start;
  return () => new Date((now += 1000));
}

/** A journal with one entry of every kind, closed, and its path. */
export async function sampleJournal(dataDir: string, options: JournalOptions = {}): Promise<string> {
  const journal = await RotationJournal.create(
    dataDir,
    {
      rotationId: '20261128T201500Z-ab12cd',
      flow: 'auto',
      mode: 'demo',
      host: 'ws1',
      user: 'alice',
      instanceId: 'inst-1',
    },
    { clock: steppingClock(), ...options },
  );
  await journal.append({
    kind: 'command-started',
    data: { argv: ['ibmcloud-sim', 'tke', 'auto-mk-rotate'], mode: 'demo' },
  });
  await journal.appendOutput('Generating a new random master key in crypto unit 3...', { stream: 'pty' });
  await journal.append({ kind: 'prompt-answered', data: { promptKind: 'confirm', fact: 'answered y' } });
  await journal.append({ kind: 'milestone', data: { id: 'M1', text: 'Delaying 30 seconds' } });
  await journal.append({ kind: 'command-finished', data: { exitCode: 1 } });
  await journal.append({
    kind: 'registers',
    data: {
      units: [
        {
          num: 1,
          type: 'OPERATIONAL',
          current: { state: 'Valid', vp: 'aa' },
          new: { state: 'Full Committed', vp: 'bb' },
        },
      ],
    },
  });
  await journal.append({
    kind: 'classification',
    data: { phase: 'rewrap-interrupted', next: [{ command: 'x', why: 'y' }], forbidden: [], evidence: [{ line: 3 }] },
  });
  await journal.append({ kind: 'decision', data: { what: 'run setimm', override: false } });
  await journal.append({ kind: 'rotation-finished', data: { outcome: 'completed' } });
  await journal.close();
  return journal.path;
}

/** What a recording journal file saw: each write's text and each fsync, in order. */
export type FileEvent = { op: 'write'; text: string } | { op: 'sync'; durable: number };

export interface RecordingFile {
  openFile: NonNullable<JournalOptions['openFile']>;
  events: FileEvent[];
  /** Complete lines in the file at the last fsync (the seq of the last durable entry). */
  durable(): number;
  syncs(): number;
}

/**
 * A journal file seam that records every write and fsync (reading the file back after each fsync,
 * so `durable` is what is really on disk). `beforeSync` may hold an fsync back, or fail it.
 */
export function recordingFile(beforeSync: () => Promise<void> = async () => undefined): RecordingFile {
  const events: FileEvent[] = [];
  let durable = 0;
  const openFile = async (path: string): Promise<JournalFile> => {
    const handle = await open(path, 'a');
    return {
      write: async (buffer, offset, length) => {
        events.push({ op: 'write', text: Buffer.from(buffer.subarray(offset, offset + length)).toString('utf8') });
        return handle.write(buffer, offset, length);
      },
      sync: async () => {
        await beforeSync();
        await handle.sync();
        durable = readFileSync(path, 'utf8').split('\n').length - 1;
        events.push({ op: 'sync', durable });
      },
      close: () => handle.close(),
    };
  };
  return { openFile, events, durable: () => durable, syncs: () => events.filter((e) => e.op === 'sync').length };
}
