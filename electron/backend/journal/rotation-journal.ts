import { chmod, mkdir, open } from 'node:fs/promises';
import { canonicalJson, GENESIS_PREV, sha256Hex } from './canonical.js';
import {
  validateEntryInput,
  type JournalEntry,
  type JournalEntryInput,
  type RotationStartedData,
} from './entry-schema.js';
import { journalPath, journalsDir, newRotationId } from './rotation-id.js';
import { isSecretPrompt } from '../../../shared/parse/prompt-secrecy.js';
import { redactArgv, redactCredentialsDeep } from '../../../shared/security/credentials.js';
import { OutputScrubber } from './scrubber.js';
import { verifyJournal, type JournalVerification } from './verify.js';
import { createFileAtomic } from '../secure/atomic-write.js';

/** The only fact a secret prompt's answer leaves in the journal. */
export const SECRET_ANSWER_FACT = 'password entered';

/** The part of a file handle the journal uses; a test seam to observe write/fsync order. */
export interface JournalFile {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface JournalOptions {
  clock?: () => Date;
  /** Opens the journal for appending; defaults to `fs.open(path, 'a')`. */
  openFile?: (path: string) => Promise<JournalFile>;
  /** Receives one line per notable event (recovery of a torn tail); never secrets. */
  log?: (message: string) => void;
}

export type RotationStart = Omit<RotationStartedData, 'rotationId'> & { rotationId?: string };

export interface OutputOptions {
  stream?: 'stdout' | 'stderr' | 'pty';
  /** Secrets typed during this command; used to redact, never stored or kept. */
  secrets?: Iterable<string | Uint8Array>;
}

/** Raised by `resume` when the journal does not verify, so nothing is appended to a broken chain. */
export class JournalVerificationError extends Error {
  constructor(readonly verification: JournalVerification) {
    super(`journal does not verify: ${verification.reason}`);
    this.name = 'JournalVerificationError';
  }
}

function serialise(
  seq: number,
  time: string,
  prev: string,
  input: JournalEntryInput,
): { entry: JournalEntry; line: string } {
  const unsigned = { seq, time, prev, kind: input.kind, data: input.data };
  const entry = { ...unsigned, hash: sha256Hex(canonicalJson(unsigned)) } as JournalEntry;
  return { entry, line: canonicalJson(entry) };
}

async function ensureJournalsDir(dataDir: string): Promise<void> {
  const dir = journalsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone; the journals are ours, so tighten it.
  await chmod(dir, 0o700);
}

const defaultOpen = async (path: string): Promise<JournalFile> => open(path, 'a', 0o600);

/**
 * An append-only, hash-chained rotation journal. Each append (or batch of appends, `appendBatch`)
 * writes its lines and fsyncs once before its promise resolves, so whoever awaits it may tell the
 * renderer knowing the entries are durable. Appends and batches are serialised in call order; after
 * a failed write the journal refuses further appends, because the file's tail is then unknown
 * (reopen it with `resume`).
 */
export class RotationJournal {
  readonly #file: JournalFile;
  readonly #clock: () => Date;
  readonly #scrubber = new OutputScrubber();
  #queue: Promise<unknown> = Promise.resolve();
  #seq: number;
  #head: string;
  #broken: Error | undefined;
  #closed = false;

  private constructor(
    readonly rotationId: string,
    readonly path: string,
    file: JournalFile,
    seq: number,
    head: string,
    clock: () => Date,
  ) {
    this.#file = file;
    this.#seq = seq;
    this.#head = head;
    this.#clock = clock;
  }

  /** Starts a new journal whose first entry is `rotation-started`; the file appears atomically. */
  static async create(dataDir: string, start: RotationStart, options: JournalOptions = {}): Promise<RotationJournal> {
    const clock = options.clock ?? (() => new Date());
    const rotationId = start.rotationId ?? newRotationId(clock());
    const path = journalPath(dataDir, rotationId);
    await ensureJournalsDir(dataDir);
    const first = validateEntryInput({ kind: 'rotation-started', data: { ...start, rotationId } });
    const { line } = serialise(1, clock().toISOString(), GENESIS_PREV, first);
    await createFileAtomic(path, Buffer.from(`${line}\n`, 'utf8'), 0o600);
    const file = await (options.openFile ?? defaultOpen)(path);
    return new RotationJournal(rotationId, path, file, 1, sha256Hex(line), clock);
  }

