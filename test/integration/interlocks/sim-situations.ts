/**
 * The situations of the interlock table produced on the real simulator: a rotation started by the
 * rotation service, then driven by the service itself to the phase (faults via MKRA_SIM_FAULT).
 */
import type { Phase, RunFlow } from '../../../shared/classifier/types.js';
import type { RotationSnapshot } from '../../../shared/rotation/types.js';
import {
  COMPLETED,
  INDETERMINATE,
  KEYPARTS_NO_M2,
  M1_NOT_M2,
  M2,
  UNTOUCHED,
  type Cell,
} from '../../unit/backend/interlocks/expected-table.js';
import { createHarness, type Harness } from '../rotation/harness.js';

export interface SimSituation {
  name: string;
  phase: Phase;
  /** The expected row, from the written-out table. */
  row: readonly Cell[];
  scenario?: string;
  flow?: RunFlow;
  /** Drive the open rotation to the situation; resolves with the snapshot after. */
  reach(h: Harness): Promise<RotationSnapshot>;
}

/** auto-mk-rotate failing (or the CLI crashing) at a fault point. */
function autoWithFault(fault: string | null): (h: Harness) => Promise<RotationSnapshot> {
  return async (h) => {
    h.setFault(fault);
    try {
      return await h.runToExit(['tke', 'auto-mk-rotate']);
    } finally {
      h.setFault(null);
    }
  };
}

/** Key parts loaded and committed, then cryptounit-mk-rotate failing at a fault point. */
async function keyPartsRotateFailing(h: Harness, fault: string): Promise<RotationSnapshot> {
  // The parts in one answer, then one signature and each part's password (the harness's defaults).
  await h.runToExit(['tke', 'cryptounit-mk-load'], { keys: () => '1 2' });
  await h.runToExit(['tke', 'cryptounit-mk-commit']);
  h.setFault(fault);
  try {
    return await h.runToExit(['tke', 'cryptounit-mk-rotate']);
  } finally {
    h.setFault(null);
  }
}

export const BEFORE_REWRAP: SimSituation[] = [
  {
    name: 'rotation started, nothing run',
    phase: 'no-rotation',
    row: UNTOUCHED,
    reach: async (h) => h.service.snapshot(),
  },
  { name: 'auto-mk-rotate refused with 401', phase: 'auth-expired', row: UNTOUCHED, reach: autoWithFault('auth') },
  {
    name: 'auto-mk-rotate stopped by its initial check (thresholds)',
    phase: 'precheck-failed',
    row: UNTOUCHED,
    scenario: 'threshold-mismatch',
    reach: autoWithFault(null),
  },
  {
    name: 'auto-mk-rotate failed after copying, before M1',
    phase: 'failed-before-new-key',
    row: UNTOUCHED,
    reach: autoWithFault('after-copy'),
  },
];

export const AFTER_REWRAP: SimSituation[] = [
  {
    name: 'auto-mk-rotate failed after M1',
    phase: 'rewrap-interrupted',
    row: M1_NOT_M2,
    reach: autoWithFault('after-m1'),
  },
  {
    name: 'cryptounit-mk-rotate failed mid re-encryption',
    phase: 'rewrap-interrupted',
    row: KEYPARTS_NO_M2,
    scenario: 'key-parts',
    flow: 'keyparts',
    reach: (h) => keyPartsRotateFailing(h, 'mid-rewrap'),
  },
  { name: 'auto-mk-rotate failed after M2', phase: 'rewrap-complete', row: M2, reach: autoWithFault('after-m2') },
  {
    name: 'auto-mk-rotate failed mid promotion, registers read',
    phase: 'partially-promoted',
    row: M2,
    reach: async (h) => {
      await autoWithFault('mid-setimm')(h);
      return h.runToExit(['tke', 'cryptounit-mk']);
    },
  },
  { name: 'auto-mk-rotate completed', phase: 'completed', row: COMPLETED, reach: autoWithFault(null) },
  {
    name: 'the CLI crashed mid re-encryption',
    phase: 'indeterminate',
    row: INDETERMINATE,
    reach: autoWithFault('mid-rewrap:crash'),
  },
];

/** A harness with an open rotation driven to the situation. */
export async function reach(s: SimSituation, keys = 60): Promise<{ h: Harness; snapshot: RotationSnapshot }> {
  const h = await createHarness(s.scenario ?? 'default', keys);
  await h.service.start({ flow: s.flow ?? 'auto' });
  return { h, snapshot: await s.reach(h) };
}
