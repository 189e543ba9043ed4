/**
 * The EP11 return and reason codes the simulator reports, one per cause, with the text IBM's TKE SDK
 * prints for each (docs/ibm-strings.md, section 9). The texts are the SDK's; which code a simulated
 * cause gets is the simulator's choice where no source ties them together (`inferred` says why).
 */

export interface Ep11Code {
  returnCode: number;
  /** Undefined when the crypto unit returns no reason code (the SDK prints an empty `Reason code: `). */
  reasonCode?: number;
  /** The SDK's message for the pair, character for character. */
  text: string;
  source: string;
  /** Set when the cause this code stands for in the simulator is not tied to it by a source. */
  inferred?: string;
}

const TABLE = 'tke-sdk: ep11cmds/tkeHTPErrors.go';

export const EP11_CODES = {
  imprint: { returnCode: 179, text: 'Operation not allowed in imprint mode.', source: `${TABLE}:272` },
  notEnoughSignatures: {
    returnCode: 208,
    text: 'Not enough signatures were provided on the command.',
    source: `${TABLE}:278`,
  },
  unauthorizedSigner: {
    returnCode: 257,
    text: 'An unauthorized administrator signed the command.',
    source: `${TABLE}:300`,
  },
  adminNotFound: {
    returnCode: 32,
    reasonCode: 32,
    text:
      'Administrator not found.  ' +
      'The administrator does not exist on the target domain or crypto module, or the supplied Subject Key ' +
      'Identifier (SKI) has incorrect length.',
    source: `${TABLE}:231`,
  },
  adminExists: {
    returnCode: 256,
    reasonCode: 38,
    text: 'An administrator could not be added because it already exists on the target.',
    source: `${TABLE}:298`,
  },
  tooManyAdmins: {
    returnCode: 261,
    reasonCode: 39,
    text:
      'An administrator could not be added because the maximum supported number of administrators already exists on ' +
      'the target.',
    source: `${TABLE}:303`,
  },
  signatureAboveAdmins: {
    returnCode: 209,
    reasonCode: 57,
    text:
      'Invalid value.  ' +
      'You may not set the signature threshold to a number greater than the number of installed administrators.',
    source: `${TABLE}:283`,
  },
  revocationAboveAdmins: {
    returnCode: 209,
    reasonCode: 58,
    text:
      'Invalid value.  ' +
      'You may not set the revocation signature threshold to a number greater than the number of installed ' +
      'administrators.',
    source: `${TABLE}:284`,
  },
  removeBelowThreshold: {
    returnCode: 209,
    reasonCode: 66,
    text:
      'Change not allowed.  ' +
      'You may not remove an administrator if that would drop the number of installed administrators below one of ' +
      'the threshold values.',
    source: `${TABLE}:285`,
  },
  commitMismatch: {
    returnCode: 101,
    reasonCode: 48,
    text:
      'Commit failed.  ' +
      'The supplied verification pattern of the new master key does not match the verification pattern of the key ' +
      'in the register.  ' +
      'This error will occur if the master keys being committed in a domain group are not all the same.',
    source: `${TABLE}:263`,
  },
  keyNotFound: {
    returnCode: 96,
    text: 'A requested key, certificate, or audit log record was not found.',
    source: `${TABLE}:260`,
    inferred:
      'The simulator reports it when a command needs a value in a master key register that is Empty; no source says ' +
      'which code the crypto unit returns then.',
  },
  inconsistent: {
    returnCode: 209,
    text: 'Inconsistent template.  The data associated with a command is invalid or inconsistent.',
    source: `${TABLE}:280`,
    inferred:
      'The simulator reports it when a master key register is in the wrong state for the command (not empty for a ' +
      'load, not committed for set immediate) or a unit is already out of imprint mode; no source says which code ' +
      'the crypto unit returns then.',
  },
} as const satisfies Record<string, Ep11Code>;

export type Ep11Cause = keyof typeof EP11_CODES;
