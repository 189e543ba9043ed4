/** The command that fixes each failed pre-check, per flow (docs/domain.md, section 4 "Initial conditions"). */
import type { PrecheckId } from '../tke/messages.js';

export type PrecheckFlow = 'auto' | 'keyparts';

export interface FixAdvice {
  command: string;
  why: string;
  /**
   * The catalogue entry that translates `why` (`precheck.fixWhy.<key>`), when the default one, keyed
   * by check and command, would say something else.
   */
  i18n?: { key: string; values?: Record<string, string> };
}

/** What the workstation adds to a fix: a signing service (`TKE_SIGNSERV_URL`) replaces the sigkey commands. */
export interface FixOptions {
  signingService?: boolean;
  /** The crypto units the check failed for, when known (named in the fix). */
  units?: readonly number[];
}

/**
 * With a signing service the `sigkey` commands do nothing [hs-crypto: signing-service.md]: signature
 * keys are the entries of `SIGNSERVKEYS`, and `cryptounit-admin-add` asks for a key identifier and its
 * token.
 */
export const SIGNING_SERVICE_FIXES: readonly FixAdvice[] = [
  {
    command: 'ibmcloud tke cryptounit-admins',
    why: 'Read-only: see which administrators are installed on every crypto unit and how many signatures the threshold needs.',
    i18n: { key: 'admins-signserv-admins' },
  },
  {
    command: 'ibmcloud tke cryptounit-admin-add',
    why: 'Signatures come from the signing service (TKE_SIGNSERV_URL), so sigkey-sel does nothing here: list in the SIGNSERVKEYS file (in CLOUDTKEFILES) the keys of enough installed administrators to meet the signature threshold. Install a missing administrator with cryptounit-admin-add, which asks for the key identifier and its token.',
    i18n: { key: 'admins-signserv-add' },
  },
];

/** The fixes of the checks whose fix depends on neither the flow nor the units. */
const FIXED_FIXES: Record<'auth' | 'selection' | 'thresholds' | 'admins' | 'current-mk', readonly FixAdvice[]> = {
  auth: [
    { command: 'ibmcloud login', why: 'The access token is invalid or expired (tokens last one hour): log in again.' },
  ],
  selection: [
    {
      command: 'ibmcloud tke cryptounit-rm',
      why: 'Deselect the crypto units of every other service instance, so only one instance is selected.',
    },
    {
      command: 'ibmcloud tke cryptounit-add',
      why: 'Then select any crypto unit of that instance that is not selected yet, so all of its units are.',
    },
  ],
  thresholds: [
    {
      command: 'ibmcloud tke cryptounit-thrhld-set',
      why: 'Set the same signature and revocation thresholds on every crypto unit.',
    },
  ],
  admins: [
    {
      command: 'ibmcloud tke sigkey-sel',
      why: 'Select the signature keys of enough common administrators to meet the signature threshold (install missing administrators with `ibmcloud tke cryptounit-admin-add`).',
    },
  ],
  'current-mk': [
    {
      command: 'ibmcloud tke cryptounit-compare',
      why: 'Read-only: the current master key registers differ. Do not change registers; contact IBM Cloud support with the comparison.',
    },
  ],
};

/** The new registers' fix per flow: auto-mk-rotate needs them Empty, the key-part flow committed. */
const NEW_MK_FIXES: Record<PrecheckFlow, readonly FixAdvice[]> = {
  auto: [
    {
      command: 'ibmcloud tke cryptounit-mk-clrnew',
      why: 'auto-mk-rotate needs every new register Empty. Safe only while no new register holds a committed value: nothing can be re-encrypted under an uncommitted one.',
    },
  ],
  keyparts: [
    { command: 'ibmcloud tke cryptounit-mk-load', why: 'Load the same key parts into every new register.' },
    {
      command: 'ibmcloud tke cryptounit-mk-commit',
      why: 'Commit them so every new register is Full Committed with one verification pattern.',
    },
  ],
};

/** Commands that fix a failed pre-check, in the order to run them. */
export function fixesFor(id: PrecheckId, flow: PrecheckFlow, options: FixOptions = {}): FixAdvice[] {
  if (id === 'admins' && options.signingService === true) return [...SIGNING_SERVICE_FIXES];
  if (id === 'imprint') return imprintFixes(flow, options.units ?? []);
  if (id === 'new-mk') return [...NEW_MK_FIXES[flow]];
  return [...FIXED_FIXES[id]];
}

