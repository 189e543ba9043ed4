// Real files at and past the size limit, and files that are not files: `mkra classify` must
// classify everything up to its documented limit (even the most lines per byte), and refuse the
// rest with exit 2 and one line, without hanging or crashing.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBounded } from '../../../electron/cli/bounded-read.js';
import { MAX_INPUT_BYTES, nodeClassifyIo, runClassify, type ClassifyIo } from '../../../electron/cli/classify.js';
import { M1_DELAY } from '../../../shared/tke/messages.js';

const dir = mkdtempSync(join(tmpdir(), 'mkra-huge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LIMIT = /the limit is 33554432 bytes \(32 MiB\) of input in all/;
const posix = process.platform !== 'win32';

function io(): ClassifyIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ...nodeClassifyIo(), out, err, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) };
}

/** A file of exactly `total` bytes: head, then `chunk` repeated (cut to fit), then tail. */
function writeExactly(file: string, head: string, chunk: Buffer, total: number, tail = ''): void {
  const fd = openSync(file, 'w');
  let size = writeSync(fd, head);
  const body = total - Buffer.byteLength(tail);
  while (size < body) size += writeSync(fd, chunk, 0, Math.min(chunk.length, body - size));
  writeSync(fd, tail);
  closeSync(fd);
}

/** `mkra classify` as a process; killed after `killAfterMs` so that a hang fails instead of blocking. */
function mkra(args: string[], killAfterMs = 120_000) {
  return spawnSync(process.execPath, ['bin/mkra.js', 'classify', ...args], {
    encoding: 'utf8',
    timeout: killAfterMs,
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('mkra classify on huge inputs', () => {
  it('documents 32 MiB in all, the analysis screen limit', () => {
    expect(MAX_INPUT_BYTES).toBe(32 * 1024 * 1024);
  });

  it('classifies a transcript of exactly the limit made of one-character lines, as a process', () => {
    const file = join(dir, 'limit.txt');
    writeExactly(
      file,
      `$ ibmcloud tke auto-mk-rotate\n${M1_DELAY}\n`,
      Buffer.from('a\n'.repeat(65536)),
      MAX_INPUT_BYTES,
      '\nFAILED\n',
    );
    const r = mkra(['--json', file], 600_000);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { phase: string }).phase).toBe('rewrap-interrupted');
  }, 900_000);

  it('refuses a file one byte past the limit, naming the limit, without reading it', async () => {
    const file = join(dir, 'over.txt');
    writeFileSync(file, '');
    truncateSync(file, MAX_INPUT_BYTES + 1);
    const x = io();
    expect(await runClassify([file], x)).toBe(2);
    expect(x.err.join('')).toMatch(/^mkra classify: transcript .*over\.txt is too large \(33554433 bytes\); /);
    expect(x.err.join('')).toMatch(LIMIT);
  });

  it('counts the limit over all inputs together', async () => {
    const a = join(dir, 'half-a.txt');
    const b = join(dir, 'half-b.txt');
    writeExactly(a, `${M1_DELAY}\n`, Buffer.from('progress line\n'.repeat(4096)), MAX_INPUT_BYTES / 2 + 1);
    writeExactly(b, `${M1_DELAY}\n`, Buffer.from('progress line\n'.repeat(4096)), MAX_INPUT_BYTES / 2);
    const x = io();
    expect(await runClassify([a, b], x)).toBe(2);
    expect(x.err.join('')).toMatch(/half-b\.txt is too large \(16777216 bytes after 16777217 bytes of other input\)/);
  });

  it('refuses an 8 MiB binary file with exit 2 and one line', async () => {
    const file = join(dir, 'huge.bin');
    writeExactly(file, '', Buffer.from(new Uint8Array(1 << 20).map((_, i) => (i * 131) % 256)), 8 * 1024 * 1024);
    const x = io();
    expect(await runClassify([file], x)).toBe(2);
    expect(x.err.join('')).toMatch(/^mkra classify: transcript .*binary.*\n$/);
  });
});

describe.runIf(posix)('mkra classify on files that are not regular files', () => {
  it.each([
    ['/dev/zero', 'a device'],
    ['/dev/urandom', 'a device'],
    ['/dev/null', 'a device'],
  ])('refuses %s at once with exit 2', (path, what) => {
    const r = mkra([path]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`mkra classify: transcript ${path} is ${what}, not a regular file\n`);
  });

  it('refuses a FIFO nobody writes to, and one given as the registers file', () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = mkra([fifo]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe(`mkra classify: transcript ${fifo} is a FIFO (named pipe), not a regular file\n`);
    const transcript = join(dir, 'ok.txt');
    writeFileSync(transcript, `${M1_DELAY}\n`);
    const withRegisters = mkra(['--registers', fifo, transcript]);
    expect(withRegisters.status).toBe(2);
    expect(withRegisters.stderr).toMatch(/registers file .*pipe is a FIFO/);
  });

  it.runIf(process.platform === 'linux')(
    'stops reading past the limit when the stated size is wrong (procfs states 0)',
    async () => {
      const read = await readBounded('/proc/self/status', 64);
      expect(read).toEqual({ kind: 'too-large', size: null });
      const whole = await readBounded('/proc/self/status', 1024 * 1024);
      expect(whole.kind).toBe('file');
    },
  );
});
