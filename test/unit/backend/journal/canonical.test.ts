/**
 * Journals are hash-chained and signed, so the canonical form may not change by a byte. The journal
 * used to canonicalise with its own code (kept below, verbatim, as the oracle); it now uses the
 * `json-canonicalize` library through canonicalJson. Proof that the bytes are the same for every
 * value a journal holds: real journal entries (a rotation journal and a training run's), tricky
 * values (unicode, numbers, nesting, key order), and generated JSON. The one place the library
 * differs (an object with a `toJSON` member) is refused, never written differently.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  journalPath,
  RotationJournal,
  sha256Hex,
  verifyJournalBytes,
} from '../../../../electron/backend/journal/index.js';
import { loadScenarioLibrary } from '../../../../electron/backend/training/library.js';
import { ScenarioRun } from '../../../../electron/backend/training/scenario-run.js';
import { M1_DELAY, M2_REWRAP } from '../../../../shared/tke/messages.js';

/** The journal's hand-written canonicaliser before the library replaced it, verbatim. */
function legacyCanonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold NaN or Infinity');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : legacyCanonicalJson(item))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${legacyCanonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

const expectSame = (value: unknown) => expect(canonicalJson(value)).toBe(legacyCanonicalJson(value));

/** A journal with every kind of entry the rotation service writes, and tricky text in its lines. */
async function rotationJournalLines(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'mkra-canon-'));
  const journal = await RotationJournal.create(dir, {
    flow: 'auto',
    mode: 'demo',
    host: 'hôte-Ω',
    user: 'ユーザー',
    operator: 'Zoë “Ops” 😀',
    instanceId: 'aa43af49-a9bf-4ddc-a376-e1d234398287',
  });
  await journal.append({
    kind: 'prechecks',
    data: {
      flow: 'auto',
      ranAt: '2026-01-05T09:00:00.000Z',
      results: [{ id: 'auth', status: 'pass', summary: 'token valid for 59 min' }],
    },
  });
  await journal.append({
    kind: 'decision',
    data: { what: 'Confirmed before starting: \u2028 PKCS #11 keystores are not enabled \ud800', override: false },
  });
  await journal.append({ kind: 'command-started', data: { argv: ['tke', 'auto-mk-rotate'], mode: 'demo' } });
  await journal.appendBatch(
    [
      '\u001b[1mOK\u001b[0m',
      M1_DELAY,
      'tab\there "quoted" \\ back\u0000slash',
      'Re-encrypted 3000 of 3000 keys',
      M2_REWRAP,
    ].map((line) => ({ kind: 'output', data: { line, stream: 'pty' } })),
  );
  await journal.append({ kind: 'milestone', data: { id: 'M1', text: M1_DELAY } });
  await journal.append({ kind: 'command-finished', data: { exitCode: 1, signal: 'SIGKILL' } });
  await journal.append({
    kind: 'registers',
    data: {
      units: [
        { num: 1, type: 'RECOVERY', current: { state: 'Valid', vp: 'a1' }, new: { state: 'Full Committed', vp: 'b2' } },
      ],
    },
  });
  await journal.append({
    kind: 'classification',
    data: {
      phase: 'rewrap-interrupted',
      next: [{ command: 'ibmcloud tke cryptounit-mk-rotate', why: 'finish it', n: -0, big: 1e21, tiny: 5e-324 }],
      forbidden: [],
      reason: 'après',
    },
  });
  await journal.append({ kind: 'rotation-finished', data: { outcome: 'closed (rewrap-interrupted)' } });
  await journal.close();
  return (await readFile(journal.path, 'utf8')).trimEnd().split('\n');
}

/** A training run's journal: every command of a scenario through the rotation pipeline. */
async function trainingJournalLines(): Promise<string[]> {
  const loaded = (await loadScenarioLibrary()).scenarios.find((l) => l.scenario.id === 'm1-and-m2');
  if (!loaded) throw new Error('scenario m1-and-m2 is not shipped');
  const dir = await mkdtemp(join(tmpdir(), 'mkra-canon-t-'));
  const run = await ScenarioRun.start({ loaded, mode: 'guided', journalDir: dir });
  await run.choose('cryptounit-mk');
  await run.end();
  return (await readFile(journalPath(dir, run.rotationId), 'utf8')).trimEnd().split('\n');
}

