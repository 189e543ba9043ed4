/**
 * `mkra twin capture [--out FILE]`: read the instances through whatever `ibmcloud` is on PATH with
 * read-only commands only, and write a twin file (docs/twin.md). The commands get no input (a
 * prompt ends at once) and this module opens no file but the one it creates.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import {
  captureTwin,
  defaultTwinName,
  NoCliError,
  type CommandResult,
  type TwinRun,
} from '../../shared/twin/capture-run.js';
import { findOnPath } from '../backend/environment/detect-tke.js';
import { parseCommand, printUsageError, UsageError } from './args.js';

export type { CommandResult };

export interface TwinIo {
  /** Run `ibmcloud ...argv` with no input; undefined when no ibmcloud is on PATH. */
  run: TwinRun;
  /** Create a new file (never replaces one); throws with code EEXIST when it exists. */
  create(path: string, text: string): Promise<void>;
  stdout(s: string): void;
  stderr(s: string): void;
  now(): Date;
}

const USAGE = 'usage: mkra twin capture [--out FILE]';
/** A TKE command talks to the cloud; a slow link is allowed minutes, a hung one is stopped. */
const COMMAND_TIMEOUT_MS = 300_000;
const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

function parseOptions(argv: readonly string[]): { out: string | undefined; help: boolean } {
  const [verb, ...rest] = argv;
  if (verb === undefined || ['help', '--help', '-h'].includes(verb)) return { out: undefined, help: true };
  if (verb !== 'capture') throw new UsageError(`unknown twin command ${JSON.stringify(verb)}. ${USAGE}`);
  const { values, positionals } = parseCommand(
    rest,
    { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}. ${USAGE}`);
  return { out: values.out, help: values.help === true };
}

async function capture(io: TwinIo, out: string | undefined): Promise<number> {
  const at = io.now();
  const captured = await captureTwin(io.run, at);
  const path = out ?? defaultTwinName(at);
  try {
    await io.create(path, captured.text);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EEXIST') {
      throw new UsageError(`${path} exists already; a capture never replaces a file. Choose another --out.`);
    }
    throw e;
  }
  for (const w of captured.warnings) io.stderr(`mkra: warning: ${w}\n`);
  io.stdout(
    `Twin written to ${path}: ${captured.summary}.\n` +
      'It holds names, SKIs, settings and verification patterns only: no key file contents, no passwords.\n',
  );
  return 0;
}

/** Run `mkra twin ...`; resolves to the exit code (0 written, 1 the CLI failed, 2 usage or no CLI). */
export async function runTwin(argv: readonly string[], io: TwinIo): Promise<number> {
  try {
    const o = parseOptions(argv);
    if (o.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    return await capture(io, o.out);
  } catch (e) {
    if (e instanceof UsageError) return printUsageError('mkra twin', e, (s) => io.stderr(s));
    io.stderr(`mkra: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof NoCliError ? 2 : 1;
  }
}

function runOnce(file: string, argv: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const options = {
    env,
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
    encoding: 'utf8',
    windowsHide: true,
  } as const;
  return new Promise((resolve) => {
    const child = execFile(file, [...argv], options, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr: error !== null && code === null ? `${stderr}\n${error.message}` : stderr });
    });
    // No input: a command that prompts reads end-of-input and stops instead of waiting.
    child.stdin?.end();
  });
}

/** The real process side: ibmcloud from PATH, the caller's environment, files created 0600. */
export function nodeTwinIo(env: NodeJS.ProcessEnv): TwinIo {
  const ibmcloud = findOnPath('ibmcloud', env);
  const childEnv = { ...env, IBMCLOUD_COLOR: 'false', IBMCLOUD_VERSION_CHECK: 'false' };
  return {
    run: (argv) => (ibmcloud === null ? Promise.resolve(undefined) : runOnce(ibmcloud, argv, childEnv)),
    create: (path, text) => writeFile(path, text, { flag: 'wx', mode: 0o600 }),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    now: () => new Date(),
  };
}
