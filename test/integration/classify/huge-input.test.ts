// Real 100 MB files on disk: `mkra classify` must classify a huge transcript and refuse a huge
// binary file with exit 2, without crashing.
import { mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runClassify, type ClassifyIo } from '../../../electron/cli/classify.js';
import { M1_DELAY } from '../../../shared/tke/messages.js';

const dir = mkdtempSync(join(tmpdir(), 'mkra-huge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): ClassifyIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), readFile: async (p) => readFileSync(p), stat: async (p) => statSync(p) };
}

function writeChunks(file: string, head: string, chunk: Uint8Array | string, total: number, tail = ''): void {
  const fd = openSync(file, 'w');
  writeSync(fd, head);
  let size = head.length;
  while (size < total) size += typeof chunk === 'string' ? writeSync(fd, chunk) : writeSync(fd, chunk);
  writeSync(fd, tail);
  closeSync(fd);
}

describe('mkra classify on huge inputs', () => {
  it('classifies a 100 MB transcript', async () => {
    const file = join(dir, 'huge.txt');
    const progress = Array.from({ length: 1000 }, (_, i) => `Re-encrypted ${i} of 1000\rRe-encrypted ${i + 1} of 1000 keys\n`).join('');
    writeChunks(file, `$ ibmcloud tke auto-mk-rotate\n${M1_DELAY}\n`, progress, 100 * 1024 * 1024, 'FAILED\n');
    const x = io();
    expect(await runClassify(['--json', file], x)).toBe(0);
    expect((JSON.parse(x.out.join('')) as { phase: string }).phase).toBe('rewrap-interrupted');
  });

  it('refuses a 100 MB binary file with exit 2 and one line', async () => {
    const file = join(dir, 'huge.bin');
    const chunk = new Uint8Array(1 << 20).map((_, i) => (i * 131) % 256);
    writeChunks(file, '', chunk, 100 * 1024 * 1024);
    const x = io();
    expect(await runClassify([file], x)).toBe(2);
    expect(x.err.join('')).toMatch(/^mkra classify: transcript .*binary.*\n$/);
  });
});
