/**
 * `mkra verify FILE [--key PUBKEY]` (the contract and details are in docs/reports.md).
 * Exit 0 valid (signer fingerprint and a summary on stdout), 1 invalid or tampered, 2 unreadable or
 * not a report; failures are one line on stderr.
 */
import { readFile, stat } from 'node:fs/promises';
import { keyFactLines, summaryLines } from '../../shared/reports/index.js';
import {
  verifyReportBytes,
  MAX_REPORT_BYTES,
  PDF_RENDERER,
  type ReportVerification,
} from '../backend/reports/index.js';
import { parseCommand, printUsageError, UsageError } from './args.js';

export interface VerifyIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<{ isDirectory(): boolean; size: number }>;
}

const USAGE = 'usage: mkra verify [--key FINGERPRINT|PUBLIC-KEY-FILE] FILE';

const OPTIONS = { key: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function parseOptions(argv: readonly string[]): { file: string | undefined; key: string | undefined; help: boolean } {
  const { values, positionals } = parseCommand(argv, OPTIONS, USAGE);
  if (positionals.length > 1) throw new UsageError(`one report at a time, got ${positionals.length} files. ${USAGE}`);
  return { file: positionals[0], key: values.key, help: values.help === true };
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

async function readInput(io: VerifyIo, path: string, what: string, limit: number): Promise<Uint8Array> {
  try {
    const info = await io.stat(path);
    if (info.isDirectory()) throw new UsageError(`${what} ${path} is a directory, not a file`);
    if (info.size > limit) throw new UsageError(`${what} ${path} is too large (${info.size} bytes)`);
    return await io.readFile(path);
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
}

// `--key` names a file when one exists at that path; otherwise its text is the key or fingerprint.
async function pinnedKeyText(io: VerifyIo, value: string): Promise<string> {
  const isFile = await io.stat(value).then(
    (info) => !info.isDirectory(),
    () => false,
  );
  return isFile ? new TextDecoder().decode(await readInput(io, value, 'key file', 1024 * 1024)) : value;
}

function pagesNotChecked(renderer: string): string {
  return (
    `THE PAGES OF THIS PDF WERE NOT CHECKED. It names PDF renderer "${renderer}"; this mkra has "${PDF_RENDERER}" and cannot re-create its pages. ` +
    'Only the signed report.json attached to it is verified: what the pages show may differ from it. Compare the pages with the signed facts below, or verify the separate .json file.'
  );
}

/** What exit 0 prints: the verdict, who signed, what was checked of the pages, the signed summary. */
function validLines(file: string, result: Extract<ReportVerification, { status: 'valid' }>): string[] {
  const renderer = result.content.signing.pdfRenderer;
  const pages =
    result.pages === 'identical'
      ? [`Pages: identical to the PDF made from the signed report (renderer ${renderer})`]
      : result.pages === 'not-checked'
        ? [
            `WARNING: ${pagesNotChecked(renderer)}`,
            'Signed facts (compare them with the pages):',
            ...keyFactLines(result.content).map((line) => `  ${line}`),
          ]
        : [];
  return [
    result.pages === 'not-checked'
      ? `VALID (signed report.json only; the pages were NOT checked): ${file}`
      : `VALID: ${file}`,
    `Signer (report key) fingerprint: ${result.fingerprint}` +
      (result.pinned
        ? ' (matches the pinned key)'
        : ' (not pinned: compare it with the fingerprint you expect, or use --key)'),
    ...(result.admin
      ? [
          `Administrator co-signature: ${result.admin.name || '(no name)'}, SKI ${result.admin.ski} (match it against cryptounit-admins)`,
        ]
      : []),
    ...pages,
    ...summaryLines(result.content),
  ];
}

/** Run `mkra verify` with the given arguments; resolves to the exit code. */
export async function runVerify(argv: string[], io: VerifyIo): Promise<number> {
  try {
    const o = parseOptions(argv);
    if (o.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (o.file === undefined) throw new UsageError(`no report given. ${USAGE}`);
    const pinnedKey = o.key === undefined ? undefined : await pinnedKeyText(io, o.key);
    const bytes = await readInput(io, o.file, 'report', MAX_REPORT_BYTES);
    const result = await verifyReportBytes(bytes, pinnedKey === undefined ? {} : { pinnedKey });
    if (result.exitCode !== 0) {
      const word = result.exitCode === 1 ? 'INVALID' : 'cannot verify';
      io.stderr(`mkra verify: ${word}: ${o.file}: ${result.reason.replace(/\s*\n\s*/g, ' ')}\n`);
      return result.exitCode;
    }
    const lines = validLines(o.file, result);
    if (result.pages === 'not-checked')
      io.stderr(`mkra verify: WARNING: ${o.file}: ${pagesNotChecked(result.content.signing.pdfRenderer)}\n`);
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return printUsageError('mkra verify', e, (s) => io.stderr(s));
    throw e;
  }
}

/** The real process's io for `runVerify`. */
export function nodeVerifyIo(): VerifyIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    readFile: (path) => readFile(path),
    stat: async (path) => stat(path),
  };
}
