/**
 * The TKE CLI's exact strings, as documented (sources in docs/domain.md and docs/ibm-strings.md). The simulator prints
 * these and the parsers recognise them; keeping them in one place keeps the two in step.
 */

/** M1: every new register now holds the new value; key storage re-encryption is about to start. */
export const M1_DELAY = 'Delaying 30 seconds to allow server to discover new master key values';
/** M2: key storage is fully re-encrypted under the new master key; only promotion remains. */
export const M2_REWRAP = 'KMS CRK rewrap successful, waiting on cryptounit-mk-setimm';
/** The TKE smart-card application's spelling of M2. */
export const M2_REWRAP_SMARTCARD = 'MKS CRK rewrap successful, waiting on cryptounit-mk-setimm.';
/** Smart-card application: rotation started / finished. */
export const SMARTCARD_ROTATION_STARTED = 'Master key rotation started.';
export const SMARTCARD_ROTATION_SUCCESSFUL = 'Master key rotation successful.';

export const OK = 'OK';
export const FAILED = 'FAILED';

/** Context header labels printed at the start of every TKE command. */
export const HEADER_LABELS = ['API endpoint:', 'Region:', 'User:', 'Account:', 'Resource group:'] as const;

export const AUTH_FAILED_LINES = [
  'Error querying service instances.',
  'Status code: 401',
  'Message: Unauthorized',
  'Your access token is invalid, expired, or does not have the necessary permissions to access this instance.',
] as const;

export const HSM_ERROR_LINE = 'Error reported by EP11 crypto module.';
export const NO_INSTANCES = 'No service instances were found for the current resource group.';
export const MULTIPLE_INSTANCES = 'More than one service instance is assigned to the current resource group.';
export const INSTANCE_TABLE_HEADER = 'INSTANCE NUM   INSTANCE ID';
export const INSTANCE_PROMPT = 'Enter the INSTANCE NUM of the service instance to use:';
export const SERVICE_INSTANCE_PREFIX = 'SERVICE INSTANCE:';
export const CRYPTOUNITS_TABLE_HEADER = 'CRYPTO UNIT NUM   SELECTED   TYPE          LOCATION';
export const SIGKEYS_TABLE_HEADER = 'KEYNUM   DESCRIPTION   SUBJECT KEY IDENTIFIER';
export const SIGKEY_PASSWORD_PROMPT = 'Enter the password for the signature key identified by:';
/** Register listing (`cryptounit-mk` / `cryptounit-mks`): per unit, this table follows the unit line. */
export const REGISTER_TABLE_HEADER = 'MASTER KEY REGISTER   STATUS             VERIFICATION PATTERN';
export const SETIMM_WARNING =
  'Warning: cryptounit-mk-setimm moves the new master key to the current master key register. ' +
  'Key storage that is not re-encrypted under the new master key will be unusable.';
export const CONFIRM_SUFFIX = '(y/N)';
export const PROMPT_MARK = '> ';

/** The seven pre-checks of docs/domain.md (section 4), in order. Ids are used in `failedChecks` and the UI. */
export const PRECHECK_IDS = ['auth', 'selection', 'imprint', 'thresholds', 'admins', 'current-mk', 'new-mk'] as const;
export type PrecheckId = (typeof PRECHECK_IDS)[number];

/**
 * Failures outside the seven pre-checks that also stop a command before it changes anything: the wrong
 * region or resource group targeted, a user without a role on the instance (401 after a fresh login),
 * and a workstation without CLOUDTKEFILES (docs/domain.md).
 */
export const ENVIRONMENT_CHECK_IDS = ['target', 'permission', 'workstation'] as const;
export type EnvironmentCheckId = (typeof ENVIRONMENT_CHECK_IDS)[number];
/** What `failedChecks` may name. */
export type FailedCheckId = PrecheckId | EnvironmentCheckId;

/** Prefix of every pre-check failure line the CLI prints (one line per failed check). */
export const PRECHECK_FAILED_PREFIX = 'Initial state check failed:';

/** The text after the prefix, per check; `{units}` is a comma-separated list of unit numbers. */
export const PRECHECK_MESSAGES: Record<Exclude<PrecheckId, 'auth'>, string> = {
  selection: 'the selected crypto units are not exactly all crypto units of one service instance.',
  imprint: 'crypto units {units} are in imprint mode.',
  thresholds: 'the signature thresholds are not the same on all crypto units.',
  admins:
    'not enough common administrators are installed in all crypto units and selected with sigkey-sel to meet the signature threshold.',
  'current-mk': 'the current master key registers are not all Valid with the same verification pattern.',
  'new-mk': 'the new master key registers are not in the required state (crypto units {units}).',
};

