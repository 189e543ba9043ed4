/** Shared vocabulary for crypto units and their master key registers. */

export const UNIT_TYPES = ['OPERATIONAL', 'RECOVERY', 'FAILOVER'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Register states as the hardware prints them. `Valid` on a new register means `Full Committed`. */
export const REGISTER_STATES = ['Empty', 'Full Uncommitted', 'Full Committed', 'Valid'] as const;
export type RegisterState = (typeof REGISTER_STATES)[number];

export interface Register {
  state: RegisterState;
  /** Verification pattern, lower-case hex; empty string when the register is Empty. */
  vp: string;
}

/** One unit's registers: the shape of `mkra classify --registers` JSON and `sim status --json`. */
export interface UnitRegisters {
  num: number;
  type: UnitType;
  current: Register;
  new: Register;
}

/** Normalise a register state as printed (any case, extra spaces) or return undefined if unknown. */
export function normaliseRegisterState(text: string): RegisterState | undefined {
  const key = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return REGISTER_STATES.find((s) => s.toLowerCase() === key);
}

/** A new register is ready for promotion when `Full Committed` (documentation also says `Valid`). */
export function isNewRegisterReady(state: RegisterState): boolean {
  return state === 'Full Committed' || state === 'Valid';
}
