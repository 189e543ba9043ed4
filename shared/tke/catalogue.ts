/**
 * The message catalogue: every string the product recognises in TKE output (and the strings the
 * simulator prints in their place), each with where it comes from. `source` cites a page of IBM's HPCS
 * documentation (`hs-crypto: <page>.md`) or a file of IBM's TKE SDK (`tke-sdk: <path>:<line>`), as
 * docs/domain.md and docs/ibm-strings.md do; an entry no public source gives carries `inferred` with the
 * reason. Recognition (shared/parse/recognise.ts) refers to entries by id, so a test can check that no
 * decision allowing a command that changes registers rests on an inferred entry alone. The initial
 * conditions and EP11 refusal codes are in catalogue-conditions.ts (re-exported here).
 */

export interface CatalogueEntry {
  id: string;
  /** The text exactly as the source has it (the first line of a multi-line block). */
  text: string;
  /** What it tells about a rotation. */
  meaning: string;
  /** Where it comes from; for an inferred entry, the closest source. */
  source: string;
  /** Set when no public source gives this exact text: why it is believed. */
  inferred?: string;
}

const m1 = 'Delaying 30 seconds to allow server to discover new master key values';
const m2 = 'KMS CRK rewrap successful, waiting on cryptounit-mk-setimm';

export const CATALOGUE = {
  m1: {
    id: 'm1-delay',
    text: m1,
    meaning:
      'M1: every new master key register holds the new value; re-encryption of key storage starts next. auto-mk-rotate must never run again in this rotation.',
    source: 'hs-crypto: troubleshooting-master-key-rotation-recovery.md (line 51)',
  },
  m2: {
    id: 'm2-rewrap',
    text: m2,
    meaning: 'M2: key storage is re-encrypted under the new master key; only promotion remains.',
    source: 'hs-crypto: troubleshooting-master-key-rotation-recovery.md (line 55)',
  },
  m2Period: {
    id: 'm2-rewrap-period',
    text: `${m2}.`,
    meaning: 'M2, as cryptounit-mk-rotate and the TKE application print it.',
    source:
      'hs-crypto: troubleshooting-master-key-rotation-key-files.md (line 50); troubleshooting-master-key-rotation-smart-cards.md (line 50)',
  },
  m2Mks: {
    id: 'm2-rewrap-mks',
    text: 'MKS CRK rewrap successful, waiting on cryptounit-mk-setimm.',
    meaning: "M2 in the TKE application's message window.",
    source: 'hs-crypto: rotate-master-key-smart-cards.md (line 85)',
  },
  smartcardStarted: {
    id: 'smartcard-rotation-started',
    text: 'Master key rotation started.',
    meaning: 'The TKE application started a rotation: re-encryption may begin from here.',
    source: 'hs-crypto: rotate-master-key-smart-cards.md (line 84)',
  },
  smartcardSuccessful: {
    id: 'smartcard-rotation-successful',
    text: 'Master key rotation successful.',
    meaning: 'The TKE application finished the rotation: the new key is Valid in the current registers.',
    source: 'hs-crypto: rotate-master-key-smart-cards.md (line 86)',
  },
  ok: {
    id: 'ok',
    text: 'OK',
    meaning: 'The command ended successfully (the IBM Cloud CLI closes a successful command with OK).',
    source: 'hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md (line 150); hs-crypto-cli.md',
  },
  failed: {
    id: 'failed',
    text: 'FAILED',
    meaning: 'The command failed and ended; the lines after it say why.',
    source:
      'hs-crypto: troubleshooting-unauthorized-token.md (line 30); troubleshooting-change-signature-thresholds.md (line 28)',
  },
  authQueryInstances: {
    id: 'auth-401-docs',
    text: 'Error querying service instances.',
    meaning: 'A listing of service instances failed (with status 401: the token is invalid or expired).',
    source: 'hs-crypto: troubleshooting-unauthorized-token.md (line 31)',
  },
  authQueryUnits: {
    id: 'query-crypto-units-status',
    text: 'Error querying crypto units.',
    meaning: 'A listing of crypto units failed; the status code says why.',
    source: 'tke-sdk: common/submit.go:157-163',
  },
  htpRequest: {
    id: 'htp-request-status',
    text: 'Error sending HTPRequest to target service instance.',
    meaning:
      'An administrative command to a crypto unit was refused by the service or did not get through; the status code or message says which.',
    source: 'tke-sdk: common/submit.go:57-82',
  },
  signServPublicKey: {
    id: 'signserv-public-key',
    text: 'Error requesting public part of signature key.',
    meaning:
      "The signing service (TKE_SIGNSERV_URL) did not give a key: unreachable, unknown key name or wrong token. Nothing was signed or sent to a crypto unit; a status code that follows is the service's, not IBM Cloud's.",
    source: 'tke-sdk: common/submit.go:486-507',
  },
  signServSign: {
    id: 'signserv-sign',
    text: 'Error requesting a signature over supplied data.',
    meaning:
      "The signing service did not sign: nothing was sent to a crypto unit; a status code that follows is the service's.",
    source: 'tke-sdk: common/submit.go:557-578',
  },
  status401: {
    id: 'status-401',
    text: 'Status code: 401',
    meaning:
      'The request was not authorised: expired or invalid token, or missing permission. Nothing was changed by it.',
    source: 'hs-crypto: troubleshooting-unauthorized-token.md (line 32); tke-sdk: common/submit.go:370-378',
  },
  unauthorized: {
    id: 'message-unauthorized',
    text: 'Message: Unauthorized',
    meaning: 'As status 401.',
    source: 'hs-crypto: troubleshooting-unauthorized-token.md (line 33)',
  },
  tokenInvalid: {
    id: 'status-401-text',
    text: 'Your access token is invalid, expired, or does not have the necessary permissions to access this instance.',
    meaning: 'Log in again; if it persists after a fresh login, the user lacks an IAM role on the instance.',
    source: 'hs-crypto: troubleshooting-unauthorized-token.md (line 34); tke-sdk: common/submit.go:372-378',
  },
  status404: {
    id: 'status-404-text',
    text: 'The service instance or crypto unit could not be found.',
    meaning: 'Wrong target (region, resource group or account); nothing was changed.',
    source: 'tke-sdk: common/submit.go:379-385',
  },
  status500: {
    id: 'status-500-text',
    text: 'IBM Hyper Protect Crypto Services is currently unavailable.',
    meaning:
      'Service unavailable: for a command that changes registers the outcome is unknown until the registers are read.',
    source: 'tke-sdk: common/submit.go:386-391',
  },
  noHptResponse: {
    id: 'htp-no-response',
    text: 'No HPTResponse returned.',
    meaning: 'Empty answer: the outcome of the command is unknown until the registers are read.',
    source: 'tke-sdk: common/submit.go:77-82',
  },
  htpResponseError: {
    id: 'htp-error',
    text: 'HTPResponse error.',
    meaning:
      'The host program in front of the crypto unit failed: the outcome is unknown until the registers are read.',
    source: 'tke-sdk: ep11cmds/ep11cprb.go:771-779',
  },
  noInstances: {
    id: 'no-instances',
    text: 'No service instances were found for the current resource group.',
    meaning:
      'Wrong region or resource group targeted (or another account): fix with ibmcloud target -r REGION -g GROUP. Nothing was changed.',
    source: 'hs-crypto: troubleshooting-list-crypto-units.md (line 34)',
  },
  cloudtkefilesUndefined: {
    id: 'cloudtkefiles-undefined',
    text: 'The CLOUDTKEFILES environment variable is not defined on this workstation.',
    meaning: 'The workstation is not set up for the TKE plug-in; nothing was done.',
    source: 'tke-sdk: common/misc.go:159-163',
  },
  cloudtkefilesInaccessible: {
    id: 'cloudtkefiles-inaccessible',
    text: 'Error accessing the subdirectory defined by the CLOUDTKEFILES environment variable.',
    meaning: 'The key file directory is missing or unreadable; nothing was done.',
    source: 'tke-sdk: common/misc.go:166-173',
  },
  invalidPassword: {
    id: 'sigkey-invalid-password',
    text: 'Invalid password.',
    meaning: 'A wrong signature key password: nothing was signed or sent.',
    source: 'tke-sdk: common/signer.go:110-113',
  },
  ep11Error: {
    id: 'ep11-error',
    text: 'Error reported by EP11 crypto module.',
    meaning: 'A crypto unit refused a command; the return and reason codes say why.',
    source: 'tke-sdk: ep11cmds/ep11cprb.go:685-711',
  },
  adminRspError: {
    id: 'ep11-adminrsp-error',
    text: 'Error reported in xcpAdminRsp.',
    meaning: 'A crypto unit refused a request before processing it; the return value says why.',
    source: 'tke-sdk: ep11cmds/ep11cprb.go:590-623',
  },
  instanceMultiple: {
    id: 'instance-multiple',
    text: 'More than one service instance is assigned to the current resource group.',
    meaning: 'Several instances: the command asks which one.',
    source: 'hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md (line 57)',
  },
  setimmWarning: {
    id: 'setimm-warning',
    text: 'Warning: cryptounit-mk-setimm moves the new master key to the current master key register.',
    meaning: 'The warning cryptounit-mk-setimm shows before it asks to continue.',
    source: 'hs-crypto: troubleshooting-master-key-rotation-recovery.md (the warning is mentioned, not quoted)',
    inferred: 'IBM describes the warning but does not quote it; the simulator prints this wording.',
  },
  rotationCompleted: {
    id: 'success-rotation',
    text: 'Master key rotation completed successfully.',
    meaning: "The simulator's success line for auto-mk-rotate and cryptounit-mk-rotate.",
    source: 'hs-crypto: rotate-master-key-recovery-crypto-unit.md ("A success message is displayed")',
    inferred:
      'IBM says a success message is displayed but does not quote it; only M2 followed by the closing OK counts as proof.',
  },
  progress: {
    id: 'progress-rotation',
    text: 'Re-encrypted {done} of {total} keys',
    meaning: 'Re-encryption of key storage is under way: it can only add caution (auto-mk-rotate refused).',
    source:
      'hs-crypto: rotate-master-key-recovery-crypto-unit.md ("It might take approximately 60 seconds to reencrypt 3000 keys")',
    inferred:
      'No page shows progress lines; the simulator prints this wording, and any line reporting re-encryption of key storage is read the same way.',
  },
  precheckPrefix: {
    id: 'precheck-failure-lines',
    text: 'Initial state check failed:',
    meaning: 'One failed initial condition; the rotation stopped before touching key storage or registers.',
    source: 'hs-crypto: troubleshooting-master-key-rotation-recovery.md (lines 36-42, prose)',
    inferred:
      'IBM describes the conditions in prose only; this prefix is the simulator’s, and the prose itself is recognised by meaning.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type CatalogueKey = keyof typeof CATALOGUE;

export { EP11_REFUSALS, INITIAL_CONDITIONS, ep11Refusal } from './catalogue-conditions.js';
