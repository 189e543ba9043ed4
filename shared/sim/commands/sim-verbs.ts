/** The simulator's own verbs: `sim reset`, `sim status`, `sim scenarios`, `sim faults`. */
import { parseTwin } from '../../twin/schema.js';
import { stateFromTwin } from '../../twin/load.js';
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
      for (const s of SCENARIOS) ctx.io.print(`${s.name.padEnd(24)}${s.description}`);
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
        `'${verb ?? ''}' is not a sim verb. Use: sim reset [--scenario NAME | --twin FILE] [--seed N] [--keys N], ` +
          'sim status [--json], sim scenarios, sim faults.',
      ]);
  }
}

function noArgs(args: readonly string[]): void {
  if (args.length > 0) throw new SimFailure([`Incorrect Usage: unexpected argument ${args[0] ?? ''}`]);
}

async function reset(ctx: SimContext, args: readonly string[]): Promise<void> {
  let scenario: string | undefined;
  let twin: string | undefined;
  let seed = DEFAULT_SEED;
  let keys = DEFAULT_KEYS;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[++i];
    if (flag === '--scenario') scenario = value ?? '';
    else if (flag === '--twin') twin = value ?? '';
    else if (flag === '--seed') seed = intFlag('--seed', value, 0xffffffff);
    else if (flag === '--keys') keys = intFlag('--keys', value, MAX_KEYS);
    else throw new SimFailure([`Incorrect Usage: flag provided but not defined: ${flag ?? ''}`]);
  }
  if (twin !== undefined) {
    if (scenario !== undefined) throw new SimFailure(['Incorrect Usage: give --scenario or --twin, not both.']);
    await resetToTwin(ctx, twin, seed, keys);
    return;
  }
  scenario ??= 'default';
  if (!isScenarioName(scenario)) {
    throw new SimFailure([`Unknown scenario '${scenario}'. Run 'ibmcloud-sim sim scenarios' for the list.`]);
  }
  await ctx.ws.removeFiles(ctx.state.simFiles);
  ctx.state = await createScenario(scenario, { seed, keys, now: ctx.now() }, ctx.ws);
  await commit(ctx);
  ctx.io.print(`Simulator reset to scenario ${scenario} (seed ${seed}, ${keys} keys per instance).`);
}

/** Key files in the directory that the simulator did not make: a twin's stand-ins must not join them. */
async function foreignKeyFiles(ctx: SimContext): Promise<string[]> {
  const ours = new Set(ctx.state.simFiles);
  const all = [...(await ctx.ws.listSigkeys()), ...(await ctx.ws.listMkParts())];
  return all.map((f) => f.fileName).filter((n) => !ours.has(n));
}

async function resetToTwin(ctx: SimContext, path: string, seed: number, keys: number): Promise<void> {
  if (path === '') throw new SimFailure(['Incorrect Usage: --twin needs a file name.']);
  if (!ctx.readTwinFile) {
    throw new SimFailure(['This simulator host cannot read files: use ibmcloud-sim sim reset --twin FILE.']);
  }
  let text: string;
  try {
    text = await ctx.readTwinFile(path);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new SimFailure([`Cannot read the twin file ${path}: ${why}.`, 'Nothing was changed.']);
  }
  const parsed = parseTwin(text);
  if (!parsed.ok) throw new SimFailure([parsed.message, 'Nothing was changed.']);
  const foreign = await foreignKeyFiles(ctx);
  if (foreign.length > 0) {
    throw new SimFailure([
      `The key file directory holds files the simulator did not make (${foreign.slice(0, 5).join(', ')}).`,
      "A twin's stand-in key files carry your administrators' SKIs and must never sit beside real keys:",
      'point CLOUDTKEFILES at an empty directory for the rehearsal. Nothing was changed.',
    ]);
  }
  await ctx.ws.removeFiles(ctx.state.simFiles);
  const { state, notes } = await stateFromTwin(parsed.twin, { seed, keys, now: ctx.now() }, ctx.ws);
  ctx.state = state;
  await commit(ctx);
  const units = state.instances.flatMap((i) => i.units).length;
  ctx.io.print(
    `Simulator reset to the twin captured ${parsed.twin.capturedAt} (${state.instances.length} instance(s), ` +
      `${units} crypto unit(s), seed ${seed}, ${keys} keys per instance).`,
  );
  notes.forEach((n) => ctx.io.print(n));
  ctx.io.print(
    `Stand-in key files: ${state.simFiles.length}, with the twin's names, KEYNUMs and SKIs; ` +
      "they open with the simulator's scenario password.",
  );
}
