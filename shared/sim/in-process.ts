/** Run simulator commands in memory: for tests, the benchmark and hosts that need no child process. */
import type { SimContext, SimIo, Workstation } from './context.js';
import { parseFault } from './faults.js';
import { MemoryWorkstation } from './memory-workstation.js';
import { runSim } from './run.js';
import { createScenario, SCENARIO_PASSWORD, SCENARIO_TOKEN, type ScenarioName } from './scenarios.js';
import type { SimState } from './state.js';

/** Thrown by the in-memory `crash()`: the invocation died; only persisted state survives. */
export class SimCrash extends Error {
  constructor() {
    super('simulated crash');
    this.name = 'SimCrash';
  }
}

/** Answers prompts: a fixed list consumed in order, or a function of the output since the last answer. */
export type Answerer = readonly string[] | ((pending: string) => string | undefined);

/** Answers the prompts of signed commands: signature key passwords, confirmations, instance 1. */
export const autoAnswer = (pending: string): string | undefined => {
  const p = pending.toLowerCase();
  if (p.includes('token for the signature key')) return SCENARIO_TOKEN;
  if (p.includes('password')) return SCENARIO_PASSWORD;
  if (p.includes('(y/n)')) return 'y';
  if (p.includes('instance num')) return '1';
  return undefined;
};

/** An Io that records output, answers from an Answerer, never sleeps and keeps the last persisted copy. */
export class MemoryIo implements SimIo {
  transcript = '';
  sleptMs = 0;
  persisted: SimState | undefined;
  readonly #answers: Answerer;
  #next = 0;
  #answeredAt = 0;
  readonly #clone: boolean;

  constructor(answers: Answerer, clonePersisted = true) {
    this.#answers = answers;
    this.#clone = clonePersisted;
  }

  print(line: string): void {
    this.transcript += `${line}\n`;
  }

  async readLine(prompt: string): Promise<string | undefined> {
    this.transcript += prompt;
    const pending = this.transcript.slice(this.#answeredAt);
    const a = typeof this.#answers === 'function' ? this.#answers(pending) : this.#answers[this.#next++];
    if (a !== undefined) this.transcript += '\n';
    this.#answeredAt = this.transcript.length;
    return a;
  }

  async sleep(ms: number): Promise<void> {
    this.sleptMs += ms;
  }

  async persist(state: SimState): Promise<void> {
    this.persisted = this.#clone ? structuredClone(state) : state;
  }

  async crash(): Promise<never> {
    throw new SimCrash();
  }
}

/** A simulator held in memory: its state and its key files. */
export interface MemorySim {
  state: SimState;
  ws: Workstation;
  now: () => number;
  /** `TKE_SIGNSERV_URL` of every invocation (a scenario with a signing service sets its address). */
  signServUrl?: string;
  /** `TKE_PRIVATE_ADDR` of every invocation (training sets it when the trainee does). */
  privateAddr?: string;
}

/** Create a scenario in memory (key files live in a MemoryWorkstation). */
export async function createMemorySim(
  scenario: ScenarioName,
  opts: { seed?: number; keys?: number; now?: () => number } = {},
): Promise<MemorySim> {
  const now = opts.now ?? (() => 0);
  const ws = new MemoryWorkstation();
  const state = await createScenario(scenario, { seed: opts.seed ?? 1, keys: opts.keys ?? 300, now: now() }, ws);
  const url = state.signingService?.url;
  return { state, ws, now, ...(url === undefined ? {} : { signServUrl: url }) };
}

export interface InProcessResult {
  exitCode: number;
  transcript: string;
  /** True when the invocation was killed by a `:crash` fault; state is then the last persisted one. */
  crashed: boolean;
  sleptMs: number;
}

/** Run one invocation in memory; sim.state is updated to what a real process would have left on disk. */
export async function runInProcess(
  sim: MemorySim,
  argv: readonly string[],
  opts: { answers?: Answerer; fault?: string; clonePersisted?: boolean } = {},
): Promise<InProcessResult> {
  const io = new MemoryIo(opts.answers ?? autoAnswer, opts.clonePersisted ?? true);
  const fault = parseFault(opts.fault);
  if (typeof fault === 'string') throw new Error(fault);
  const ctx: SimContext = {
    state: sim.state,
    io,
    ws: sim.ws,
    now: sim.now,
    fault,
    ...(sim.signServUrl === undefined ? {} : { signServUrl: sim.signServUrl }),
    ...(sim.privateAddr === undefined ? {} : { privateAddr: sim.privateAddr }),
  };
  try {
    const exitCode = await runSim(ctx, argv);
    sim.state = ctx.state;
    return { exitCode, transcript: io.transcript, crashed: false, sleptMs: io.sleptMs };
  } catch (e) {
    if (!(e instanceof SimCrash)) throw e;
    if (io.persisted) sim.state = io.persisted;
    return { exitCode: 137, transcript: io.transcript, crashed: true, sleptMs: io.sleptMs };
  }
}

/** A full `tke auto-mk-rotate` in memory, answering every prompt; for the benchmark (no cloning). */
export async function runAutoRotate(sim: MemorySim): Promise<InProcessResult> {
  return runInProcess(sim, ['tke', 'auto-mk-rotate'], { clonePersisted: false });
}
