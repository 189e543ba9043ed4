/** The simulator's own verbs: `sim reset`, `sim status`, `sim scenarios`, `sim faults`. */
import { commit, SimFailure, type SimContext } from '../context.js';
import { FAULT_DESCRIPTIONS, FAULT_POINTS } from '../faults.js';
import { createScenario, DEFAULT_KEYS, DEFAULT_SEED, isScenarioName, SCENARIOS } from '../scenarios.js';
import { statusLines, statusOf } from '../status.js';

/** Largest key storage a scenario may hold (segments keep it cheap; this bounds typos). */
export const MAX_KEYS = 10_000_000;

function intFlag(name: string, value: string | undefined, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > max) {
    throw new SimFailure([`Incorrect Usage: ${name} needs a whole number from 0 to ${max}.`]);
  }
  return Number(value);
}

/** Run a `sim` verb; `reset` replaces ctx.state. */
export async function simVerb(ctx: SimContext, verb: string | undefined, args: readonly string[]): Promise<void> {
  switch (verb) {
    case 'scenarios':
      noArgs(args);
      for (const s of SCENARIOS) ctx.io.print(`${s.name.padEnd(22)}${s.description}`);
      return;
    case 'faults':
      noArgs(args);
      for (const p of FAULT_POINTS) ctx.io.print(`${p.padEnd(16)}${FAULT_DESCRIPTIONS[p]}`);
      return;
    case 'status': {
      const json = args.includes('--json');
      const bad = args.find((a) => a !== '--json');
      if (bad !== undefined) throw new SimFailure([`Incorrect Usage: flag provided but not defined: ${bad}`]);
      const status = statusOf(ctx.state, await ctx.ws.listSigkeys(), await ctx.ws.listMkParts(), ctx.now());
      if (json) ctx.io.print(JSON.stringify(status, null, 2));
      else statusLines(status).forEach((l) => ctx.io.print(l));
      return;
    }
    case 'reset':
      await reset(ctx, args);
      return;
    default:
      throw new SimFailure([
        `'${verb ?? ''}' is not a sim verb. Use: sim reset [--scenario NAME] [--seed N] [--keys N], sim status [--json], sim scenarios, sim faults.`,
      ]);
  }
}

function noArgs(args: readonly string[]): void {
  if (args.length > 0) throw new SimFailure([`Incorrect Usage: unexpected argument ${args[0] ?? ''}`]);
}

async function reset(ctx: SimContext, args: readonly string[]): Promise<void> {
  let scenario = 'default';
  let seed = DEFAULT_SEED;
  let keys = DEFAULT_KEYS;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[++i];
    if (flag === '--scenario') scenario = value ?? '';
    else if (flag === '--seed') seed = intFlag('--seed', value, 0xffffffff);
    else if (flag === '--keys') keys = intFlag('--keys', value, MAX_KEYS);
    else throw new SimFailure([`Incorrect Usage: flag provided but not defined: ${flag ?? ''}`]);
  }
  if (!isScenarioName(scenario)) {
    throw new SimFailure([`Unknown scenario '${scenario}'. Run 'ibmcloud-sim sim scenarios' for the list.`]);
  }
  await ctx.ws.removeFiles(ctx.state.simFiles);
  ctx.state = await createScenario(scenario, { seed, keys, now: ctx.now() }, ctx.ws);
  await commit(ctx);
  ctx.io.print(`Simulator reset to scenario ${scenario} (seed ${seed}, ${keys} keys per instance).`);
}
