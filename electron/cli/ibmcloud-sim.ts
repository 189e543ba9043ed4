/** `ibmcloud-sim`: the simulated `ibmcloud` (login, tke, sim) over a state directory. */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  createScenario,
  DEFAULT_KEYS,
  DEFAULT_SEED,
  parseFault,
  runSim,
  type SimContext,
} from '../../shared/sim/index.js';
import { FAILED } from '../../shared/tke/messages.js';
import { NodeWorkstation } from './sim/key-files.js';
import { loadState, saveState } from './sim/state-store.js';
import { TerminalIo } from './sim/terminal-io.js';
import { readTwinFile } from './sim/twin-file.js';

/** Where the simulator keeps its state and key files, from the environment. */
export function simPaths(env: NodeJS.ProcessEnv): { dir: string; keyFiles: string } {
  const dir = env.MKRA_SIM_DIR || join(homedir(), '.mkra-sim');
  return { dir, keyFiles: env.CLOUDTKEFILES || join(dir, 'tkefiles') };
}

/** Where an invocation reads its answers and writes its transcript: the process's own by default. */
export interface SimStreams {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

function failTo(lines: readonly string[], output: NodeJS.WriteStream = process.stdout): number {
  output.write([FAILED, ...lines, ''].join('\n'));
  return 1;
}

/**
 * Run one invocation; resolves to the exit code. The CLI runs it on the process's stdin/stdout;
 * tests run commands that ask nothing (`sim reset`, `login`, `sim status`) in their own process
 * with streams of their own, as the same code over the same state directory.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  streams: SimStreams = { input: process.stdin, output: process.stdout },
): Promise<number> {
  const { dir, keyFiles } = simPaths(env);
  const fail = (lines: readonly string[]) => failTo(lines, streams.output);
  const scaleText = env.MKRA_SIM_TIME_SCALE ?? '1';
  const timeScale = Number(scaleText);
  if (scaleText.trim() === '' || !Number.isFinite(timeScale) || timeScale < 0) {
    return fail([`MKRA_SIM_TIME_SCALE must be a number >= 0, not '${scaleText}'.`]);
  }
  const fault = parseFault(env.MKRA_SIM_FAULT);
  if (typeof fault === 'string') return fail([fault]);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(keyFiles, { recursive: true, mode: 0o700 });
  const ws = new NodeWorkstation(keyFiles);
  const io = new TerminalIo({ dir, timeScale, input: streams.input, output: streams.output });
  let state = loadState(dir);
  const resetting = argv[0] === 'sim' && argv[1] === 'reset';
  if (state !== undefined && 'error' in state) {
    if (!resetting) {
      return fail([`The simulator state in ${dir} cannot be read (${state.error}).`, "Run 'ibmcloud-sim sim reset'."]);
    }
    state = undefined;
  }
  if (state === undefined) {
    state = await createScenario('default', { seed: DEFAULT_SEED, keys: DEFAULT_KEYS, now: Date.now() }, ws);
    saveState(dir, state);
  }
  const signServUrl = env.TKE_SIGNSERV_URL;
  const privateAddr = env.TKE_PRIVATE_ADDR;
  const ctx: SimContext = {
    state,
    io,
    ws,
    now: () => Date.now(),
    fault,
    readTwinFile,
    ...(signServUrl ? { signServUrl } : {}),
    ...(privateAddr ? { privateAddr } : {}),
  };
  return runSim(ctx, argv);
}

/** Entry of the bundle bin/ibmcloud-sim.js loads (vite.sim.config.ts): run with process.argv and exit with the code. */
export async function runCli(): Promise<void> {
  let code: number;
  try {
    code = await main(process.argv.slice(2), process.env);
  } catch (e) {
    code = failTo([`Internal simulator error: ${e instanceof Error ? e.message : String(e)}`]);
  }
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}
