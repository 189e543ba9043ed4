/**
 * What the fold over the attempts knows of a rotation (knowledge.ts): the levels the evidence proves
 * and allows, the verification patterns, the readings, contradictions, failures and the recovery from
 * a partial promotion.
 */
import type { PrecheckId } from '../tke/messages.js';
import type { AutoUnsupportedCause } from '../parse/recognise.js';
import type { Level } from './progress.js';
import type { KnownVps, RegisterShape } from './register-shape.js';
import type { Attempt, FailureKind } from './scan.js';
import type { Evidence, Flow, RegisterReading } from './types.js';

export interface Reading {
  units: RegisterReading[];
  shape: RegisterShape;
  evidence: Evidence;
}

export interface Contradiction {
  reason: string;
  units: number[];
  evidence: Evidence[];
}

/** Steps of the recovery from a partial promotion, each confirmed by a command that ended with OK. */
export interface PartialRecovery {
  deselected: boolean;
  /** Units deselected during the recovery, to select again at its end. */
  units: number[];
  promoted: boolean;
  readded: boolean;
  compared: boolean;
}

export interface Knowledge {
  flow: Flow;
  flowEvidence: Evidence | undefined;
  strong: Level;
  any: Level;
  upper: Level;
  known: KnownVps;
  m1: Evidence[];
  m2: Evidence[];
  /** Any evidence, at any time, that re-encryption of key storage began: auto-mk-rotate is refused for good. */
  rewrapSeen: boolean;
  /** Re-encryption evidence other than M1 and M2 (progress lines, a key-part rotation under way). */
  rewrap: Evidence[];
  /** The lines that show the rotation completed (the success lines, a closing OK after M2). */
  completion: Evidence[];
  /** The latest reading, unless a command that could change registers or the selection ran after it. */
  reading: Reading | undefined;
  /** Every reading, for evidence. */
  readings: Reading[];
  contradiction: Contradiction | undefined;
  /** The last rotation command, when its end was not seen and no reading came after it. */
  unfinished: Attempt | undefined;
  /** Registers were read but no rotation command is in the transcripts: their history is unknown. */
  registersOnly: boolean;
  rotationAttempts: Attempt[];
  lastFailure: { attempt: Attempt; kind: FailureKind; evidence: Evidence } | undefined;
  loginAfterFailure: Evidence | undefined;
  /**
   * Units whose current master key is gone while a recovery crypto unit still holds it; `recovered`:
   * an auto-mk-recover since the reading that showed it ended OK (only a new reading can confirm it).
   */
  lostCurrent: { units: number[]; vp: string; evidence: Evidence; recovered?: Evidence } | undefined;
  /**
   * auto-mk-rotate refused the instance (PKCS #11 keystores enabled, or no recovery crypto units): it
   * stays unusable there, and the rotation is done with key part files.
   */
  autoUnsupported: { cause: AutoUnsupportedCause; evidence: Evidence } | undefined;
  /** An `ibmcloud target` that ended OK after a targeting failure. */
  targetedAfterFailure: Evidence | undefined;
  /**
   * No instance found again right after a successful `ibmcloud target`: the region and group were
   * right, so the instance is private-only, in another account, or not visible to the user.
   */
  targetPersisted: Evidence | undefined;
  /** A 401 that persisted after a fresh login: the user lacks a role on the instance. */
  permission: Evidence | undefined;
  failedChecks: PrecheckId[];
  precheckEvidence: Evidence[];
  failedCommand: string | undefined;
  succeededAfterFailure: Set<string>;
  partial: PartialRecovery;
  /** Units a partial promotion left to deselect (none once `cryptounit-rm` ran). */
  promotedUnits: number[];
}

/** What is known before any attempt: nothing has happened. */
export function emptyKnowledge(flow: Flow, flowEvidence: Evidence | undefined): Knowledge {
  return {
    flow,
    flowEvidence,
    strong: 'untouched',
    any: 'untouched',
    upper: 'untouched',
    known: {},
    m1: [],
    m2: [],
    rewrapSeen: false,
    rewrap: [],
    completion: [],
    reading: undefined,
    readings: [],
    contradiction: undefined,
    unfinished: undefined,
    registersOnly: false,
    rotationAttempts: [],
    lastFailure: undefined,
    loginAfterFailure: undefined,
    permission: undefined,
    lostCurrent: undefined,
    autoUnsupported: undefined,
    targetedAfterFailure: undefined,
    targetPersisted: undefined,
    failedChecks: [],
    precheckEvidence: [],
    failedCommand: undefined,
    succeededAfterFailure: new Set(),
    partial: { deselected: false, units: [], promoted: false, readded: false, compared: false },
    promotedUnits: [],
  };
}
