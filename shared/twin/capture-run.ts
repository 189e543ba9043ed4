/**
 * A whole capture: run the read-only commands through whatever runner the host has (the CLI's
 * `ibmcloud` from PATH, or the app's command runner), build the twin and check it against its own
 * schema. Pure: the runner is handed in; nothing here opens a file, a key or a password.
 */
import { redactCredentialText } from '../security/credentials.js';
import {
  buildTwin,
  CAPTURE_COMMANDS,
  CaptureError,
  OPTIONAL_READINGS,
  VERSION_COMMANDS,
  type CaptureReadings,
} from './capture.js';
import { parseTwin, serialiseTwin, type Twin } from './schema.js';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `ibmcloud ...argv` with no input; undefined when there is no ibmcloud to run. */
export type TwinRun = (argv: readonly string[]) => Promise<CommandResult | undefined>;

/** No `ibmcloud` to capture with. */
export class NoCliError extends CaptureError {}

export interface CapturedTwin {
  twin: Twin;
  /** The file's text, as written. */
  text: string;
  warnings: string[];
  /** One line on what the twin holds. */
  summary: string;
}

/** `twin-YYYYMMDD-HHMMSS.json` for a capture at `at`. */
export function defaultTwinName(at: Date): string {
  return `twin-${at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}.json`;
}

function failureText(argv: readonly string[], r: CommandResult): string {
  const lines = `${r.stdout}\n${r.stderr}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'FAILED');
  const tail = lines.slice(-3).map(redactCredentialText).join(' / ');
  const how = r.code === null ? 'was stopped' : `failed (exit ${r.code})`;
  return `ibmcloud ${argv.join(' ')} ${how}${tail ? `: ${tail}` : ''}`;
}

async function readAll(run: TwinRun): Promise<{ readings: CaptureReadings; warnings: string[] }> {
  const warnings: string[] = [];
  const readings: Partial<CaptureReadings> = {};
  const commands = Object.entries(CAPTURE_COMMANDS) as [keyof typeof CAPTURE_COMMANDS, readonly string[]][];
  for (const [key, argv] of commands) {
    const r = await run(argv);
    if (r === undefined) {
      throw new NoCliError('no ibmcloud executable was found on PATH: install the IBM Cloud CLI and the tke plug-in.');
    }
    if (r.code === 0) readings[key] = r.stdout;
    else if (OPTIONAL_READINGS.has(key)) {
      warnings.push(`${failureText(argv, r)}; the capture goes on without this cross-check.`);
      readings[key] = null;
    } else throw new CaptureError(`${failureText(argv, r)}. Nothing was written.`);
  }
  const versions = [
    ['ibmcloudVersion', VERSION_COMMANDS.ibmcloud],
    ['tkeVersion', VERSION_COMMANDS.tke],
  ] as const;
  for (const [key, argv] of versions) {
    const r = await run(argv);
    readings[key] = r?.code === 0 ? r.stdout : null;
  }
  return { readings: readings as CaptureReadings, warnings };
}

/** Capture a twin with `run`; throws CaptureError (NoCliError) with the reason when it cannot. */
export async function captureTwin(run: TwinRun, at: Date): Promise<CapturedTwin> {
  const { readings, warnings } = await readAll(run);
  const built = buildTwin(readings, at);
  const check = parseTwin(JSON.stringify(built.twin));
  if (!check.ok) {
    throw new CaptureError(`what the CLI printed does not make a valid twin (${check.message}) Nothing was written.`);
  }
  const units = check.twin.instances.flatMap((i) => i.units);
  const files = check.twin.keyFiles;
  const summary =
    `${check.twin.instances.length} instance(s), ${units.length} crypto unit(s), ` +
    `${files.sigkeys.length} signature key file name(s), ${files.mkparts.length} key part file name(s)`;
  return { twin: check.twin, text: serialiseTwin(check.twin), warnings: [...warnings, ...built.warnings], summary };
}
