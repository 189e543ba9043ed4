import {
  createMemorySim,
  runInProcess,
  statusOf,
  type Answerer,
  type InProcessResult,
  type MemorySim,
  type ScenarioName,
  type SimStatus,
} from '../../../shared/sim/index.js';

export const NOW = 1_700_000_000_000;

/** A scenario in memory at a fixed clock. */
export function makeSim(scenario: ScenarioName = 'default', keys = 300, seed = 1): Promise<MemorySim> {
  return createMemorySim(scenario, { keys, seed, now: () => NOW });
}

/** Run `ibmcloud-sim ...words` in memory. */
export function run(
  sim: MemorySim,
  words: string,
  opts: { answers?: Answerer; fault?: string } = {},
): Promise<InProcessResult> {
  return runInProcess(sim, words.split(' '), opts);
}

/** The `sim status --json` object of a simulator in memory. */
export async function status(sim: MemorySim): Promise<SimStatus> {
  return statusOf(sim.state, await sim.ws.listSigkeys(), await sim.ws.listMkParts(), sim.now());
}

/** Signature key password answers for the default threshold of 2. */
export const PASSWORDS = ['passw0rd', 'passw0rd'];
