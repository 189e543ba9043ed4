import { readFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  RotationJournal,
  verifyJournal,
  type JournalEntryInput,
  type JournalFile,
} from '../../../../electron/backend/journal/index.js';
import { M1_DELAY } from '../../../../shared/tke/messages.js';
import { recordingFile, steppingClock, tempDataDir } from './helpers.js';

const ID = '20261128T201500Z-ab12cd';
const start = { rotationId: ID, flow: 'auto', mode: 'demo' as const, host: 'ws1', user: 'alice' };
const out = (line: string): JournalEntryInput => ({ kind: 'output', data: { line, stream: 'pty' } });

/** A command's worth of entries of several kinds, in the order a runner would journal them. */
const COMMAND: JournalEntryInput[] = [
  { kind: 'command-started', data: { argv: ['tke', 'auto-mk-rotate', '--apikey', 'not-kept'], mode: 'demo' } },
  out('Generating a new random master key in crypto unit 3...'),
  out('Enter the password for the signature key identified by:'),
  out('admin1 (3C0F0A11)'),
  { kind: 'prompt-answered', data: { promptKind: 'password', fact: 'answered hunter2' } },
  out('> '),
  out('hunter2'),
  out(M1_DELAY),
  { kind: 'milestone', data: { id: 'M1', text: M1_DELAY } },
  out('Re-encrypted 1 of 3 keys'),
  { kind: 'command-finished', data: { exitCode: 0 } },
];

async function journalText(write: (journal: RotationJournal) => Promise<unknown>): Promise<string> {
  const journal = await RotationJournal.create(await tempDataDir(), start, { clock: steppingClock() });
  await write(journal);
  await journal.close();
  return readFile(journal.path, 'utf8');
}

