// Input built to break the classifier's reading of a transcript: a line of thousands of prompt
// marks (once a stack overflow), empty and blank transcripts (once "nothing to recover").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runClassify, type ClassifyIo } from '../../../electron/cli/classify.js';
import { normaliseText, type SourceLine } from '../../../shared/parse/normalise.js';

/** The split as first written, recursively: the reference the loop must agree with. */
function referenceSplit(out: SourceLine[], line: number, text: string): void {
  if (!text.includes('>')) return void out.push({ line, text });
  const trimmed = text.trimStart();
  if (trimmed.startsWith('>')) {
    const rest = trimmed.replace(/^>\s?/, '').trimStart();
    return rest === '' ? void out.push({ line, text: '>' }) : referenceSplit(out, line, rest);
  }
  const m = /^(.*?(?::|\)|\?))\s*> ?(.*)$/.exec(text);
  const question = (q: string) =>
    /\(y\/n\)$/i.test(q) ||
    /^\s*(?:Enter|Do you|Are you|Continue|Please)\b/i.test(q) ||
    /^\s*\S+ \([0-9A-Fa-f.]+\)$/.test(q);
  if (m?.[1] !== undefined && question(m[1])) {
    out.push({ line, text: m[1].trimEnd() });
    const rest = (m[2] ?? '').trim();
    if (rest !== '') referenceSplit(out, line, rest);
    return;
  }
  out.push({ line, text });
}

function memIo(files: Record<string, string>): ClassifyIo & { err: () => string; out: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readInput: async (p) => ({ kind: 'file', bytes: new TextEncoder().encode(files[p] ?? '') }),
  };
}

describe('prompt marks on one line', () => {
  it.each([8_000, 200_000])('splits a line of %i "> " without exhausting the stack', (count) => {
    expect(normaliseText('> '.repeat(count))).toEqual([{ line: 1, text: '>' }]);
  });

  it('splits 50 000 answered prompts on one line into 50 000 questions, in order', () => {
    const lines = normaliseText('Continue? (y/N) > '.repeat(50_000) + 'done');
    expect(lines).toHaveLength(50_001);
    expect(lines.at(-2)).toEqual({ line: 1, text: 'Continue? (y/N)' });
    expect(lines.at(-1)).toEqual({ line: 1, text: 'done' });
  });

  it('agrees with the recursive definition on generated lines (seeded)', () => {
    const pieces = [
      '> ',
      '>',
      ' ',
      'Enter the password:',
      'Continue? (y/N)',
      'admin1 (3c0f.)',
      'PS C:\\x',
      'y',
      'text',
      ':',
      ')',
      '?',
      '\t',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('').trimEnd();
        const expected: SourceLine[] = [];
        referenceSplit(expected, 1, text);
        expect(normaliseText(text)).toEqual(expected);
      }),
      { seed: 20_240_601, numRuns: 3_000 },
    );
  });
});

describe('empty transcripts', () => {
  it.each([
    ['', /^mkra classify: empty transcript: a\.txt is empty \(0 bytes\), no output to classify\n$/],
    ['\n\r\n \t\n', /^mkra classify: empty transcript: a\.txt holds only blank lines, no output to classify\n$/],
    ['\ufeff\n', /holds only blank lines/],
  ])('exit 2 for %j, as the analysis screen refuses it', async (content, message) => {
    const io = memIo({ 'a.txt': content });
    expect(await runClassify(['--json', 'a.txt'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(message);
  });

  it('exit 2 for an empty registers file', async () => {
    const io = memIo({
      'a.txt': 'Delaying 30 seconds to allow server to discover new master key values\n',
      'r.txt': '',
    });
    expect(await runClassify(['--registers', 'r.txt', 'a.txt'], io)).toBe(2);
    expect(io.err()).toMatch(/empty registers file: r\.txt is empty \(0 bytes\), no register reading/);
  });
});
