import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { canonicalJson, GENESIS_PREV, sha256Hex } from './canonical.js';
import { journalEntrySchema, type JournalEntry } from './entry-schema.js';
import { isRotationId } from './rotation-id.js';

/** Overall state of a journal file. `torn-tail` still counts as ok: it is the expected crash shape. */
export type JournalStatus = 'ok' | 'torn-tail' | 'tampered' | 'empty' | 'unreadable';

export interface TornTail {
  /** 1-based line number the partial line would have had. */
  line: number;
  /** Length of the partial line in bytes. */
  bytes: number;
  /** Byte offset where the partial line starts: the length to truncate the file to. */
  offset: number;
  /** SHA-256 of the partial bytes, so the recovery entry can name what it dropped without storing it. */
  sha256: string;
}

export interface JournalVerification {
  ok: boolean;
  status: JournalStatus;
  /** Entries that verified, in order; on tampering, those before the first bad one. */
  entries: JournalEntry[];
  tornTail?: TornTail;
  /** Seq (1-based line number) of the first entry that breaks the chain. */
  tamperedAt?: number;
  reason: string;
  /** SHA-256 of the last verified line: the `prev` the next entry must carry. */
  headHash: string;
}

type LineCheck = { entry: JournalEntry } | { problem: string };

/** Whether the line is the canonical form of what it parses to (a value canonical JSON refuses is not). */
function isCanonical(raw: unknown, text: string): boolean {
  let canonical: string | null = null;
  try {
    canonical = canonicalJson(raw);
  } catch {
    // Refused by canonical JSON (docs/journal.md): no canonical form, so not this line's.
  }
  return canonical === text;
}

function checkLine(text: string, seq: number, prev: string, expectedId: string | undefined): LineCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  const parsed = journalEntrySchema.safeParse(raw);
  if (!parsed.success) return { problem: 'does not have the shape of a journal entry' };
  const entry = parsed.data as JournalEntry;
  if (!isCanonical(raw, text)) return { problem: 'is not in canonical form (edited by hand?)' };
  if (entry.seq !== seq) return { problem: `carries seq ${entry.seq} (entries removed, inserted or reordered)` };
  if (entry.prev !== prev) return { problem: 'does not chain to the previous line (earlier content changed)' };
  const { hash: _hash, ...unsigned } = raw as Record<string, unknown>;
  if (sha256Hex(canonicalJson(unsigned)) !== entry.hash)
    return { problem: 'does not match its own hash (content changed)' };
  if ((seq === 1) !== (entry.kind === 'rotation-started')) {
    return { problem: seq === 1 ? 'is not a rotation-started entry' : 'is a second rotation-started entry' };
  }
  if (entry.kind === 'rotation-started' && expectedId !== undefined && entry.data.rotationId !== expectedId) {
    return { problem: `names rotation ${entry.data.rotationId}, not the file's ${expectedId}` };
  }
  return { entry };
}

/**
 * Verifies journal bytes: every complete line must be a canonical, schema-valid entry whose seq, prev
 * and hash chain from the genesis value. Bytes after the last newline are a torn tail (a crash during
 * an append that was never acknowledged): reported, not an error.
 */
export function verifyJournalBytes(bytes: Uint8Array, expectedRotationId?: string): JournalVerification {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lastNewline = buffer.lastIndexOf(0x0a);
  const completeEnd = lastNewline + 1;
  const lines = completeEnd === 0 ? [] : buffer.subarray(0, lastNewline).toString('utf8').split('\n');
  const tail = buffer.subarray(completeEnd);
  const tornTail: TornTail | undefined =
    tail.length === 0
      ? undefined
      : { line: lines.length + 1, bytes: tail.length, offset: completeEnd, sha256: sha256Hex(tail.toString('latin1')) };
  const entries: JournalEntry[] = [];
  let prev = GENESIS_PREV;
  for (const [index, text] of lines.entries()) {
    const seq = index + 1;
    const check = checkLine(text, seq, prev, expectedRotationId);
    if ('problem' in check) {
      return {
        ok: false,
        status: 'tampered',
        entries,
        tamperedAt: seq,
        reason: `line ${seq} ${check.problem}`,
        headHash: prev,
        ...(tornTail ? { tornTail } : {}),
      };
    }
    entries.push(check.entry);
    prev = sha256Hex(text);
  }
  if (entries.length === 0) {
    const reason = tornTail ? 'the journal holds only a partial first line' : 'the journal is empty';
    return { ok: false, status: 'empty', entries, reason, headHash: prev, ...(tornTail ? { tornTail } : {}) };
  }
  if (tornTail) {
    const reason = `${entries.length} entries verified; a partial last line of ${tornTail.bytes} bytes (crash during a write) will be dropped on resume`;
    return { ok: true, status: 'torn-tail', entries, tornTail, reason, headHash: prev };
  }
  return { ok: true, status: 'ok', entries, reason: `${entries.length} entries verified`, headHash: prev };
}

/** Reads and verifies one journal file; never throws (an unreadable file is a status). */
export async function verifyJournal(path: string): Promise<JournalVerification> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = `cannot read the journal: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    return { ok: false, status: 'unreadable', entries: [], reason, headHash: GENESIS_PREV };
  }
  const id = basename(path).replace(/\.jsonl$/, '');
  return verifyJournalBytes(bytes, isRotationId(id) ? id : undefined);
}