/**
 * A crypto unit in imprint mode is zeroized: no administrator, no threshold, no master key (a failover
 * unit as failover-enable assigns it, or a unit zeroized or replaced). IBM initializes it like the
 * others [hs-crypto: enable-failover.md] [hs-crypto: initialize-hsm-cli.md]: with only it selected,
 * install the administrators and set the thresholds (which ends imprint mode), then give it the current
 * master key: from a recovery crypto unit with auto-mk-recover, or by loading the current key parts
 * as at initialization in the key-part flow.
 */
function imprintFixes(flow: PrecheckFlow, units: readonly number[]): FixAdvice[] {
  const which = units.length > 0 ? `crypto unit ${units.join(', ')}` : 'the crypto units in imprint mode';
  // Translated only with the units named (the UI's words carry the numbers, not the English phrase).
  const i18n = (key: string): FixAdvice['i18n'] =>
    units.length > 0 ? { key, values: { units: units.join(', ') } } : { key: `${key}-any` };
  const fixes: FixAdvice[] = [
    {
      command: 'ibmcloud tke cryptounit-rm',
      why: `Initialize ${which} like the other crypto units (IBM: enable-failover.md, initialize-hsm-cli.md), with only them selected: deselect the others (cryptounit-admin-add and cryptounit-thrhld-set act on every selected unit, and the others have their administrators), and select ${which} with cryptounit-add if they are not.`,
      i18n: i18n('imprint-select'),
    },
    {
      command: 'ibmcloud tke cryptounit-admin-add',
      why: `Install on ${which} the same administrators as the other crypto units, one run per administrator.`,
      i18n: i18n('imprint-admin-add'),
    },
    {
      command: 'ibmcloud tke cryptounit-thrhld-set',
      why: 'Then set the same signature and revocation thresholds as the other crypto units: this ends imprint mode.',
      i18n: { key: 'imprint-thrhld-set' },
    },
  ];
  if (flow === 'keyparts') {
    fixes[2] = {
      command: 'ibmcloud tke cryptounit-thrhld-set',
      why: 'Then set the same signature and revocation thresholds as the other crypto units: this ends imprint mode. A unit in imprint mode holds no master key: load the current master key parts into it as at initialization (initialize-hsm-cli.md), then select every crypto unit of the instance again.',
      i18n: { key: 'imprint-thrhld-set-keyparts' },
    };
    return fixes;
  }
  return [
    ...fixes,
    {
      command: 'ibmcloud tke cryptounit-add',
      why: `Select a recovery crypto unit as well: it holds the current master key, which ${which} lack (a unit in imprint mode holds none).`,
      i18n: i18n('imprint-add-recovery'),
    },
    {
      command: 'ibmcloud tke auto-mk-recover',
      why: `Transfer the current master key from the recovery crypto unit to ${which} (IBM: enable-failover.md). Then select every crypto unit of the instance again (cryptounit-add) and check them with cryptounit-compare.`,
      i18n: i18n('imprint-recover'),
    },
  ];
}

/**
 * The fix when crypto units lost their current master key and a recovery crypto unit holds the value
 * the others agree on (IBM's recover page, recover-master-key.md): select the recovery unit and the
 * targets, check the initial conditions, copy the value back, confirm.
 */
export function recoverFixes(units: readonly number[]): FixAdvice[] {
  const which = units.join(', ');
  return [
    {
      command: 'ibmcloud tke cryptounit-add',
      why: `Select the recovery crypto unit and crypto unit ${which} (auto-mk-recover copies between the selected units).`,
      i18n: { key: 'current-mk-recover-select', values: { units: which } },
    },
    {
      command: 'ibmcloud tke cryptounit-compare',
      why: 'Read-only: check the initial conditions first (not in imprint mode, the same signature thresholds, a common set of administrators that meets them).',
      i18n: { key: 'current-mk-recover-compare' },
    },
    {
      command: 'ibmcloud tke auto-mk-recover',
      why: `The current master key register of crypto unit ${which} is not Valid (cleared, zeroized or replaced) and no rotation is under way. A recovery crypto unit holds the only backup of the current master key: auto-mk-recover copies it back. Never clear or zeroize another unit before it ran. Then run the pre-checks again.`,
      i18n: { key: 'current-mk-recover', values: { units: which } },
    },
  ];
}
