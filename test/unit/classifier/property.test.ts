import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/classifier/index.js';
import { M1_DELAY, M2_REWRAP, SMARTCARD_ROTATION_STARTED } from '../../../shared/tke/messages.js';
import { authFailure, autoRotate, login, mkRotate, setimm } from './tke-text.js';

const AUTO = 'ibmcloud tke auto-mk-rotate';

const pieces = [
  autoRotate('before-m1'),
  autoRotate('after-m1'),
  autoRotate('after-m2'),
  autoRotate('promote-1'),
  autoRotate('done'),
  autoRotate('precheck'),
  mkRotate('precheck'),
  mkRotate('before-m2'),
  mkRotate('after-m2'),
  authFailure(),
  login(),
  setimm(false),
];

// Line-level mutations a terminal capture can suffer: noise, escapes, CR rewrites, truncation.
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: fc.string({ maxLength: 80 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('ansi' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cr' as const), at: fc.nat(), line: fc.string({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), line: fc.string({ unit: 'binary', maxLength: 60 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(lines: string[], ms: readonly Mutation[]): string {
  const out = [...lines];
  let crlf = false;
  for (const m of ms) {
    const at = 'at' in m ? m.at % (out.length + 1) : 0;
    switch (m.kind) {
      case 'insert':
      case 'bytes':
        out.splice(at, 0, m.line);
        break;
      case 'delete':
        out.splice(at, 1);
        break;
      case 'ansi':
        if (out[at] !== undefined) out[at] = `\x1b[1;3${at % 8}m${out[at]}\x1b[0m`;
        break;
      case 'cr':
        if (out[at] !== undefined) out[at] = `${m.line}\r${out[at]}`;
        break;
      case 'crlf':
        crlf = true;
        break;
      case 'truncate':
        out.length = Math.min(out.length, at);
        break;
    }
  }
  return out.join(crlf ? '\r\n' : '\n');
}

const transcripts = fc.array(
  fc.record({ piece: fc.integer({ min: 0, max: pieces.length - 1 }), mutations: fc.array(mutation, { maxLength: 6 }) }),
  { minLength: 1, maxLength: 5 },
);

describe('classifier properties', () => {
  it('never throws and always answers with a known shape', () => {
    fc.assert(
      fc.property(transcripts, fc.constantFrom(undefined, 'auto' as const, 'keyparts' as const), (ts, flow) => {
        const input = ts.map((t, i) => ({ file: `f${i}`, text: mutate(pieces[t.piece] ?? [], t.mutations) }));
        const c = classify(flow === undefined ? { transcripts: input } : { transcripts: input, flow });
        const keys = Object.keys(c);
        expect(keys.slice(0, 7)).toEqual([
          'phase',
          'flow',
          'next',
          'forbidden',
          'evidence',
          'unitsToDeselect',
          'failedChecks',
        ]);
        expect(keys.slice(7).every((k) => ['unitsToReselect', 'stop', 'indeterminateCause'].includes(k))).toBe(true);
        // The cause of an indeterminate state is always given, and only then.
        expect(c.indeterminateCause !== undefined).toBe(c.phase === 'indeterminate');
      }),
      { numRuns: 300 },
    );
  });

  it('never advises auto-mk-rotate once M1 text is present anywhere', () => {
    fc.assert(
      fc.property(transcripts, fc.nat(), fc.string({ maxLength: 20 }), (ts, where, prefix) => {
        const input = ts.map((t, i) => ({ file: `f${i}`, text: mutate(pieces[t.piece] ?? [], t.mutations) }));
        const target = input[where % input.length];
        if (target !== undefined) target.text += `\n${prefix.replace(/[\r\n]/g, '')} ${M1_DELAY}\n`;
        const c = classify({ transcripts: input });
        expect(c.next.map((a) => a.command)).not.toContain(AUTO);
        expect(c.forbidden.map((a) => a.command)).toContain(AUTO);
      }),
      { numRuns: 300 },
    );
  });

  // Re-encryption evidence as capture tools and terminals mangle it: a timestamp or log-level prefix,
  // a bare-CR redraw before or after it, colour codes, a no-break space, a wrap at 40 or 60 columns.
  const evidence = fc.constantFrom(
    M1_DELAY,
    `${M2_REWRAP}.`,
    'Re-encrypted 1200 of 3000 keys',
    SMARTCARD_ROTATION_STARTED,
  );
  const prefix = fc.constantFrom(
    '',
    '2026-11-30T09:14:03.120Z INFO ',
    '[09:14:03] ',
    'Nov 30 09:14:03 ws tke: ',
    'DEBUG ',
    '2026-11-30 09:14:03,120 | ',
  );
  const mangle = fc.record({
    prefix,
    crBefore: fc.option(fc.constantFrom('Re-encrypted 10 of 3000 keys', '   ', 'x'), { nil: undefined }),
    crAfter: fc.option(fc.constantFrom('Re-encrypted 20 of 3000 keys', 'Working...', ''), { nil: undefined }),
    ansi: fc.boolean(),
    nbsp: fc.boolean(),
    wrap: fc.constantFrom(0, 40, 60),
  });

  function mangled(text: string, m: typeof mangle extends fc.Arbitrary<infer T> ? T : never): string {
    let line = m.nbsp ? text.replace(' ', '\u00a0') : text;
    if (m.ansi) line = `\x1b[32m${line}\x1b[0m`;
    let lines = [line];
    if (m.wrap > 0) {
      lines = [];
      for (let i = 0; i < line.length; i += m.wrap) lines.push(line.slice(i, i + m.wrap));
    }
    lines = lines.map((l) => `${m.prefix}${l}`);
    if (m.crBefore !== undefined) lines[0] = `${m.crBefore}\r${lines[0] ?? ''}`;
    if (m.crAfter !== undefined) lines[lines.length - 1] = `${lines[lines.length - 1] ?? ''}\r${m.crAfter}`;
    return lines.join('\n');
  }

  it('never advises auto-mk-rotate once any re-encryption evidence is present, however the capture mangled it', () => {
    fc.assert(
      fc.property(transcripts, fc.nat(), evidence, mangle, (ts, where, text, m) => {
        const input = ts.map((t, i) => ({ file: `f${i}`, text: mutate(pieces[t.piece] ?? [], t.mutations) }));
        const target = input[where % input.length];
        if (target !== undefined) target.text += `\n${mangled(text, m)}\n`;
        const c = classify({ transcripts: input });
        expect(c.next.map((a) => a.command)).not.toContain(AUTO);
        expect(c.forbidden.map((a) => a.command)).toContain(AUTO);
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        expect(typeof classify({ transcripts: [{ file: 'x', text: s }] }).phase).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
