/**
 * `mkra classify [--flow auto|keyparts] [--registers FILE] [--json] TRANSCRIPT...` (contract in
 * architecture.md). Exit 0 when classified, whatever the phase; 2 with one line on stderr when the
 * input is unusable.
 */
import { readFile, stat } from 'node:fs/promises';
import { classify, formatClassification, parseRegistersInput, FLOWS, type Flow, type RegisterReading } from '../../shared/classifier/index.js';
import { decodeTranscript } from '../../shared/parse/decode.js';
import { redactCredentialText } from '../../shared/security/credentials.js';

export interface ClassifyIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<{ isDirectory(): boolean; size: number }>;
}

/** Larger inputs are refused rather than risking the process's memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

const USAGE = 'usage: mkra classify [--flow auto|keyparts] [--registers FILE] [--json] TRANSCRIPT...';

class InputError extends Error {}

interface Options {
  flow: Flow | undefined;
  registers: string | undefined;
  json: boolean;
  files: string[];
  help: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { flow: undefined, registers: undefined, json: false, files: [], help: false };
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      o.files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = (): string => {
      const v = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (v === undefined || v === '') throw new InputError(`${name} needs a value. ${USAGE}`);
      return v;
    };
    switch (name) {
      case '--':
        onlyFiles = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--flow': {
        const v = value();
        if (!(FLOWS as readonly string[]).includes(v)) throw new InputError(`unknown --flow ${JSON.stringify(v)}: use auto or keyparts`);
        o.flow = v as Flow;
        break;
      }
      case '--registers':
        o.registers = value();
        break;
      default:
        throw new InputError(`unknown option ${name}. ${USAGE}`);
    }
  }
  return o;
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

async function readText(io: ClassifyIo, path: string, what: string): Promise<string> {
  let info: { isDirectory(): boolean; size: number };
  try {
    info = await io.stat(path);
  } catch (e) {
    throw new InputError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  if (info.isDirectory()) throw new InputError(`${what} ${path} is a directory, not a file`);
  if (info.size > MAX_INPUT_BYTES) throw new InputError(`${what} ${path} is too large (${info.size} bytes, limit ${MAX_INPUT_BYTES})`);
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (e) {
    throw new InputError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  const decoded = decodeTranscript(bytes);
  if (!decoded.ok) throw new InputError(`${what} ${path}: ${decoded.reason}`);
  return decoded.text;
}

/** Run `mkra classify` with the given arguments; resolves to the exit code. */
export async function runClassify(argv: string[], io: ClassifyIo): Promise<number> {
  try {
    const o = parseArgs(argv);
    if (o.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (o.files.length === 0) throw new InputError(`no transcript given. ${USAGE}`);
    const transcripts: { file: string; text: string }[] = [];
    // Evidence quotes lines: a credential typed on a captured command line is not printed back.
    for (const file of o.files) transcripts.push({ file, text: (await readText(io, file, 'transcript')).split('\n').map(redactCredentialText).join('\n') });
    let registers: RegisterReading[] | undefined;
    if (o.registers !== undefined) {
      const parsed = parseRegistersInput(await readText(io, o.registers, 'registers file'));
      if (!parsed.ok) throw new InputError(`registers file ${o.registers}: ${parsed.reason}`);
      registers = parsed.units;
    }
    const result = classify({
      transcripts,
      ...(o.flow === undefined ? {} : { flow: o.flow }),
      ...(registers === undefined ? {} : { registers, registersFile: o.registers }),
    });
    io.stdout(o.json ? `${JSON.stringify(result)}\n` : formatClassification(result));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`mkra classify: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw e;
  }
}

/** The real process's io for `runClassify`. */
export function nodeClassifyIo(): ClassifyIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    readFile: (path) => readFile(path),
    stat: async (path) => stat(path),
  };
}
