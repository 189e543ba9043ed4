/**
 * The VP a listing shows for a register value. Normally computed from the value (vp.ts); in a state
 * loaded from a twin (docs/twin.md) the simulated values are stand-ins and `state.twinVps` holds the
 * VPs the real units showed, so the twin shows the same ones. Looked up by value, not by register,
 * so a captured key keeps its VP wherever the simulator moves it (new -> current on a rotation).
 */
import type { SimState } from './state.js';
import { vpOf } from './vp.js';

const ZERO_TAIL = '00000000';

/** The VP of `value` on a unit (older firmware or not), as this state's listings show it. */
export function shownVp(state: SimState, value: string, olderFirmware: boolean): string {
  const captured = value === '' ? undefined : state.twinVps?.[value];
  if (captured === undefined) return vpOf(value, olderFirmware);
  if (captured.length !== 64) return captured;
  const head = captured.slice(0, 56);
  if (!olderFirmware) return `${head}${ZERO_TAIL}`;
  // An older-firmware unit keeps the tail it computed; one only seen on current firmware gets the simulator's.
  return captured.endsWith(ZERO_TAIL) ? `${head}${vpOf(value, true).slice(56)}` : captured;
}
