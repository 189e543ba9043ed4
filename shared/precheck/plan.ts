/**
 * The rotation plan shown before anything runs: which commands, which register transitions each
 * causes, which units, and what blocks starting. Pure: derived from a pre-check report, so the renderer
 * shows it and the backend enforces the same blockers when a rotation starts.
 */
import type { PrecheckReport } from './report.js';
import type { PrecheckFlow } from './fixes.js';
import type { PrecheckId } from '../tke/messages.js';
import { isNewRegisterReady } from '../tke/types.js';
import { vpKey } from '../tke/vp.js';
import { missingConfirmations, type ChecklistId } from './checklist.js';

/** One register transition, as an i18n key under `plan.transition` plus its values. */
export interface Transition {
  key: 'generate' | 'copy' | 'commit' | 'delay' | 'rewrap' | 'm2' | 'promote' | 'load' | 'commitParts' | 'rewrapParts';
  values?: Record<string, string | number>;
}

export interface PlannedCommand {
  argv: string[];
  command: string;
  transitions: Transition[];
}

export type Blocker =
  | { code: 'no-report' }
  | { code: 'flow-mismatch' }
  | { code: 'no-instance' }
  | { code: 'several-instances'; count: number }
  | { code: 'failed'; checks: PrecheckId[] }
  | { code: 'new-registers-mixed' }
  /** auto-mk-rotate needs a recovery crypto unit in the instance (IBM: none in Madrid, eu-es). */
  | { code: 'no-recovery-unit' };

export interface Plan {
  flow: PrecheckFlow;
  commands: PlannedCommand[];
  units: number[];
  instanceId: string | null;
  blockers: Blocker[];
  /** Checks that could not be judged: starting needs an explicit override with a reason. */
  unknown: PrecheckId[];
}

const cmd = (sub: string, transitions: Transition[]): PlannedCommand => ({
  argv: ['tke', sub],
  command: `ibmcloud tke ${sub}`,
  transitions,
});

const ROTATE_PARTS = cmd('cryptounit-mk-rotate', [{ key: 'rewrapParts' }, { key: 'm2' }, { key: 'promote' }]);

/** The key-part commands still needed, judged from the new registers of the units to rotate. */
function keypartCommands(report: PrecheckReport, units: number[]): PlannedCommand[] | null {
  const regs = report.registers.filter((r) => units.includes(r.num));
  const vps = new Set(regs.map((r) => vpKey(r.new.vp)));
  const load = cmd('cryptounit-mk-load', [{ key: 'load' }]);
  const commit = cmd('cryptounit-mk-commit', [{ key: 'commitParts' }]);
  if (regs.length === 0 || regs.every((r) => r.new.state === 'Empty')) return [load, commit, ROTATE_PARTS];
  if (vps.size !== 1) return null;
  if (regs.every((r) => r.new.state === 'Full Uncommitted')) return [commit, ROTATE_PARTS];
  if (regs.every((r) => isNewRegisterReady(r.new.state))) return [ROTATE_PARTS];
  return null;
}