/** The administrators' check with a signing service, whose keys are listed in SIGNSERVKEYS (sigkey-sel does nothing then). */
export const PRECHECK_ADMINS_SIGNSERV =
  'not enough common administrators are installed in all crypto units and listed in SIGNSERVKEYS to meet the signature threshold.';

/** Progress lines of the rotation commands (see docs/tke-output.md). */
export const STEP_GENERATE = 'Generating a new random master key in crypto unit {unit}...';
export const STEP_COPY = 'Copying the new master key to the other crypto units...';
export const STEP_COMMIT = 'Committing the new master key...';
export const STEP_REWRAP = 'Re-encrypting key storage...';
export const STEP_REWRAP_PROGRESS = 'Re-encrypted {done} of {total} keys';
export const STEP_PROMOTE = 'Promoting the new master key in crypto unit {unit}...';
export const ROTATION_COMPLETED = 'Master key rotation completed successfully.';

/*
 * Strings the simulator prints that docs/tke-output.md shows but the documentation does not fix;
 * appended here so parsers and the simulator share them.
 */
export const COMPARE_SAME = 'The selected crypto units are configured the same.';
export const COMPARE_DIFFERENT = 'Differences were found between the selected crypto units.';
export const NO_SIGKEYS_SELECTED = 'No signature keys are selected.';
export const SIGKEYS_SELECTED_TITLE = 'Signature keys selected to sign commands:';
export const MKPARTS_TABLE_HEADER = 'KEYNUM   DESCRIPTION   VERIFICATION PATTERN';
export const SIGKEY_SELECT_PROMPT = 'Enter the KEYNUM values of the signature keys to select, separated by spaces:';
/** `cryptounit-mk-load`: the 2 or 3 parts to load, in one answer (IBM: "enter the key parts to be loaded"). */
export const MKPART_SELECT_PROMPT = 'Enter the KEYNUM values of the master key parts to load, separated by spaces:';
/** No longer printed (`cryptounit-mk-load` asks for the parts in one answer); recognised in older captures. */
export const MKPART_COUNT_PROMPT = 'Enter the number of master key parts to load (2 or 3):';
export const MKPART_PASSWORD_PROMPT = 'Enter the password for the master key part identified by:';
/** `mk-add --value`: the key part is typed at this prompt (hidden), never given on the command line. */
export const MKPART_VALUE_PROMPT = 'Enter the key part value:';
export const MKPART_DESCRIPTION_PROMPT = 'Enter a description for the key part:';
/** The second entry of a new key file's password, so a slip cannot lock the file away. */
export const NEW_PASSWORD_CONFIRM_PROMPT = 'Re-enter the password to confirm:';
export const CRYPTOUNIT_ADD_PROMPT = 'Enter the CRYPTO UNIT NUM values to add, separated by spaces:';
export const CRYPTOUNIT_RM_PROMPT = 'Enter the CRYPTO UNIT NUM values to remove, separated by spaces:';
export const ROTATE_PRECHECK_CONFIRM = 'Run a pre-check of the crypto units before rotating? (y/N)';
export const SETIMM_CONFIRM = 'Do you want to continue? (y/N)';
export const SIGKEY_PASSWORD_WRONG = 'The password for the signature key is not correct.';
export const MKPART_PASSWORD_WRONG = 'The password for the master key part is not correct.';
/**
 * The codes of the SDK's documented threshold refusal; the simulator prints per-cause codes
 * (shared/tke/ep11-codes.ts).
 */
export const HSM_RETURN_CODE = 'Return code: 209';
export const HSM_REASON_CODE = 'Reason code: 71';
export const NO_RECOVERY_UNITS =
  'The service instance has no recovery crypto units; use the key part flow to rotate the master key.';
/**
 * What `auto-mk-rotate` prints for an instance with PKCS #11 keystores enabled, where IBM says not to
 * use it (introduce-master-key-rotation.md); the wording is inferred (docs/ibm-strings.md, section 10).
 */
export const PKCS11_KEYSTORES_ENABLED =
  'PKCS #11 keystores are enabled in the service instance, so auto-mk-rotate cannot rotate its master key; use the key part flow to rotate the master key.';
