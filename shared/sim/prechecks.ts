/** The initial-state checks of docs/domain.md (2-7); the token check (1) is in `checkAuth`. */
import {
  PRECHECK_ADMINS_SIGNSERV,
  PRECHECK_FAILED_PREFIX,
  PRECHECK_MESSAGES,
  type PrecheckId,
} from '../tke/messages.js';
import { isNewRegisterReady } from '../tke/types.js';
import { fill } from './format.js';
import { isImprint, type SimInstance, type SimState, type SimUnit } from './state.js';

export type CheckId = Exclude<PrecheckId, 'auth'>;

export interface PrecheckFailure {
  id: CheckId;
  line: string;
}

/** Which rule applies to the new registers: auto-mk-rotate wants Empty, the key-part flow committed. */
export type NewMkRule = 'auto' | 'keyparts';

function line(id: CheckId, units: readonly number[] = [], text = PRECHECK_MESSAGES[id]): PrecheckFailure {
  return { id, line: `${PRECHECK_FAILED_PREFIX} ${fill(text, { units: units.join(', ') })}` };
}

/**
 * Who can sign: the SKIs (null when a signing service's keys are not known before the signatures are
 * asked; the crypto units check the signatures when the command is sent), and whether they come from
 * a signing service (the failure then names SIGNSERVKEYS, not sigkey-sel).
 */
export interface Signers {
  skis: readonly string[] | null;
  service: boolean;
}

/** SKIs installed as administrators in every given unit. */
export function commonAdminSkis(units: readonly SimUnit[]): string[] {
  const [first, ...rest] = units;
  if (!first) return [];
  return first.admins.map((a) => a.ski).filter((ski) => rest.every((u) => u.admins.some((a) => a.ski === ski)));
}

/** The signature threshold that signing commands must meet for these units (at least 1). */
export function requiredSignatures(units: readonly SimUnit[]): number {
  return Math.max(1, ...units.filter((u) => !isImprint(u)).map((u) => u.thresholds.signature));
}

/** Whether the selection is exactly all crypto units of one instance. */
export function selectionIsOneWholeInstance(state: SimState): boolean {
  const sel = new Set(state.selectedUnits);
  return state.instances.some((i) => i.units.length === sel.size && i.units.every((u) => sel.has(u.num)));
}

/**
 * Run the listed checks on the units; one failure per failed check, in catalogue order. `signers`: the
 * SKIs that can sign (the selected keys, or a signing service's: shared/sim/signing.ts `signerSkis`).
 */
export function runPrechecks(
  state: SimState,
  units: readonly SimUnit[],
  checks: readonly CheckId[],
  rule: NewMkRule,
  instance?: SimInstance,
  signers: Signers = { skis: state.selectedSigkeys, service: false },
): PrecheckFailure[] {
  const out: PrecheckFailure[] = [];
  const signing = units.filter((u) => !isImprint(u));
  const want = new Set(checks);
  if (want.has('selection') && !selectionIsOneWholeInstance(state)) out.push(line('selection'));
  const imprinted = units.filter(isImprint).map((u) => u.num);
  if (want.has('imprint') && imprinted.length > 0) out.push(line('imprint', imprinted));
  const t0 = signing[0]?.thresholds;
  if (
    want.has('thresholds') &&
    signing.some((u) => u.thresholds.signature !== t0?.signature || u.thresholds.revocation !== t0.revocation)
  ) {
    out.push(line('thresholds'));
  }
  const skis = signers.skis;
  if (want.has('admins') && skis !== null) {
    const usable = commonAdminSkis(signing).filter((ski) => skis.includes(ski));
    if (signing.length === 0 || usable.length < requiredSignatures(signing)) {
      out.push(line('admins', [], signers.service ? PRECHECK_ADMINS_SIGNSERV : PRECHECK_MESSAGES.admins));
    }
  }
  const cur0 = units[0]?.current.value ?? '';
  if (
    want.has('current-mk') &&
    units.some((u) => u.current.state !== 'Valid' || u.current.value === '' || u.current.value !== cur0)
  ) {
    out.push(line('current-mk'));
  }
  if (want.has('new-mk')) {
    const bad = newMkViolations(units, rule, instance);
    if (bad.length > 0) out.push(line('new-mk', bad));
  }
  return out;
}

function newMkViolations(units: readonly SimUnit[], rule: NewMkRule, instance?: SimInstance): number[] {
  if (rule === 'auto') {
    // An interrupted auto-mk-rotate of this instance may overwrite its own new registers (docs/domain.md, recovery table: "neither M1 nor M2").
    if (instance?.autoRotateInProgress) return [];
    return units.filter((u) => u.new.state !== 'Empty').map((u) => u.num);
  }
  const v0 = units[0]?.new.value ?? '';
  return units
    .filter((u) => !isNewRegisterReady(u.new.state) || u.new.value === '' || u.new.value !== v0)
    .map((u) => u.num);
}