describe('RotationJournal.appendBatch (group commit)', () => {
  it('writes a batch with one write and one fsync, and resolves only after the fsync', async () => {
    const file = recordingFile();
    const journal = await RotationJournal.create(await tempDataDir(), start, { openFile: file.openFile });
    const lines = Array.from({ length: 50 }, (_, i) => `Re-encrypted ${i + 1} of 50 keys`);
    const entries = await journal.appendBatch(lines.map(out));
    const durableWhenResolved = file.durable();
    expect(file.events.map((e) => e.op)).toEqual(['write', 'sync']);
    expect(file.syncs()).toBeLessThan(lines.length);
    expect(durableWhenResolved).toBe(51);
    expect(entries.map((e) => e.seq)).toEqual(lines.map((_, i) => i + 2));
    expect(entries.map((e) => (e.kind === 'output' ? e.data.line : ''))).toEqual(lines);
    expect(journal.entryCount).toBe(51);
    await journal.close();
    const verified = await verifyJournal(journal.path);
    expect(verified).toMatchObject({ ok: true, status: 'ok' });
    expect(verified.entries.slice(1)).toEqual(entries);
    expect(journal.headHash).toBe(verified.headHash);
  });

  it('leaves the same file, line for line, as single appends given the same clock, and it verifies', async () => {
    const single = await journalText(async (j) => {
      for (const input of COMMAND) await j.append(input);
    });
    const batched = await journalText(async (j) => {
      await j.appendBatch(COMMAND.slice(0, 4));
      await j.appendBatch(COMMAND.slice(4, 5));
      await j.appendBatch(COMMAND.slice(5));
    });
    expect(batched.split('\n')).toEqual(single.split('\n'));
    expect(batched.split('\n')).toHaveLength(COMMAND.length + 2);
    const journal = await RotationJournal.create(
      await tempDataDir(),
      { ...start, rotationId: '20261128T201500Z-0000aa' },
      { clock: steppingClock() },
    );
    await journal.appendBatch(COMMAND);
    await journal.close();
    const verified = await verifyJournal(journal.path);
    expect(verified).toMatchObject({ ok: true, status: 'ok' });
    expect(verified.entries.map((e) => e.kind)).toEqual(['rotation-started', ...COMMAND.map((c) => c.kind)]);
  });

  it('writes a batch of one exactly as append does', async () => {
    const input = out('Committing the new master key register');
    expect(await journalText((j) => j.appendBatch([input]))).toBe(await journalText((j) => j.append(input)));
  });

  it('is queued with append: entries are written in call order however the calls interleave', async () => {
    const journal = await RotationJournal.create(await tempDataDir(), start);
    const calls = await Promise.all([
      journal.appendOutput('a'),
      journal.appendBatch([out('b'), out('c')]),
      journal.appendOutput('d'),
      journal.appendBatch([out('e')]),
      journal.appendBatch([]),
      journal.appendOutput('f'),
    ]);
    expect(calls.flat().map((e) => [e.seq, e.kind === 'output' ? e.data.line : ''])).toEqual([
      [2, 'a'],
      [3, 'b'],
      [4, 'c'],
      [5, 'd'],
      [6, 'e'],
      [7, 'f'],
    ]);
    await journal.close();
    const verified = await verifyJournal(journal.path);
    expect(verified.entries.map((e) => (e.kind === 'output' ? e.data.line : e.kind))).toEqual([
      'rotation-started',
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
  });

  it('rejects a batch with an invalid entry as a whole and stays usable', async () => {
    const file = recordingFile();
    const journal = await RotationJournal.create(await tempDataDir(), start, { openFile: file.openFile });
    await expect(
      journal.appendBatch([out('kept out'), { kind: 'milestone', data: { id: 'first', text: 'x' } }]),
    ).rejects.toThrow(/invalid milestone/);
    expect(file.events).toEqual([]);
    await journal.appendBatch([out('after')]);
    await journal.close();
    const verified = await verifyJournal(journal.path);
    expect(verified.entries.map((e) => (e.kind === 'output' ? e.data.line : e.kind))).toEqual([
      'rotation-started',
      'after',
    ]);
  });

  it('is broken by a failed fsync as append is: the batch rejects and every later append is refused', async () => {
    let fail = true;
    const file = recordingFile(async () => {
      if (fail) throw new Error('EIO on fsync');
    });
    const journal = await RotationJournal.create(await tempDataDir(), start, { openFile: file.openFile });
    await expect(journal.appendBatch([out('a'), out('b')])).rejects.toThrow('EIO on fsync');
    fail = false;
    await expect(journal.appendBatch([out('c')])).rejects.toThrow(/no longer writable/);
    await expect(journal.appendOutput('d')).rejects.toThrow(/no longer writable/);
    expect(journal.entryCount).toBe(1);
    expect(file.events.map((e) => e.op)).toEqual(['write']);
    await journal.close();
  });

  it('after a crash mid-batch (a torn tail), resume keeps the whole lines and records the torn one', async () => {
    const dataDir = await tempDataDir();
    // The write stops inside the batch's third line, then the process "dies" (the write rejects).
    const openFile = async (path: string): Promise<JournalFile> => {
      const handle = await open(path, 'a');
      return {
        write: async (buffer, offset, length) => {
          const text = Buffer.from(buffer.subarray(offset, offset + length));
          const third = text.indexOf('"line":"three"');
          await handle.write(text, 0, third + 5);
          throw new Error('killed mid-write');
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    };
    const journal = await RotationJournal.create(dataDir, start, { openFile, clock: steppingClock() });
    await expect(journal.appendBatch(['one', 'two', 'three', 'four'].map(out))).rejects.toThrow('killed mid-write');
    await journal.close();
    const before = readFileSync(journal.path, 'utf8');
    const wholeLines = before.slice(0, before.lastIndexOf('\n') + 1);

    const torn = await verifyJournal(journal.path);
    expect(torn).toMatchObject({
      ok: true,
      status: 'torn-tail',
      tornTail: { line: 4, offset: Buffer.byteLength(wholeLines) },
    });
    expect(torn.entries.map((e) => (e.kind === 'output' ? e.data.line : e.kind))).toEqual([
      'rotation-started',
      'one',
      'two',
    ]);

    const resumed = await RotationJournal.resume(dataDir, ID);
    expect(resumed.journal.entryCount).toBe(4);
    await resumed.journal.appendBatch([out('again')]);
    await resumed.journal.close();
    const after = await verifyJournal(journal.path);
    expect(after).toMatchObject({ ok: true, status: 'ok' });
    expect(after.entries.map((e) => (e.kind === 'output' ? e.data.line : e.kind))).toEqual([
      'rotation-started',
      'one',
      'two',
      'recovered-torn-tail',
      'again',
    ]);
    expect(after.entries[3]).toMatchObject({
      seq: 4,
      data: { line: 4, bytes: Buffer.byteLength(before) - Buffer.byteLength(wholeLines) },
    });
    expect(readFileSync(journal.path, 'utf8').startsWith(wholeLines)).toBe(true);
  });
});