describe('canonical JSON: the library gives the bytes the journal always had', () => {
  it('for every entry of real journals (a rotation and a training run), as written and as re-hashed', async () => {
    const rotation = await rotationJournalLines();
    const training = await trainingJournalLines();
    for (const journal of [rotation, training])
      expect(verifyJournalBytes(Buffer.from(`${journal.join('\n')}\n`)).ok).toBe(true);
    const lines = [...rotation, ...training];
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const raw = JSON.parse(line) as Record<string, unknown>;
      expect(canonicalJson(raw)).toBe(line);
      expect(legacyCanonicalJson(raw)).toBe(line);
      const { hash: _hash, ...unsigned } = raw;
      expectSame(unsigned);
    }
  });

  it('for unicode: astral, combining, lone surrogates, line separators, control characters', () => {
    for (const s of [
      '😀',
      'e\u0301',
      '\ud800',
      '\udfff x \ud83d',
      '\u2028\u2029',
      '\u0000\u001f\u007f',
      'ü',
      '\ufeff',
      '"\\/',
    ]) {
      expectSame(s);
      expectSame({ [s]: s });
    }
  });

  it('for numbers: zero, negative zero, exponents, the smallest and largest doubles, unsafe integers', () => {
    for (const n of [
      0,
      -0,
      1,
      -1,
      0.1 + 0.2,
      1e21,
      1e-7,
      123456789012345680000,
      5e-324,
      Number.MAX_VALUE,
      Number.MAX_SAFE_INTEGER + 2,
      -1.5e-300,
    ])
      expectSame({ n, list: [n] });
  });

  it('for key order: UTF-16 code units, digits as text, case, the empty key, __proto__ as parsed', () => {
    expectSame({ b: 1, a: 2, B: 3, é: 4, '10': 5, '2': 6, '': 7, '😀': 8, ﬀ: 9, 'a\u0000': 10 });
    expectSame(JSON.parse('{"z":1,"__proto__":{"b":2,"a":1},"constructor":3}'));
  });

  it('for nesting, undefined members and undefined array items', () => {
    expectSame({ a: [{ c: [{ e: [], d: {} }], b: null }], u: undefined, list: [undefined, 1, [undefined]] });
  });

  it('for generated JSON values', () => {
    const noToJson = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('"toJSON"'));
    fc.assert(
      fc.property(noToJson, (value) => {
        expectSame(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses, where the library alone would differ: an object with a toJSON member, NaN, a function', () => {
    const withToJson = JSON.parse('{"b":1,"toJSON":"x","a":2}') as unknown;
    // The library serialises such an object as JSON.stringify does, unsorted: not the journal's bytes.
    expect(canonicalize(withToJson)).not.toBe(legacyCanonicalJson(withToJson));
    expect(() => canonicalJson(withToJson)).toThrow(TypeError);
    expect(() => canonicalJson({ nested: [{ toJSON: 0 }] })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('a journal line holding a toJSON member, chained and hashed as the old serialiser would, is reported, not hashed differently', async () => {
    const [first] = await rotationJournalLines();
    const unsigned = {
      seq: 2,
      time: '2026-01-05T09:00:01.000Z',
      prev: sha256Hex(first ?? ''),
      kind: 'classification',
      data: { phase: 'no-rotation', next: [], forbidden: [], toJSON: 'x' },
    };
    const second = legacyCanonicalJson({ ...unsigned, hash: sha256Hex(legacyCanonicalJson(unsigned)) });
    const result = verifyJournalBytes(Buffer.from(`${first}\n${second}\n`));
    expect(result).toMatchObject({
      ok: false,
      status: 'tampered',
      tamperedAt: 2,
      reason: 'line 2 is not in canonical form (edited by hand?)',
    });
  });
});
