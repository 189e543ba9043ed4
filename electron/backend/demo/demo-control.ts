/**
 * Demo mode's control of the simulator (reset to a scenario, read its status). Only ever used
 * with the bundled ibmcloud-sim; refused in live mode.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FAULT_POINTS, SCENARIOS, statusOf } from '../../../shared/sim/index.js';
import { parseSimState, SIM_STATE_FILE } from '../../../shared/sim/state-schema.js';
import { parseTwin } from '../../../shared/twin/schema.js';
import type { DemoStatus } from '../../../shared/ipc/views.js';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import type { ConsoleState } from '../../../shared/rotation/types.js';
import type { Invocation } from '../runner/tke-invocation.js';

const run = promisify(execFile);

interface SimStatusJson {
  scenario: string;
  token: { valid: boolean; expiresAt?: string | null };
  keystore: { total: number; usable: number; lost: number };
  units: {
    num: number;
    type: DemoStatus['units'][number]['type'];
    location: string;
    selected: boolean;
    current: DemoStatus['units'][number]['current'];
    new: DemoStatus['units'][number]['new'];
  }[];
}

async function sim(invocation: Invocation, args: string[]): Promise<string> {
  if (invocation.mode !== 'demo') throw new RefusedError('This works only in demo mode, on the simulator.');
  const { stdout } = await run(invocation.file, [...invocation.prefixArgs, ...args], {
    env: invocation.env,
    cwd: invocation.cwd,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/**
 * The scenarios `sim scenarios` lists, read from the bundled simulator's own table rather than by
 * starting it: a simulator run costs about half a second, and Home waited for this one at start.
 */
function scenarios(invocation: Invocation): DemoStatus['scenarios'] {
  if (invocation.mode !== 'demo') throw new RefusedError('This works only in demo mode, on the simulator.');
  return SCENARIOS.map(({ name, description }) => ({ name, description }));
}

/**
 * Names of the simulator's fault points, read from the bundled simulator's own table (what
 * `sim faults` prints) rather than by starting it, as the scenarios are.
 */
export function demoFaults(invocation: Invocation): string[] {
  if (invocation.mode !== 'demo') throw new RefusedError('This works only in demo mode, on the simulator.');
  return [...FAULT_POINTS];
}

/**
 * `sim status --json` computed in this process with the simulator's own code (statusOf over its
 * state file), or undefined when there is no readable state: the console asks for the status after
 * every command, and a simulator process costs about 0.3 s of CPU each time. The simulator replaces
 * its state file atomically, so a read never sees half a write. Key files are not listed: the demo
 * panel shows registers, keys and the token only.
 */
async function statusInProcess(invocation: Invocation): Promise<SimStatusJson | undefined> {
  const dir = invocation.env.MKRA_SIM_DIR;
  if (!dir) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, SIM_STATE_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  const state = parseSimState(json);
  return typeof state === 'string' ? undefined : statusOf(state, [], [], Date.now());
}

/** The simulator's status (registers, keys usable and lost, token). */
export async function demoStatus(invocation: Invocation): Promise<DemoStatus> {
  if (invocation.mode !== 'demo') throw new RefusedError('This works only in demo mode, on the simulator.');
  // Without a readable state the simulator itself answers: it creates the default scenario, or
  // says why its state cannot be read (the same reading of the same file).
  const status =
    (await statusInProcess(invocation)) ??
    (JSON.parse(await sim(invocation, ['sim', 'status', '--json'])) as SimStatusJson);
  return {
    scenario: status.scenario,
    scenarios: scenarios(invocation),
    keystore: status.keystore,
    token: { valid: status.token.valid, expiresAt: status.token.expiresAt ?? null },
    units: status.units.map((u) => ({
      num: u.num,
      type: u.type,
      location: u.location,
      selected: u.selected,
      current: u.current,
      new: u.new,
    })),
  };
}

/**
 * Why the simulator may not be reset now, or null. A reset replaces the crypto units and key
 * storage under a running command, and under an unfinished rotation whose journal and recovery
 * advice describe the state before it.
 */
export function resetRefusal(state: ConsoleState): RefusedError | null {
  if (state.running) {
    const { command } = state.running;
    return new RefusedError(
      `The simulator cannot be reset while ${command} runs: it would change the crypto units under it. Wait for it to end or cancel it first.`,
      { kind: 'busy', command },
    );
  }
  const r = state.rotation;
  if (r && !r.finished && !r.readOnly) {
    return new RefusedError(
      `The simulator cannot be reset while rotation ${r.rotationId} is open and unfinished: its journal and recovery advice describe the crypto units as they are now. Finish the rotation first.`,
    );
  }
  return null;
}

/**
 * Reset the simulator to a scenario and log in (except in the expired-token scenario). The state
 * is checked on arrival and again just before the reset starts, after the scenario list was read.
 */
export async function demoReset(
  invocation: Invocation,
  scenario: string,
  keys: number | undefined,
  state: () => ConsoleState,
): Promise<DemoStatus> {
  const early = resetRefusal(state());
  if (early) throw early;
  const known = scenarios(invocation);
  if (!known.some((s) => s.name === scenario))
    throw new RefusedError(`Unknown scenario ${scenario}. Known: ${known.map((s) => s.name).join(', ')}.`);
  const late = resetRefusal(state());
  if (late) throw late;
  await sim(invocation, ['sim', 'reset', '--scenario', scenario, ...(keys ? ['--keys', String(keys)] : [])]);
  if (scenario !== 'expired-token') await sim(invocation, ['login', '--apikey', 'demo-training-key']);
  return demoStatus(invocation);
}

/**
 * Make the simulator the twin in `bytes` (`sim reset --twin`) and log in. The twin is checked here
 * first, so a bad file is refused with its reason before anything changes; it is written to a private
 * temporary file only for the simulator to read, and removed.
 */
export async function demoLoadTwin(
  invocation: Invocation,
  bytes: Uint8Array,
  keys: number | undefined,
  state: () => ConsoleState,
): Promise<DemoStatus & { loaded: string }> {
  if (invocation.mode !== 'demo') throw new RefusedError('This works only in demo mode, on the simulator.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RefusedError('The twin file is not UTF-8 text. Nothing was changed.');
  }
  const parsed = parseTwin(text);
  if (!parsed.ok) throw new RefusedError(`${parsed.message} Nothing was changed.`);
  const refusal = resetRefusal(state());
  if (refusal) throw refusal;
  const dir = await mkdtemp(join(tmpdir(), 'mkra-twin-'));
  try {
    const file = join(dir, 'twin.json');
    await writeFile(file, bytes, { mode: 0o600 });
    let printed: string;
    try {
      printed = await sim(invocation, ['sim', 'reset', '--twin', file, ...(keys ? ['--keys', String(keys)] : [])]);
    } catch (e) {
      const out = (e as { stdout?: string; stderr?: string }).stdout ?? '';
      const why = out
        .split('\n')
        .filter((l) => l.trim() !== '' && l.trim() !== 'FAILED')
        .join(' ');
      throw new RefusedError(`The simulator refused the twin: ${why || (e instanceof Error ? e.message : String(e))}`);
    }
    await sim(invocation, ['login', '--apikey', 'demo-training-key']);
    const loaded =
      printed.split('\n').find((l) => l.startsWith('Simulator reset to the twin')) ?? 'Simulator reset to the twin.';
    return { ...(await demoStatus(invocation)), loaded };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
