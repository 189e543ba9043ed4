import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex, verifyJournalBytes } from '../../../../electron/backend/journal/index.js';
import { sampleJournal, tempDataDir } from './helpers.js';

const ID = '20261128T201500Z-ab12cd';
let whole: Buffer;
let lines: string[];

beforeAll(async () => {
  whole = await readFile(await sampleJournal(await tempDataDir()));
  lines = whole.toString('utf8').split('\n').slice(0, -1);
});

const join = (parts: string[]): Buffer => Buffer.from(parts.map((l) => `${l}\n`).join(''), 'utf8');

function edit(line: string, change: (entry: Record<string, unknown>) => void, rehash: boolean): string {
  const entry = JSON.parse(line) as Record<string, unknown>;
  change(entry);
  if (rehash) {
    const { hash: _hash, ...unsigned } = entry;
    entry.hash = sha256Hex(canonicalJson(unsigned));
  }
  return canonicalJson(entry);
}

describe('verifyJournalBytes', () => {
  it('accepts the untouched sample', () => {
    expect(verifyJournalBytes(whole, ID)).toMatchObject({ ok: true, status: 'ok', reason: '10 entries verified' });
  });

  it('reports tampering at the exact seq when any entry is modified, even with its hash recomputed', () => {
    expect(lines).toHaveLength(10);
    for (let i = 0; i < lines.length; i += 1) {
      for (const rehash of [false, true]) {
        const changed = [...lines];
        changed[i] = edit(lines[i]!, (e) => (e.time = '2030-01-01T00:00:00.000Z'), rehash);
        const result = verifyJournalBytes(join(changed), ID);
        // A recomputed hash on the last line cannot be detected by the chain: nothing follows it.
        const expected = rehash ? (i === lines.length - 1 ? undefined : i + 2) : i + 1;
        expect(result.tamperedAt, `line ${i + 1} rehash=${rehash}`).toBe(expected);
        if (expected !== undefined) {
          expect(result.ok).toBe(false);
          expect(result.entries).toHaveLength(expected - 1);
        }
      }
    }
  });

  it('reports a removed entry at every position but the last', () => {
    for (let i = 0; i < lines.length - 1; i += 1) {
      const result = verifyJournalBytes(join(lines.filter((_, j) => j !== i)), ID);
      expect(result, `removed ${i + 1}`).toMatchObject({ ok: false, status: 'tampered', tamperedAt: i + 1 });
    }
  });

  it('reports swapped neighbours at every position', () => {
    for (let i = 0; i < lines.length - 1; i += 1) {
      const swapped = [...lines];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      expect(verifyJournalBytes(join(swapped), ID).tamperedAt, `swap ${i + 1}`).toBe(i + 1);
    }
  });

  it('reports whitespace-only edits and invalid JSON in earlier lines', () => {
    const spaced = [...lines];
    spaced[3] = spaced[3]!.replace('{', '{ ');
    expect(verifyJournalBytes(join(spaced), ID).tamperedAt).toBe(4);
    const broken = [...lines];
    broken[2] = broken[2]!.slice(0, 20);
    expect(verifyJournalBytes(join(broken), ID)).toMatchObject({ tamperedAt: 3, reason: 'line 3 is not valid JSON' });
  });

  it('reports a journal copied under another rotation id', () => {
    expect(verifyJournalBytes(whole, '20261128T201500Z-000000')).toMatchObject({ tamperedAt: 1 });
  });

  it('tolerates a torn last line cut at every byte offset', () => {
    const lastStart = whole.length - Buffer.byteLength(`${lines.at(-1)!}\n`);
    for (let cut = lastStart; cut < whole.length; cut += 1) {
      const result = verifyJournalBytes(whole.subarray(0, cut), ID);
      expect(result.ok, `cut ${cut}`).toBe(true);
      expect(result.tamperedAt).toBeUndefined();
      expect(result.entries).toHaveLength(9);
      if (cut === lastStart) {
        expect(result.status).toBe('ok');
      } else {
        expect(result.status).toBe('torn-tail');
        expect(result.tornTail).toMatchObject({ line: 10, bytes: cut - lastStart, offset: lastStart });
      }
    }
  });

  it('tolerates a zero-filled tail as power loss can leave it', () => {
    const result = verifyJournalBytes(Buffer.concat([whole, Buffer.alloc(300)]), ID);
    expect(result).toMatchObject({ ok: true, status: 'torn-tail', tornTail: { bytes: 300 } });
  });

  it('calls an empty file or a lone partial line empty, not tampered', () => {
    expect(verifyJournalBytes(Buffer.alloc(0))).toMatchObject({ ok: false, status: 'empty' });
    expect(verifyJournalBytes(whole.subarray(0, 40))).toMatchObject({
      ok: false,
      status: 'empty',
      tornTail: { bytes: 40 },
    });
  });
});