  /**
   * Reopens an unfinished journal: verifies it, truncates a torn tail and records that as a
   * `recovered-torn-tail` entry. Throws JournalVerificationError if the journal is tampered or empty.
   */
  static async resume(
    dataDir: string,
    rotationId: string,
    options: JournalOptions = {},
  ): Promise<{ journal: RotationJournal; verification: JournalVerification }> {
    const path = journalPath(dataDir, rotationId);
    const verification = await verifyJournal(path);
    if (!verification.ok) throw new JournalVerificationError(verification);
    const torn = verification.tornTail;
    if (torn) {
      const handle = await open(path, 'r+');
      try {
        await handle.truncate(torn.offset);
        await handle.sync();
      } finally {
        await handle.close();
      }
      options.log?.(`journal ${rotationId}: dropped a torn last line of ${torn.bytes} bytes`);
    }
    const file = await (options.openFile ?? defaultOpen)(path);
    const journal = new RotationJournal(
      rotationId,
      path,
      file,
      verification.entries.length,
      verification.headHash,
      options.clock ?? (() => new Date()),
    );
    if (torn)
      await journal.append({
        kind: 'recovered-torn-tail',
        data: { line: torn.line, bytes: torn.bytes, sha256: torn.sha256 },
      });
    return { journal, verification };
  }

  /** Number of entries written so far (the seq of the last one). */
  get entryCount(): number {
    return this.#seq;
  }

  /** SHA-256 of the last line: the `prev` of the next entry. */
  get headHash(): string {
    return this.#head;
  }

  /** Appends one entry; resolves with it once the line is written and fsynced. */
  async append(input: JournalEntryInput, secrets: Iterable<string | Uint8Array> = []): Promise<JournalEntry> {
    const [entry] = await this.appendBatch([input], secrets);
    if (!entry) throw new Error('journal wrote no entry');
    return entry;
  }

  /**
   * Group commit: appends the inputs as consecutive entries with one write and one fsync, and
   * resolves with them, in order, once all are durable. Each input is prepared (scrubbed, redacted)
   * and validated now, in order, exactly as that many `append` calls would be; an invalid one rejects
   * the whole batch and nothing of it is written. Queued with `append`; a batch of one is an append.
   */
  appendBatch(
    inputs: readonly JournalEntryInput[],
    secrets: Iterable<string | Uint8Array> = [],
  ): Promise<JournalEntry[]> {
    let checked: JournalEntryInput[];
    try {
      if (this.#closed) throw new Error('journal is closed');
      // Read once: every input is scrubbed against the same secrets, even from a one-shot iterator.
      const typed = [...secrets];
      checked = inputs.map((input) => validateEntryInput(this.#prepare(input, typed)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const result = this.#queue.then(() => this.#write(checked));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Appends one output line after scrubbing secrets from it (see OutputScrubber). */
  appendOutput(line: string, options: OutputOptions = {}): Promise<JournalEntry> {
    const data = options.stream ? { line, stream: options.stream } : { line };
    return this.append({ kind: 'output', data }, options.secrets);
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    await this.#file.close();
  }

  // Scrubber state follows call order, which is also write order because appends are queued.
  // Callers never pass a credential in argv or text (the runner refuses such argv); redacting here
  // as well means one that slips through a future caller is still not written.
  #prepare(input: JournalEntryInput, secrets: Iterable<string | Uint8Array>): JournalEntryInput {
    if (this.#closed) throw new Error('journal is closed');
    switch (input.kind) {
      case 'command-started':
        this.#scrubber.reset();
        return { kind: 'command-started', data: { ...input.data, argv: redactArgv(input.data.argv) } };
      case 'prompt-answered': {
        const secret = input.data.promptKind === 'password' || isSecretPrompt(input.data.promptKind);
        if (!secret) return input;
        this.#scrubber.notePasswordAnswered();
        return { kind: 'prompt-answered', data: { promptKind: 'password', fact: SECRET_ANSWER_FACT } };
      }
      case 'output':
        return { kind: 'output', data: { ...input.data, line: this.#scrubber.scrub(input.data.line, secrets) } };
      case 'rotation-started':
      case 'registers':
        return input;
      default:
        return redactCredentialsDeep(input);
    }
  }

  async #write(inputs: readonly JournalEntryInput[]): Promise<JournalEntry[]> {
    if (this.#broken)
      throw new Error(`journal is no longer writable after an earlier failure: ${this.#broken.message}`);
    if (inputs.length === 0) return [];
    const entries: JournalEntry[] = [];
    const lines: string[] = [];
    let head = this.#head;
    for (const input of inputs) {
      const { entry, line } = serialise(this.#seq + entries.length + 1, this.#clock().toISOString(), head, input);
      entries.push(entry);
      lines.push(`${line}\n`);
      head = sha256Hex(line);
    }
    const bytes = Buffer.from(lines.join(''), 'utf8');
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await this.#file.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
      await this.#file.sync();
    } catch (error) {
      this.#broken = error instanceof Error ? error : new Error(String(error));
      throw this.#broken;
    }
    this.#seq += entries.length;
    this.#head = head;
    return entries;
  }
}
