/** `sim status --json`: units in the `mkra classify --registers` shape plus everything else seen. */
import type { Register, UnitRegisters, UnitType } from '../tke/types.js';
import type { MkPartInfo, SigkeyInfo } from './context.js';
import { countAllKeys, countKeys, type KeystoreCounts } from './keystore.js';
import { isImprint, type SimRegister, type SimState } from './state.js';
import { shownVp } from './shown-vp.js';

export interface StatusUnit extends UnitRegisters {
  type: UnitType;
  location: string;
  instance: string;
  selected: boolean;
  imprint: boolean;
  thresholds: { signature: number; revocation: number };
  admins: { name: string; ski: string }[];
}

export interface SimStatus {
  scenario: string;
  seed: number;
  token: { valid: boolean; expiresAt: string };
  units: StatusUnit[];
  instances: {
    id: string;
    units: number[];
    autoRotateInProgress: boolean;
    /** PKCS #11 keystores are enabled: auto-mk-rotate refuses this instance. */
    pkcs11Keystores: boolean;
    /** Private-only network access: reached through the private endpoint (TKE_PRIVATE_ADDR) only. */
    privateOnly: boolean;
    keystore: KeystoreCounts;
    wrapped: { vp: string; count: number }[];
  }[];
  keystore: KeystoreCounts;
  selectedUnits: number[];
  sigkeys: { keynum: number; description: string; ski: string; selected: boolean }[];
  mkparts: { keynum: number; description: string; vp: string }[];
}

function reg(state: SimState, r: SimRegister, olderFirmware: boolean | undefined): Register {
  return { state: r.state, vp: shownVp(state, r.value, olderFirmware === true) };
}

/** Build the status object; VPs are lower-case hex, '' for Empty registers. */
export function statusOf(
  state: SimState,
  sigkeys: readonly SigkeyInfo[],
  mkparts: readonly MkPartInfo[],
  now: number,
): SimStatus {
  return {
    scenario: state.scenario,
    seed: state.seed,
    token: {
      valid: now < state.session.tokenExpiresAt,
      expiresAt: new Date(state.session.tokenExpiresAt).toISOString(),
    },
    units: state.instances.flatMap((inst) =>
      inst.units.map((u) => ({
        num: u.num,
        type: u.type,
        location: u.location,
        instance: inst.id,
        selected: state.selectedUnits.includes(u.num),
        imprint: isImprint(u),
        thresholds: { ...u.thresholds },
        admins: u.admins.map((a) => ({ ...a })),
        current: reg(state, u.current, u.olderFirmware),
        new: reg(state, u.new, u.olderFirmware),
      })),
    ),
    instances: state.instances.map((inst) => ({
      id: inst.id,
      units: inst.units.map((u) => u.num),
      autoRotateInProgress: inst.autoRotateInProgress,
      pkcs11Keystores: inst.pkcs11Keystores === true,
      privateOnly: inst.privateOnly === true,
      keystore: countKeys(inst.keystore),
      wrapped: inst.keystore
        .filter((s) => s.wrap !== null)
        .map((s) => ({ vp: shownVp(state, s.wrap ?? '', false), count: s.count })),
    })),
    keystore: countAllKeys(state),
    selectedUnits: [...state.selectedUnits],
    sigkeys: sigkeys.map((k) => ({
      keynum: k.keynum,
      description: k.description,
      ski: k.ski,
      selected: state.selectedSigkeys.includes(k.ski),
    })),
    mkparts: mkparts.map((p) => ({ keynum: p.keynum, description: p.description, vp: p.vp })),
  };
}

/** Human-readable summary printed by `sim status` without `--json`. */
export function statusLines(status: SimStatus): string[] {
  const k = status.keystore;
  return [
    `Scenario: ${status.scenario} (seed ${status.seed})`,
    `Token: ${status.token.valid ? 'valid' : 'expired'} (expires ${status.token.expiresAt})`,
    `Key storage: ${k.total} keys, ${k.usable} usable, ${k.lost} lost`,
    ...status.units.map(
      (u) =>
        `Unit ${u.num} ${u.type}${u.selected ? ' (selected)' : ''}: current ${u.current.state} ${u.current.vp.slice(0, 8) || '-'}, new ${u.new.state} ${u.new.vp.slice(0, 8) || '-'}`,
    ),
  ];
}