/** Build the plan for a flow from the last report (null when the pre-checks have not run). */
export function buildPlan(flow: PrecheckFlow, report: PrecheckReport | null): Plan {
  const empty: Plan = { flow, commands: [], units: [], instanceId: null, blockers: [], unknown: [] };
  if (report === null) return { ...empty, blockers: [{ code: 'no-report' }] };
  if (report.flow !== flow) return { ...empty, blockers: [{ code: 'flow-mismatch' }] };
  const blockers: Blocker[] = [];
  const withSelection = report.instances.filter((i) => i.units.some((u) => u.selected));
  const candidates = flow === 'auto' ? report.instances : withSelection;
  const instance = candidates.length === 1 ? candidates[0] : undefined;
  if (report.instances.length === 0) blockers.push({ code: 'no-instance' });
  else if (!instance)
    blockers.push({ code: 'several-instances', count: Math.max(candidates.length, report.instances.length) });
  const units = instance ? instance.units.filter((u) => flow === 'auto' || u.selected).map((u) => u.num) : [];

  let commands: PlannedCommand[];
  let newMkCovered = false;
  if (flow === 'auto') {
    const recovery =
      instance?.units.find((u) => u.type === 'RECOVERY')?.num ??
      report.registers.find((r) => r.type === 'RECOVERY')?.num;
    if (instance !== undefined && recovery === undefined) blockers.push({ code: 'no-recovery-unit' });
    commands = [
      cmd('auto-mk-rotate', [
        { key: 'generate', values: { unit: recovery ?? '?' } },
        { key: 'copy' },
        { key: 'commit' },
        { key: 'delay' },
        { key: 'rewrap' },
        { key: 'm2' },
        { key: 'promote' },
      ]),
    ];
  } else {
    const needed = keypartCommands(report, units);
    commands = needed ?? [ROTATE_PARTS];
    // The plan's own load/commit steps are what make the new registers ready.
    newMkCovered = needed !== null && needed.length > 1;
    if (needed === null) blockers.push({ code: 'new-registers-mixed' });
  }

  const failed = report.results
    .filter((r) => r.status === 'fail' && !(newMkCovered && r.id === 'new-mk'))
    .map((r) => r.id);
  if (failed.length > 0) blockers.push({ code: 'failed', checks: failed });
  const unknown = report.results.filter((r) => r.status === 'unknown').map((r) => r.id);
  return { flow, commands, units, instanceId: instance?.id ?? null, blockers, unknown };
}

/** The confirmation the administrator must type: the instance ID's first 8 characters. */
export function confirmationFor(instanceId: string): string {
  return instanceId.slice(0, 8);
}

/** Whether the typed confirmation matches (surrounding spaces and letter case ignored). */
export function confirmationMatches(typed: string, instanceId: string | null): boolean {
  return instanceId !== null && typed.trim().toLowerCase() === confirmationFor(instanceId).toLowerCase();
}

/** What the confirmation form hands to the screen that starts the rotation. */
export interface StartRequest {
  operator: string;
  /** The typed reason when unknown pre-check results are overridden, else null. */
  overrideReason: string | null;
  /** The checklist items the administrator confirmed (shared/precheck/checklist.ts). */
  confirmed: ChecklistId[];
}

/** Shortest reason accepted for starting although some pre-checks could not be judged. */
export const MIN_OVERRIDE_REASON = 10;

function blockerReason(b: Blocker): string {
  switch (b.code) {
    case 'no-report':
      return 'the pre-checks have not run';
    case 'flow-mismatch':
      return 'the pre-checks were run for the other flow';
    case 'no-instance':
      return 'no service instance was found (check the target, the account and the role; a private-only instance is listed only through the private endpoint, TKE_PRIVATE_ADDR)';
    case 'several-instances':
      return `${b.count} service instances are candidates; exactly one must be`;
    case 'failed':
      return `pre-checks failed: ${b.checks.join(', ')}`;
    case 'new-registers-mixed':
      return 'the new master key registers of the units differ (some loaded or committed, others not)';
    case 'no-recovery-unit':
      return 'the instance has no recovery crypto unit, which auto-mk-rotate needs (rotate with key part files or smart cards)';
  }
}

/**
 * Why a rotation may not start on this plan (empty when it may): its blockers, unknown checks without
 * a reason, an instance confirmation that does not name the plan's instance, and the checklist's
 * confirmations not given.
 */
export function startProblems(
  plan: Plan,
  request: {
    instanceId?: string | undefined;
    overrideReason?: string | undefined;
    confirmed?: readonly string[] | undefined;
  },
): string[] {
  const out = plan.blockers.map(blockerReason);
  for (const item of missingConfirmations(plan.flow, request.confirmed)) out.push(`not confirmed: ${item.text}`);
  if (plan.unknown.length > 0 && (request.overrideReason?.trim().length ?? 0) < MIN_OVERRIDE_REASON) {
    out.push(
      `pre-checks ${plan.unknown.join(', ')} could not be judged; starting anyway needs a reason of at least ${MIN_OVERRIDE_REASON} characters`,
    );
  }
  if (request.instanceId !== undefined && plan.instanceId !== null && request.instanceId !== plan.instanceId) {
    out.push(
      `the confirmed instance ${request.instanceId} is not the instance the pre-checks found (${plan.instanceId})`,
    );
  }
  return out;
}
