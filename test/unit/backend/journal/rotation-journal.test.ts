import { readFileSync, statSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  GENESIS_PREV,
  JournalVerificationError,
  RotationJournal,
  sha256Hex,
  verifyJournal,
  type JournalFile,
} from '../../../../electron/backend/journal/index.js';
import { sampleJournal, steppingClock, tempDataDir } from './helpers.js';

const start = { flow: 'auto', mode: 'demo' as const, host: 'ws1', user: 'alice' };

describe('RotationJournal', () => {
  it('writes a chained, canonical line per entry with the documented hash rule', async () => {
    const path = await sampleJournal(await tempDataDir());
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    let prev = GENESIS_PREV;
    for (const [index, line] of lines.slice(0, -1).entries()) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry.seq).toBe(index + 1);
      expect(entry.prev).toBe(prev);
      const { hash, ...unsigned } = entry;
      expect(hash).toBe(sha256Hex(canonicalJson(unsigned)));
      expect(line).toBe(canonicalJson(entry));
      prev = sha256Hex(line);
    }
    const result = await verifyJournal(path);
    expect(result).toMatchObject({ ok: true, status: 'ok' });
    expect(result.entries.map((e) => e.kind)).toEqual([
      'rotation-started',
      'command-started',
      'output',
      'prompt-answered',
      'milestone',
      'command-finished',
      'registers',
      'classification',
      'decision',
      'rotation-finished',
    ]);
  });

  it('creates the file 0600 and the journals directory 0700', async () => {
    const path = await sampleJournal(await tempDataDir());
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
  });

  it('refuses to create a journal that already exists', async () => {
    const dataDir = await tempDataDir();
    await sampleJournal(dataDir);
    await expect(RotationJournal.create(dataDir, { ...start, rotationId: '20261128T201500Z-ab12cd' })).rejects.toThrow(
      /already exists/,
    );
  });

  it('generates time-sortable rotation ids when none is given', async () => {
    const journal = await RotationJournal.create(await tempDataDir(), start, { clock: steppingClock() });
    expect(journal.rotationId).toMatch(/^20261128T201501Z-[0-9a-f]{6}$/);
    await journal.close();
  });

  it('has the line on disk and fsynced before the append promise resolves', async () => {
    const events: string[] = [];
    const openFile = async (path: string): Promise<JournalFile> => {
      const handle = await open(path, 'a');
      return {
        write: async (buffer, offset, length) => {
          events.push('write');
          return handle.write(buffer, offset, length);
        },
        sync: async () => {
          await handle.sync();
          events.push(`sync:${readFileSync(path, 'utf8').split('\n').length - 1}`);
        },
        close: () => handle.close(),
      };
    };
    const journal = await RotationJournal.create(await tempDataDir(), start, { openFile });
    const entry = await journal.append({ kind: 'decision', data: { what: 'continue' } });
    events.push('resolved');
    expect(events).toEqual(['write', 'sync:2', 'resolved']);
    expect(readFileSync(journal.path, 'utf8')).toContain(entry.hash);
    await journal.close();
  });

  it('keeps call order for concurrent appends', async () => {
    const journal = await RotationJournal.create(await tempDataDir(), start);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => journal.appendOutput(`line ${i}`)));
    expect(results.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    await journal.close();
    const verified = await verifyJournal(journal.path);
    expect(verified.ok).toBe(true);
    expect(verified.entries.slice(1).map((e) => (e.kind === 'output' ? e.data.line : ''))).toEqual(
      Array.from({ length: 200 }, (_, i) => `line ${i}`),
    );
  });

  it('rejects invalid data without breaking the journal', async () => {
    const journal = await RotationJournal.create(await tempDataDir(), start);
    await expect(journal.append({ kind: 'milestone', data: { id: 'first', text: 'x' } })).rejects.toThrow(
      /invalid milestone/,
    );
    await journal.append({ kind: 'milestone', data: { id: 'M2', text: 'rewrap done' } });
    await journal.close();
    expect((await verifyJournal(journal.path)).entries).toHaveLength(2);
  });

  it('refuses appends after a failed write, since the tail is then unknown', async () => {
    let fail = false;
    const openFile = async (path: string): Promise<JournalFile> => {
      const handle = await open(path, 'a');
      return {
        write: (buffer, offset, length) =>
          fail ? Promise.reject(new Error('EIO')) : handle.write(buffer, offset, length),
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    };
    const journal = await RotationJournal.create(await tempDataDir(), start, { openFile });
    fail = true;
    await expect(journal.appendOutput('a')).rejects.toThrow('EIO');
    fail = false;
    await expect(journal.appendOutput('b')).rejects.toThrow(/no longer writable/);
    await journal.close();
  });

  it('resumes after a torn tail: truncates it and records recovered-torn-tail', async () => {
    const dataDir = await tempDataDir();
    const path = await sampleJournal(dataDir);
    const whole = await readFile(path);
    const torn = Buffer.from('{"data":{"line":"Re-enc');
    await writeFile(path, Buffer.concat([whole, torn]));
    const logs: string[] = [];
    const { journal, verification } = await RotationJournal.resume(dataDir, '20261128T201500Z-ab12cd', {
      log: (m) => logs.push(m),
    });
    expect(verification.tornTail).toMatchObject({ line: 11, bytes: torn.length, offset: whole.length });
    expect(logs).toHaveLength(1);
    await journal.appendOutput('after resume');
    await journal.close();
    const result = await verifyJournal(path);
    expect(result.status).toBe('ok');
    expect(result.entries[10]).toMatchObject({ kind: 'recovered-torn-tail', data: { line: 11, bytes: torn.length } });
    expect(result.entries).toHaveLength(12);
  });

  it('resume refuses a tampered journal', async () => {
    const dataDir = await tempDataDir();
    const path = await sampleJournal(dataDir);
    await writeFile(path, (await readFile(path, 'utf8')).replace('answered y', 'answered n'));
    const attempt = RotationJournal.resume(dataDir, '20261128T201500Z-ab12cd');
    await expect(attempt).rejects.toBeInstanceOf(JournalVerificationError);
    await expect(attempt).rejects.toMatchObject({ verification: { tamperedAt: 4 } });
  });

  it('rejects rotation ids that are not safe file names', async () => {
    await expect(RotationJournal.create(await tempDataDir(), { ...start, rotationId: '../x' })).rejects.toThrow(
      /not a rotation id/,
    );
  });
});
