/**
 * The shape of one row of the app's command table (shared/tke/commands.ts): how the app treats a TKE
 * command, and the refusal rules its "destructive after" column is written with.
 */
import type { RefusalCondition, RefusalReasonId } from './refusals.js';

/**
 * `mutating`: changes a crypto unit (registers, administrators, thresholds, control points), key
 * storage or the instance's units, or deletes a key file; `workstation`: changes only the
 * workstation's selection or adds key files; `read-only`: changes nothing.
 */
export type CommandClass = 'mutating' | 'workstation' | 'read-only';
/** The rotation flows that use a command: `auto-mk-rotate` (recovery crypto units), `key parts`, both or none. */
export type FlowUse = 'auto-mk-rotate' | 'key parts' | 'both' | 'none';
/** `menu`: the backend runs it and the console offers it; `app`: the backend runs it, not offered; `none`: refused. */
export type AppUse = 'menu' | 'app' | 'none';

/** After this condition the classifier refuses the command, for this reason (docs/classifier.md). */
export interface RefusalRule {
  readonly when: RefusalCondition;
  readonly why: RefusalReasonId;
}

export interface TkeCommandRow {
  /** The name the app uses (IBM's table calls `auto-mk-recover` `auto-recover`: an alias here). */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly class: CommandClass;
  readonly flows: FlowUse;
  readonly use: AppUse;
  /** The backend also runs the command under its aliases (else only under its name). */
  readonly runsAliases?: boolean;
  /** Needs signatures from the selected signature keys (`sigkey-sel`) on a unit out of imprint mode. */
  readonly signatureKeys: boolean;
  /** `cryptounit-mk-setimm`: in the phases where only promotion remains, it runs after a fresh register reading passes. */
  readonly readRegistersFirst?: boolean;
  /** When the command becomes destructive (refused), in addition to an indeterminate state for every mutating one. */
  readonly destructiveAfter: readonly RefusalRule[];
}

export const rule = (when: RefusalCondition, why: RefusalReasonId): RefusalRule => ({ when, why });
/** Refused once re-encryption has begun: the command changes who can sign the rotation's recovery commands. */
export const SIGNERS = [rule('rewrap-begun', 'signers')] as const;
/** Never destructive beyond the indeterminate state every mutating command is refused in. */
export const NEVER: readonly RefusalRule[] = [];
