/**
 * How a TKE command is started: live (`ibmcloud tke ...`) or demo (`ibmcloud-sim tke ...`), with an
 * environment built from an allowlist so nothing else of the app's leaks into the CLI, and the
 * checks that turn a missing CLI, plug-in or key-file directory into a clear message.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import { credentialIn } from '../../../shared/security/credentials.js';
import { APP_TKE_COMMANDS } from '../../../shared/tke/commands.js';
import { projectRoot } from '../package-info.js';

/** Variables passed through from the app's environment (system essentials only, no secrets). */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TMPDIR',
  'SystemRoot',
  'SYSTEMROOT',
  'windir',
  'ComSpec',
  'PATHEXT',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'TEMP',
  'TMP',
  'IBMCLOUD_HOME',
  // The TKE plug-in's own settings: a signing service for signatures [hs-crypto: signing-service.md],
  // the private endpoint [hs-crypto: secure-connection.md]; and a workstation's proxy.
  'TKE_SIGNSERV_URL',
  'TKE_PRIVATE_ADDR',
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
];

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
    if (!info.tke.executable)
      throw new RefusedError('No ibmcloud executable was found on PATH. Install the IBM Cloud CLI.');
    if (!info.tke.pluginDir)
      throw new RefusedError('The tke plug-in of the IBM Cloud CLI is not installed: run ibmcloud plugin install tke.');
    return { mode: 'live', file: info.tke.executable, prefixArgs: [], env: base, cwd: info.tkeFiles.dir };
  }
  const launcher = join(projectRoot, 'bin', 'ibmcloud-sim.js');
  if (!existsSync(launcher)) throw new RefusedError(`The simulator is missing (${launcher}).`);
  if (!simDir) throw new Error('demo mode needs the simulator directory');
  base.MKRA_SIM_DIR = simDir;
  base.MKRA_SIM_TIME_SCALE = simTimeScale ?? '1';
  return { mode: 'demo', file: process.execPath, prefixArgs: [launcher], env: base, cwd: info.tkeFiles.dir };
}

/**
 * Extra variables for `ibmcloud login` in live mode: the API key the IBM Cloud CLI reads from
 * `IBMCLOUD_API_KEY`, the way to log in with a key without putting it on the command line. Only
 * `login` gets it, only live (the simulator needs no real key), and it is never journaled (the
 * journal records argv, not the environment).
 */
export function loginEnv(
  mode: AppInfo['mode'],
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const key = env.IBMCLOUD_API_KEY;
  return mode === 'live' && argv[0] === 'login' && key !== undefined && key !== '' ? { IBMCLOUD_API_KEY: key } : {};
}

/** Commands the app may run: `login` and the TKE subcommands the command table marks as run by the app. */
export const ALLOWED_TKE: ReadonlySet<string> = new Set(APP_TKE_COMMANDS);

/**
 * Why a command carrying a credential is refused. It names the option, never its value, and says
 * how to log in without one on the command line (where the process list, the journal and the
 * report would keep it).
 */
function credentialRefusal(credential: string): string {
  return (
    `Refused before anything ran: the command carries a credential (${credential}). A password, API key or token on the command line would be kept in the process list, the journal and the report. ` +
    `Log in interactively instead: run ibmcloud login (or ibmcloud login --sso) and type the password at its prompt, which hides it and is never kept. ` +
    `Or set the API key in the IBMCLOUD_API_KEY environment variable before you start the app: the IBM Cloud CLI reads it there, and the app never journals it.`
  );
}

/** Validate a requested argv (`['tke', 'auto-mk-rotate']`, `['login', '--sso']`); throws a clear refusal. */
export function checkArgv(argv: readonly string[]): void {
  if (argv.length === 0 || argv.length > 12) throw new RefusedError('A command needs 1 to 12 words.');
  for (const word of argv) {
    if (word.length === 0 || word.length > 200 || /[\0\r\n]/.test(word))
      throw new RefusedError('Command words must be non-empty single-line text.');
  }
  const credential = credentialIn(argv);
  if (credential !== undefined) throw new RefusedError(credentialRefusal(credential));
  const [first, second] = argv;
  if (first === 'login') return;
  if (
    first === 'tke' &&
    second === 'mk-add' &&
    !(argv.length === 3 && (argv[2] === '--random' || argv[2] === '--value'))
  ) {
    throw new RefusedError(
      'mk-add runs as ibmcloud tke mk-add --random, or --value with the key part typed at the prompt that follows (hidden, like a password), never on the command line.',
    );
  }
  if (first !== 'tke' || second === undefined || !ALLOWED_TKE.has(second)) {
    throw new RefusedError(
      `Not a command this app runs: ibmcloud ${argv.join(' ')}. It runs ibmcloud login and the TKE commands of the rotation.`,
    );
  }
}

/** The command as a user types it, e.g. `ibmcloud tke auto-mk-rotate` (arguments not included). */
export function typedCommand(argv: readonly string[]): string {
  return argv[0] === 'tke' ? `ibmcloud tke ${argv[1] ?? ''}` : `ibmcloud ${argv[0] ?? ''}`;
}
