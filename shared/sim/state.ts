/** The simulator's serialisable state: one resource group seen from one workstation. */
import type { RegisterState, UnitType } from '../tke/types.js';

/** A master key register; `value` is the simulated 64-hex key value, '' when Empty. */
export interface SimRegister {
  state: RegisterState;
  value: string;
}

export interface SimAdmin {
  name: string;
  ski: string;
}

export interface SimUnit {
  num: number;
  type: UnitType;
  location: string;
  /** Both 0 means imprint mode. */
  thresholds: { signature: number; revocation: number };
  admins: SimAdmin[];
  current: SimRegister;
  new: SimRegister;
  /** A crypto module on older firmware: its VPs do not end in eight zero digits (IBM's SDK). */
  olderFirmware?: boolean;
  /**
   * Control points set in the unit: the names IBM's pages give (`XCP_CPB_BTC`, ...) or, for
   * `cryptounit-cp`, the number typed. Absent (older state files) means none is set.
   */
  controlPoints?: string[];
}

/** A run of keys wrapped under one master key value; `wrap: null` marks keys lost for good. */
export interface KeySegment {
  count: number;
  wrap: string | null;
}

export interface SimInstance {
  id: string;
  units: SimUnit[];
  keystore: KeySegment[];
  /** Server-side marker: an auto-mk-rotate of this instance started and has not finished. */
  autoRotateInProgress: boolean;
  /**
   * PKCS #11 keystores are enabled in the instance: IBM says to rotate its master key without
   * auto-mk-rotate (introduce-master-key-rotation.md), which the simulator then refuses.
   */
  pkcs11Keystores?: boolean;
  /**
   * The instance's network access is private-only: the plug-in reaches it only through the private
   * endpoint (`TKE_PRIVATE_ADDR`) [hs-crypto: secure-connection.md].
   */
  privateOnly?: boolean;
}

export interface SimSession {
  apiEndpoint: string;
  region: string;
  user: string;
  account: string;
  resourceGroup: string;
  /** Epoch milliseconds; the token is valid while now < tokenExpiresAt. */
  tokenExpiresAt: number;
}

/** A key held by the simulated signing service [hs-crypto: signing-service.md]: its name, the SKI of its public key. */
export interface SimServiceKey {
  name: string;
  ski: string;
  /** hash64 of the key's token (the service's own check); the token itself is never stored. */
  tokenDigest: string;
}

/**
 * The signing service a workstation may reach with `TKE_SIGNSERV_URL` (the remote side: the
 * workstation's own list of keys is the SIGNSERVKEYS file in CLOUDTKEFILES).
 */
export interface SimSigningService {
  url: string;
  keys: SimServiceKey[];
}

export interface SimState {
  version: 1;
  scenario: string;
  seed: number;
  /** Seeded PRNG state, advanced by every random draw so runs are reproducible. */
  rng: number;
  session: SimSession;
  instances: SimInstance[];
  /** Crypto unit numbers selected on the workstation (cryptounit-add / cryptounit-rm). */
  selectedUnits: number[];
  /** SKIs of the signature keys selected with sigkey-sel. */
  selectedSigkeys: string[];
  /** Key file names the simulator created in CLOUDTKEFILES (only these are removed on reset). */
  simFiles: string[];
  /**
   * Loaded from a twin only: the VP the real unit showed for each stand-in key value (shown-vp.ts),
   * since a twin holds VPs, never key values.
   */
  twinVps?: Record<string, string>;
  /** A signing service that holds administrator signature keys (absent: there is none). */
  signingService?: SimSigningService;
}

/** All units of every instance, in instance then unit order. */
export function allUnits(state: SimState): SimUnit[] {
  return state.instances.flatMap((i) => i.units);
}

/** The instance owning a crypto unit number, if any. */
export function instanceOfUnit(state: SimState, num: number): SimInstance | undefined {
  return state.instances.find((i) => i.units.some((u) => u.num === num));
}

/** Selected units in unit-number order. */
export function selectedUnits(state: SimState): SimUnit[] {
  return allUnits(state)
    .filter((u) => state.selectedUnits.includes(u.num))
    .sort((a, b) => a.num - b.num);
}

/** Whether a unit is in imprint mode (both thresholds 0). */
export function isImprint(unit: SimUnit): boolean {
  return unit.thresholds.signature === 0 && unit.thresholds.revocation === 0;
}
