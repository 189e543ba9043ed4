// Golden transcripts: every directory in test/fixtures/transcripts holds captured output (oldest
// first by file name), an optional registers.json/registers.txt, an optional args.json
// ({"flow": ...}) and expected.json. Set MKRA_UPDATE_GOLDEN=1 to rewrite expected.json, then review.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded } from '../../../electron/cli/bounded-read.js';
import { runClassify, type ClassifyIo } from '../../../electron/cli/classify.js';
import type { Classification } from '../../../shared/classifier/index.js';

const ROOT = join(import.meta.dirname, '../../fixtures/transcripts');
const SPECIAL = new Set(['expected.json', 'args.json', 'registers.json', 'registers.txt']);

function ioIn(dir: string): ClassifyIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readInput: (p, maxBytes) => readBounded(join(dir, p), maxBytes),
  };
}

/** The stable part of a classification: commands, not their wording. */
function summary(c: Classification): unknown {
  return {
    phase: c.phase,
    flow: c.flow,
    next: c.next.map((a) => a.command),
    forbidden: c.forbidden.map((a) => a.command),
    evidence: c.evidence.map((e) => `${e.file}:${e.line}: ${e.text}`),
    unitsToDeselect: c.unitsToDeselect,
    failedChecks: c.failedChecks,
  };
}

const cases = readdirSync(ROOT)
  .filter((d) => statSync(join(ROOT, d)).isDirectory())
  .sort();

describe('golden transcripts', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(ROOT, name);
    const files = readdirSync(dir)
      .filter((f) => !SPECIAL.has(f))
      .sort();
    const args = ['--json'];
    const argsFile = join(dir, 'args.json');
    if (readdirSync(dir).includes('args.json')) {
      const extra = JSON.parse(readFileSync(argsFile, 'utf8')) as { flow?: string };
      if (extra.flow !== undefined) args.push('--flow', extra.flow);
    }
    for (const r of ['registers.json', 'registers.txt']) if (readdirSync(dir).includes(r)) args.push('--registers', r);
    const io = ioIn(dir);
    const code = await runClassify([...args, ...files], io);
    expect(io.err.join('')).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(io.out.join('')) as Classification;
    const expectedPath = join(dir, 'expected.json');
    if (process.env['MKRA_UPDATE_GOLDEN'] === '1')
      writeFileSync(expectedPath, `${JSON.stringify(summary(result), null, 2)}\n`);
    expect(summary(result)).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});
