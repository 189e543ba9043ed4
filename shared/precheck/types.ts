/** Inputs and results of the pre-check evaluator (the app's pre-check panel). */
import type { CompareResult } from '../parse/compare.js';
import type { ServiceInstanceUnits } from '../parse/cryptounits.js';
import type { AdminRow, SigKeyRow, ThresholdRow } from '../parse/listings.js';
import type { PrecheckId } from '../tke/messages.js';
import type { SigningService } from '../tke/signing-service.js';
import type { Register } from '../tke/types.js';
import type { FixAdvice, PrecheckFlow } from './fixes.js';

/** Registers of one unit as read from `cryptounit-mks` or `cryptounit-compare`. */
export interface UnitRegisterReading {
  num: number;
  current: Register;
  new: Register;
}

export interface PrecheckInput {
  flow: PrecheckFlow;
  /** Parsed `cryptounits`. */
  instances?: readonly ServiceInstanceUnits[];
  /** Parsed `cryptounit-compare`; fills thresholds, admins and registers not given separately. */
  compare?: CompareResult;
  thresholds?: readonly ThresholdRow[];
  admins?: readonly AdminRow[];
  registers?: readonly UnitRegisterReading[];
  /** Signature keys selected on the workstation (`sigkeys`, second table). */
  selectedSigKeys?: readonly SigKeyRow[];
  /**
   * Set when the CLI signs through a signing service (`TKE_SIGNSERV_URL`): then the `sigkey` commands
   * do nothing and `SIGNSERVKEYS` lists the keys (shared/tke/signing-service.ts).
   */
  signingService?: SigningService;
  /** Access token expiry and the injected clock, both epoch milliseconds. */
  token?: { expiresAt: number; now: number };
}

export type CheckStatus = 'pass' | 'fail' | 'unknown';

/**
 * A pre-check text as a message id with its values, so the renderer shows it in the UI language
 * (`precheck.msg.<key>`); the English text beside it stays what the journal, the report and the CLI
 * show, and what the renderer falls back to for an id it does not know.
 */
export interface PrecheckMessage {
  key: string;
  values?: Record<string, string | number>;
}

export interface UnitCheck {
  num: number;
  status: CheckStatus;
  detail: string;
  detailMsg?: PrecheckMessage;
}

export interface PrecheckResult {
  id: PrecheckId;
  status: CheckStatus;
  summary: string;
  summaryMsg?: PrecheckMessage;
  units: UnitCheck[];
  evidence: string[];
  /** The evidence as messages, one per entry of `evidence` (absent: shown as it is, e.g. VPs). */
  evidenceMsg?: PrecheckMessage[];
  /** Commands that fix a failure, in order; empty when the check passes or cannot be judged. */
  fix: FixAdvice[];
}
