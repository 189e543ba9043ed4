/**
 * `mkra classify [--flow auto|keyparts|smartcard] [--registers FILE] [--signing-service] [--json] TRANSCRIPT...` (contract in
 * docs/classifier.md). Exit 0 when classified, whatever the phase; 2 with one line on stderr when
 * the input is unusable: unreadable, not a regular file, empty, binary, or over the size limit.
 */
import { MAX_ANALYSIS_BYTES } from '../../shared/analysis/types.js';
import {
  classify,
  formatClassification,
  parseRegistersInput,
  FLOWS,
  type Flow,
  type RegisterReading,
} from '../../shared/classifier/index.js';
import type { Advice, Classification } from '../../shared/classifier/types.js';
import { decodeTranscript } from '../../shared/parse/decode.js';
import { redactCredentialText } from '../../shared/security/credentials.js';
import { parseCommand, printUsageError, UsageError } from './args.js';
import { readBounded, type BoundedRead } from './bounded-read.js';

export interface ClassifyIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Read a regular file of at most `maxBytes` (see bounded-read.ts); throws on I/O errors. */
  readInput(path: string, maxBytes: number): Promise<BoundedRead>;
}

/**
 * All inputs together (transcripts and registers file), the same limit as the app's analysis
 * screen. Classifying holds every line of the input at once; at this size even a transcript of
 * one-character lines (the most lines per byte) stays well inside Node's default memory.
 */
export const MAX_INPUT_BYTES = MAX_ANALYSIS_BYTES;
const LIMIT_TEXT = `${MAX_INPUT_BYTES} bytes (${MAX_INPUT_BYTES / 1024 / 1024} MiB) of input in all`;

const USAGE =
  'usage: mkra classify [--flow auto|keyparts|smartcard] [--registers FILE] [--signing-service] [--json] TRANSCRIPT...';

interface Options {
  flow: Flow | undefined;
  registers: string | undefined;
  /** The workstation signs through a signing service (TKE_SIGNSERV_URL): no advice names sigkey-sel. */
  signingService: boolean;
  json: boolean;
  files: string[];
  help: boolean;
}

const OPTIONS = {
  flow: { type: 'string' },
  registers: { type: 'string' },
  'signing-service': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseOptions(argv: readonly string[]): Options {
  const { values, positionals } = parseCommand(argv, OPTIONS, USAGE);
  const flow = values.flow;
  if (flow !== undefined && !(FLOWS as readonly string[]).includes(flow)) {
    throw new UsageError(`unknown --flow ${JSON.stringify(flow)}: use auto, keyparts or smartcard`);
  }
  return {
    flow: flow as Flow | undefined,
    registers: values.registers,
    signingService: values['signing-service'] === true,
    json: values.json === true,
    files: positionals,
    help: values.help === true,
  };
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

/** Reads one input within what is left of the limit; `budget.used` grows by its size. */
async function readText(io: ClassifyIo, path: string, what: string, budget: { used: number }): Promise<string> {
  let read: BoundedRead;
  try {
    read = await io.readInput(path, MAX_INPUT_BYTES - budget.used);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  if (read.kind === 'not-a-file') throw new UsageError(`${what} ${path} is ${read.what}, not a regular file`);
  if (read.kind === 'too-large') {
    const size = read.size === null ? `more than ${MAX_INPUT_BYTES - budget.used} bytes` : `${read.size} bytes`;
    const before = budget.used > 0 ? ` after ${budget.used} bytes of other input` : '';
    throw new UsageError(`${what} ${path} is too large (${size}${before}); the limit is ${LIMIT_TEXT}`);
  }
  budget.used += read.bytes.length;
  // As on the app's analysis screen, empty input is a problem to fix, not "nothing to recover".
  const empty = (how: string) =>
    new UsageError(
      `empty ${what}: ${path} ${how}, ${what === 'transcript' ? 'no output to classify' : 'no register reading'}`,
    );
  if (read.bytes.length === 0) throw empty('is empty (0 bytes)');
  const decoded = decodeTranscript(read.bytes);
  if (!decoded.ok) throw new UsageError(`${what} ${path}: ${decoded.reason}`);
  if (decoded.text.trim() === '') throw empty('holds only blank lines');
  return decoded.text;
}

/** Run `mkra classify` with the given arguments; resolves to the exit code. */
/**
 * The `--json` object as the command-line contract defines it: each next and forbidden step is
 * `{"command","why"}`. The argv the app itself runs a step with stays inside the app.
 */
function contractJson(result: Classification): unknown {
  const step = ({ command, why }: Advice): { command: string; why: string } => ({ command, why });
  return { ...result, next: result.next.map(step), forbidden: result.forbidden.map(step) };
}

export async function runClassify(argv: string[], io: ClassifyIo): Promise<number> {
  try {
    const o = parseOptions(argv);
    if (o.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (o.files.length === 0) throw new UsageError(`no transcript given. ${USAGE}`);
    const budget = { used: 0 };
    const transcripts: { file: string; text: string }[] = [];
    // Evidence quotes lines: a credential typed on a captured command line is not printed back.
    for (const file of o.files)
      transcripts.push({
        file,
        text: (await readText(io, file, 'transcript', budget)).split('\n').map(redactCredentialText).join('\n'),
      });
    let registers: RegisterReading[] | undefined;
    if (o.registers !== undefined) {
      const parsed = parseRegistersInput(await readText(io, o.registers, 'registers file', budget));
      if (!parsed.ok) throw new UsageError(`registers file ${o.registers}: ${parsed.reason}`);
      registers = parsed.units;
    }
    const result = classify({
      transcripts,
      ...(o.flow === undefined ? {} : { flow: o.flow }),
      ...(registers === undefined ? {} : { registers, registersFile: o.registers }),
      ...(o.signingService ? { signingService: true } : {}),
    });
    io.stdout(o.json ? `${JSON.stringify(contractJson(result))}\n` : formatClassification(result));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return printUsageError('mkra classify', e, (s) => io.stderr(s));
    throw e;
  }
}

/** The real process's io for `runClassify`. */
export function nodeClassifyIo(): ClassifyIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    readInput: readBounded,
  };
}
