/**
 * One forgery per journal verification rule, each built so that every other rule still holds (the
 * hash recomputed, the chain intact), so the test goes red when its rule is removed; and the exact
 * verdict for empty, partial and unreadable files.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  GENESIS_PREV,
  sha256Hex,
  verifyJournal,
  verifyJournalBytes,
} from '../../../../electron/backend/journal/index.js';
import { sampleJournal, tempDataDir } from './helpers.js';

const ID = '20261128T201500Z-ab12cd';
const OTHER_ID = '20261128T201500Z-000000';
let whole: Buffer;
let lines: string[];

beforeAll(async () => {
  whole = await readFile(await sampleJournal(await tempDataDir()));
  lines = whole.toString('utf8').split('\n').slice(0, -1);
});

const asFile = (parts: string[]): Buffer => Buffer.from(parts.map((l) => `${l}\n`).join(''), 'utf8');

/** An entry changed and re-sealed: canonical, its own hash right, chained to `prev` when given. */
function reseal(line: string, change: (entry: Record<string, unknown>) => void): string {
  const entry = JSON.parse(line) as Record<string, unknown>;
  change(entry);
  const { hash: _hash, ...unsigned } = entry;
  return canonicalJson({ ...unsigned, hash: sha256Hex(canonicalJson(unsigned)) });
}

const tampered = (bytes: Buffer, id?: string) => verifyJournalBytes(bytes, id);

describe('each rule of a journal line', () => {
  it('refuses valid JSON that is not a journal entry', () => {
    const changed = [...lines];
    changed[1] = canonicalJson({ seq: 2, note: 'hello' });
    expect(tampered(asFile(changed), ID)).toMatchObject({
      ok: false,
      status: 'tampered',
      tamperedAt: 2,
      reason: 'line 2 does not have the shape of a journal entry',
    });
  });

  it('refuses an entry written with other spacing or member order', () => {
    const changed = [...lines];
    changed[3] = JSON.stringify(JSON.parse(lines[3]!), null, 1).replace(/\n/g, '');
    expect(tampered(asFile(changed), ID)).toMatchObject({
      tamperedAt: 4,
      reason: 'line 4 is not in canonical form (edited by hand?)',
    });
  });

  it('refuses a wrong seq even on a re-sealed last line, which no later line would expose', () => {
    const changed = [...lines];
    changed[9] = reseal(lines[9]!, (e) => (e.seq = 12));
    expect(tampered(asFile(changed), ID)).toMatchObject({
      tamperedAt: 10,
      reason: 'line 10 carries seq 12 (entries removed, inserted or reordered)',
    });
  });

  it('refuses a line whose prev does not name the line before it', () => {
    const changed = [...lines];
    changed[4] = reseal(lines[4]!, (e) => (e.prev = sha256Hex('another line')));
    expect(tampered(asFile(changed), ID)).toMatchObject({
      tamperedAt: 5,
      reason: 'line 5 does not chain to the previous line (earlier content changed)',
    });
  });

  it('refuses a line whose content no longer matches its hash', () => {
    const changed = [...lines];
    const entry = JSON.parse(lines[6]!) as Record<string, unknown>;
    changed[6] = canonicalJson({ ...entry, time: '2030-01-01T00:00:00.000Z' });
    expect(tampered(asFile(changed), ID)).toMatchObject({
      tamperedAt: 7,
      reason: 'line 7 does not match its own hash (content changed)',
    });
  });

  it('refuses a journal that does not open with rotation-started', () => {
    const first = reseal(lines[1]!, (e) => {
      e.seq = 1;
      e.prev = GENESIS_PREV;
    });
    expect(tampered(asFile([first]), ID)).toMatchObject({
      tamperedAt: 1,
      reason: 'line 1 is not a rotation-started entry',
    });
  });

  it('refuses a second rotation-started entry', () => {
    const second = reseal(lines[0]!, (e) => {
      e.seq = 2;
      e.prev = sha256Hex(lines[0]!);
    });
    expect(tampered(asFile([lines[0]!, second]), ID)).toMatchObject({
      tamperedAt: 2,
      reason: 'line 2 is a second rotation-started entry',
    });
  });

  it('checks the rotation id only against an expected one', () => {
    expect(verifyJournalBytes(whole)).toMatchObject({ ok: true, status: 'ok' });
    expect(tampered(whole, OTHER_ID)).toMatchObject({
      tamperedAt: 1,
      reason: `line 1 names rotation ${ID}, not the file's ${OTHER_ID}`,
    });
  });
});

describe('verdicts on the whole file', () => {
  it('reports a torn tail after a tampered line too, with the verified prefix and its head', () => {
    const changed = [...lines];
    changed[2] = lines[2]!.replace('"seq":3', '"seq":30');
    const result = verifyJournalBytes(Buffer.concat([asFile(changed), Buffer.from('{"partial')]), ID);
    expect(result).toMatchObject({ ok: false, status: 'tampered', tamperedAt: 3, tornTail: { line: 11, bytes: 9 } });
    expect(result.entries).toHaveLength(2);
    expect(result.headHash).toBe(sha256Hex(lines[1]!));
  });

  it('words an empty file, a lone partial line and a torn tail exactly', () => {
    expect(verifyJournalBytes(Buffer.alloc(0))).toMatchObject({
      status: 'empty',
      reason: 'the journal is empty',
      headHash: GENESIS_PREV,
    });
    expect(verifyJournalBytes(whole.subarray(0, 40))).toMatchObject({
      status: 'empty',
      reason: 'the journal holds only a partial first line',
    });
    expect(verifyJournalBytes(Buffer.concat([whole, Buffer.from('{"seq":11')]), ID)).toMatchObject({
      ok: true,
      status: 'torn-tail',
      reason: '10 entries verified; a partial last line of 9 bytes (crash during a write) will be dropped on resume',
    });
  });
});

describe('verifyJournal (a file)', () => {
  it('says a missing file is unreadable, with its error code, and never throws', async () => {
    const missing = join(await tempDataDir(), `${ID}.jsonl`);
    expect(await verifyJournal(missing)).toEqual({
      ok: false,
      status: 'unreadable',
      entries: [],
      reason: 'cannot read the journal: ENOENT',
      headHash: GENESIS_PREV,
    });
  });

  it('expects the rotation id of a file named <id>.jsonl, and of no other name', async () => {
    const dir = await tempDataDir();
    const source = join(dir, 'source');
    await writeFile(source, whole);
    const named = async (name: string) => {
      await copyFile(source, join(dir, name));
      return verifyJournal(join(dir, name));
    };
    expect(await named(`${ID}.jsonl`)).toMatchObject({ ok: true, status: 'ok' });
    expect(await named(`${OTHER_ID}.jsonl`)).toMatchObject({
      status: 'tampered',
      reason: `line 1 names rotation ${ID}, not the file's ${OTHER_ID}`,
    });
    // Only a name ending in .jsonl binds the id; anything else is checked without one.
    expect(await named(`.jsonl${OTHER_ID}`)).toMatchObject({ ok: true, status: 'ok' });
    expect(await named(`${OTHER_ID}.jsonl.bak`)).toMatchObject({ ok: true, status: 'ok' });
  });
});
