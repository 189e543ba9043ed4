/**
 * The shape of one row of the TKE command table (shared/tke/command-table.ts) and the prompts rows
 * share. Sources are cited as in docs/tke-commands.md; `inferred` says why a value is believed where
 * no page states it.
 */
import { SIGKEY_PASSWORD_PROMPT } from './messages.js';

/** What a command changes (docs/tke-commands.md, column "changes"). */
export type CommandChange = 'hardware' | 'key storage' | 'assignment' | 'workstation' | 'read-only';

/**
 * Signatures a crypto unit in imprint mode needs: `none` (unsigned), `refused` (the unit refuses the
 * command: EP11 return code 179), `new-signature-threshold` (leaving imprint mode: as many as the new
 * signature threshold).
 */
export type ImprintSignatures = 'none' | 'refused' | 'new-signature-threshold';

/**
 * Signatures after imprint mode: `none`, `one`, the unit's current `signature-threshold` or
 * `revocation-threshold`, or `refused` (the command is only for units in imprint mode).
 */
export type AfterSignatures = 'none' | 'one' | 'signature-threshold' | 'revocation-threshold' | 'refused';

export interface SignatureSpec {
  imprint: ImprintSignatures;
  after: AfterSignatures;
  source: string;
  inferred?: string;
}

/** How often a prompt is asked. */
export type PromptRepeat = 'once' | 'each signature' | 'each key part' | 'each key file' | 'each new key file';

export interface PromptSpec {
  /** The line printed right before the `> ` mark; `{name}` marks a part that varies. */
  text: string;
  /** True when the answer is a secret: read hidden, masked by the app, never journaled. */
  secret: boolean;
  repeat: PromptRepeat;
  /** When the prompt is asked at all (absent: always). */
  when?: string;
  source: string;
  inferred?: string;
}

export interface CommandSpec {
  /** The name in IBM's table, after `ibmcloud tke` (`tke` itself is the bare command group). */
  name: string;
  aliases: readonly string[];
  /** IBM's description, exactly as the command table has it. */
  description: string;
  changes: readonly CommandChange[];
  /** Deletes a workstation file that may be the only copy of a key part or signature key. */
  deletesFiles?: boolean;
  signatures: SignatureSpec;
  /** The prompts in the order they are asked. */
  prompts: readonly PromptSpec[];
  /** Arguments, for `ibmcloud tke help <command>` (none when absent). */
  usage?: string;
  /** Where the row comes from. */
  source: string;
}

export const CLI_TABLE = 'hs-crypto: hs-crypto-cli.md';

/** No signature: the command sends nothing to a crypto unit. */
export const UNSIGNED: SignatureSpec = {
  imprint: 'none',
  after: 'none',
  source: CLI_TABLE,
  inferred: 'no crypto-unit command is sent',
};

/** The signature key password prompt, once per signature the command needs. */
export const SIGNATURE_PROMPT: PromptSpec = {
  text: SIGKEY_PASSWORD_PROMPT,
  secret: true,
  repeat: 'each signature',
  source: 'hs-crypto: initialize-hsm-cli-recovery-crypto-unit.md (lines 125-127)',
};

/** The same prompt for a signature key file itself (an administrator to install), not a signature. */
export const KEY_FILE_PASSWORD_PROMPT: PromptSpec = { ...SIGNATURE_PROMPT, repeat: 'each key file' };
