/**
 * A simulator state built from a twin (`ibmcloud-sim sim reset --twin FILE`): the same instances,
 * units, types, locations, selection, thresholds, administrators, register states and VPs, and
 * stand-in key files with the same names, KEYNUMs and SKIs. A twin holds no key values, so every
 * register gets a stand-in value (one per captured key) and `twinVps` maps it to the captured VP.
 */
import type { Workstation } from '../sim/context.js';
import { randomHex, seedState } from '../sim/prng.js';
import { emptyState, SCENARIO_PASSWORD } from '../sim/scenarios.js';
import type { SimInstance, SimRegister, SimState, SimUnit } from '../sim/state.js';
import { hash64, vpOf } from '../sim/vp.js';
import type { Twin, TwinRegister, TwinUnit } from './schema.js';

export interface TwinLoadOptions {
  seed: number;
  /** Keys in each instance's key storage (a twin does not count them). */
  keys: number;
  now: number;
}

const ZERO_TAIL = '00000000';

/** Whether a VP has the non-zero tail of a unit on older firmware (shared/sim/vp.ts). */
export function hasOlderFirmwareTail(vp: string): boolean {
  return vp.length === 64 && !vp.endsWith(ZERO_TAIL);
}

/** The stand-in key value for a captured VP: one value per key, whatever the unit's firmware. */
export function standInValue(vp: string): string {
  return hash64(`twin-key:${vp.length === 64 ? vp.slice(0, 56) : vp}`);
}

function register(r: TwinRegister, vps: Record<string, string>): SimRegister {
  if (r.state === 'Empty') return { state: 'Empty', value: '' };
  const value = standInValue(r.vp);
  // Keep the tail an older-firmware unit showed; a current-firmware VP adds nothing to it.
  if (vps[value] === undefined || hasOlderFirmwareTail(r.vp)) vps[value] = r.vp;
  return { state: r.state, value };
}

function isComplete(u: TwinUnit): boolean {
  return u.thresholds !== null && u.admins !== null && u.registers !== null;
}

function simUnit(u: TwinUnit, donor: TwinUnit | undefined, vps: Record<string, string>, notes: string[]): SimUnit {
  const from = isComplete(u) ? u : donor;
  if (!isComplete(u)) {
    notes.push(
      from
        ? `Crypto unit ${u.num} was not read at capture: it gets the settings and registers of unit ${from.num}.`
        : `Crypto unit ${u.num} was not read at capture and no unit was: it is in imprint mode with empty registers.`,
    );
  }
  const empty: TwinRegister = { state: 'Empty', vp: '' };
  const regs = from?.registers ?? { current: empty, new: empty };
  const older = isComplete(u) && (hasOlderFirmwareTail(regs.current.vp) || hasOlderFirmwareTail(regs.new.vp));
  return {
    num: u.num,
    type: u.type,
    location: u.location,
    thresholds: { ...(from?.thresholds ?? { signature: 0, revocation: 0 }) },
    admins: (from?.admins ?? []).map((a) => ({ ...a })),
    current: register(regs.current, vps),
    new: register(regs.new, vps),
    ...(older ? { olderFirmware: true } : {}),
  };
}

function mostCommonCurrent(units: readonly SimUnit[]): string | undefined {
  const counts = new Map<string, number>();
  for (const u of units) {
    if (u.current.state === 'Valid') counts.set(u.current.value, (counts.get(u.current.value) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function instances(twin: Twin, keys: number, vps: Record<string, string>, notes: string[]): SimInstance[] {
  const anyComplete = twin.instances.flatMap((i) => i.units).find(isComplete);
  return twin.instances.map((inst) => {
    const donor = inst.units.find(isComplete) ?? anyComplete;
    const units = inst.units.map((u) => simUnit(u, donor, vps, notes));
    const wrap = mostCommonCurrent(units);
    const keystore = keys > 0 && wrap !== undefined ? [{ count: keys, wrap }] : [];
    return { id: inst.id, units, keystore, autoRotateInProgress: false };
  });
}

function twinState(twin: Twin, opts: TwinLoadOptions): SimState {
  // Not the scenarios' sequence: on a twin of a simulator, the first new key would repeat the source's key.
  const mix = parseInt(hash64(`twin:${twin.capturedAt}:${twin.instances[0]?.id ?? ''}`).slice(0, 8), 16);
  return emptyState('twin', opts.seed, (seedState(opts.seed) ^ mix) >>> 0, opts.now);
}

async function standIns(twin: Twin, state: SimState, ws: Workstation): Promise<void> {
  for (const k of [...twin.keyFiles.sigkeys].sort((a, b) => a.keynum - b.keynum)) {
    const f = await ws.createSigkey(k.description, SCENARIO_PASSWORD, { ski: k.ski, keynum: k.keynum });
    state.simFiles.push(f.fileName);
    if (k.selected) state.selectedSigkeys.push(k.ski);
  }
  for (const p of [...twin.keyFiles.mkparts].sort((a, b) => a.keynum - b.keynum)) {
    const part = randomHex(state, 32);
    const f = await ws.createMkPart(p.description, SCENARIO_PASSWORD, part, p.vp || vpOf(part), p.keynum);
    state.simFiles.push(f.fileName);
  }
}

/**
 * Build the state and its stand-in key files. The caller has checked that the key-file directory
 * holds no file but the simulator's own (a stand-in must never sit beside a real key).
 */
export async function stateFromTwin(
  twin: Twin,
  opts: TwinLoadOptions,
  ws: Workstation,
): Promise<{ state: SimState; notes: string[] }> {
  const notes: string[] = [];
  const state = twinState(twin, opts);
  const vps: Record<string, string> = {};
  state.instances = instances(twin, opts.keys, vps, notes);
  state.twinVps = vps;
  state.selectedUnits = twin.instances.flatMap((i) => i.units.filter((u) => u.selected).map((u) => u.num));
  await standIns(twin, state, ws);
  return { state, notes };
}
