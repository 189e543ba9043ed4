/**
 * How a TKE command is started: live (`ibmcloud tke ...`) or demo (`ibmcloud-sim tke ...`), with an
 * environment built from an allowlist so nothing else of the app's leaks into the CLI, and the
 * checks that turn a missing CLI, plug-in or key-file directory into a clear message.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { APP_TKE_COMMANDS } from '../../../shared/tke/commands.js';
import { projectRoot } from '../package-info.js';

/** Variables passed through from the app's environment (system essentials only, no secrets). */
const PASS_THROUGH = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'SystemRoot', 'SYSTEMROOT', 'windir', 'ComSpec', 'PATHEXT', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'IBMCLOUD_HOME'];

export interface Invocation {
  mode: AppInfo['mode'];
  /** The program and the arguments before the user's argv. */
  file: string;
  prefixArgs: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface InvocationOptions {
  info: AppInfo;
  env: NodeJS.ProcessEnv;
  /** Demo only: the simulator's state directory and time scale. */
  simDir?: string;
  simTimeScale?: string;
}

/** Build the invocation for the detected mode, or refuse with the reason a new user needs. */
export function buildInvocation({ info, env, simDir, simTimeScale }: InvocationOptions): Invocation {
  const base: Record<string, string> = { TERM: 'xterm', IBMCLOUD_COLOR: 'false', IBMCLOUD_VERSION_CHECK: 'false' };
  for (const name of PASS_THROUGH) {
    const value = env[name];
    if (value !== undefined) base[name] = value;
  }
  if (info.tkeFiles.status !== 'ok' || !info.tkeFiles.dir) {
    throw new RefusedError(`${info.tkeFiles.message} The TKE CLI needs it for its key files.`);
  }
  base.CLOUDTKEFILES = info.tkeFiles.dir;
  if (info.mode === 'live') {
    if (!info.tke.executable) throw new RefusedError('No ibmcloud executable was found on PATH. Install the IBM Cloud CLI.');
    if (!info.tke.pluginDir) throw new RefusedError('The tke plug-in of the IBM Cloud CLI is not installed: run ibmcloud plugin install tke.');
    return { mode: 'live', file: info.tke.executable, prefixArgs: [], env: base, cwd: info.tkeFiles.dir };
  }
  const launcher = join(projectRoot, 'bin', 'ibmcloud-sim.js');
  if (!existsSync(launcher)) throw new RefusedError(`The simulator is missing (${launcher}).`);
  if (!simDir) throw new Error('demo mode needs the simulator directory');
  base.MKRA_SIM_DIR = simDir;
  base.MKRA_SIM_TIME_SCALE = simTimeScale ?? '1';
  return { mode: 'demo', file: process.execPath, prefixArgs: [launcher], env: base, cwd: info.tkeFiles.dir };
}

/** Commands the app may run: `login` and the TKE subcommands it knows. */
export const ALLOWED_TKE: ReadonlySet<string> = new Set(APP_TKE_COMMANDS);

/** Validate a requested argv (`['tke', 'auto-mk-rotate']`, `['login', '--sso']`); throws a clear refusal. */
export function checkArgv(argv: readonly string[]): void {
  if (argv.length === 0 || argv.length > 12) throw new RefusedError('A command needs 1 to 12 words.');
  for (const word of argv) {
    if (word.length === 0 || word.length > 200 || /[\0\r\n]/.test(word)) throw new RefusedError('Command words must be non-empty single-line text.');
  }
  const [first, second] = argv;
  if (first === 'login') return;
  if (first !== 'tke' || second === undefined || !ALLOWED_TKE.has(second)) {
    throw new RefusedError(`Not a command this app runs: ibmcloud ${argv.join(' ')}. It runs ibmcloud login and the TKE commands of the rotation.`);
  }
}

/** The command as a user types it, e.g. `ibmcloud tke auto-mk-rotate` (arguments not included). */
export function typedCommand(argv: readonly string[]): string {
  return argv[0] === 'tke' ? `ibmcloud tke ${argv[1] ?? ''}` : `ibmcloud ${argv[0] ?? ''}`;
}
