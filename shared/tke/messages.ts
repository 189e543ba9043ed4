/**
 * The TKE CLI's exact strings, as documented (see ../shared/docs/domain.md). The simulator prints
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

/** Commands that change hardware registers or key storage (never allowed when indeterminate). */
export const MUTATING_COMMANDS = [
  'auto-mk-rotate',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'cryptounit-mk-rotate',
  'cryptounit-mk-setimm',
  'cryptounit-mk-clrnew',
] as const;
export type MutatingCommand = (typeof MUTATING_COMMANDS)[number];
