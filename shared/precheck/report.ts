/** The pre-check panel's data: the seven checks plus the listings they were judged from. */
import type { SigningService } from '../tke/signing-service.js';
import type { ServiceInstanceUnits } from '../parse/cryptounits.js';
import type { AdminRow, SigKeysListing, ThresholdRow } from '../parse/listings.js';
import type { UnitRegisters } from '../tke/types.js';
import type { PrecheckFlow } from './fixes.js';
import type { PrecheckResult } from './types.js';

export interface ReadResult {
  command: string;
  exitCode: number;
  /** The lines that explain a failure (FAILED block), empty on success. */
  problem: string[];
}

export interface RotationEstimate {
  keyCount: number | null;
  /** 30 s discovery delay plus 60 s per 3000 keys. */
  seconds: number | null;
  /** True when the token may expire before the rotation ends (5 minutes of margin). */
  tokenMayExpire: boolean | null;
}

export interface PrecheckReport {
  flow: PrecheckFlow;
  ranAt: number;
  results: PrecheckResult[];
  instances: ServiceInstanceUnits[];
  registers: UnitRegisters[];
  thresholds: ThresholdRow[];
  admins: AdminRow[];
  sigkeys: SigKeysListing;
  token: { expiresAt: number | null; source: 'simulator' | 'app-login' | 'unknown' };
  estimate: RotationEstimate;
  reads: ReadResult[];
  /** Present when the CLI signs through a signing service: the key identifiers SIGNSERVKEYS lists (never a token), or its problem. */
  signingService?: SigningService;
}

/** Estimate a rotation's duration from the key count (docs/domain.md: about 60 s per 3000 keys, plus the 30 s discovery delay). */
export function estimateRotation(
  keyCount: number | null,
  tokenExpiresAt: number | null,
  now: number,
): RotationEstimate {
  if (keyCount === null) return { keyCount, seconds: null, tokenMayExpire: null };
  const seconds = Math.ceil(30 + (keyCount / 3000) * 60);
  const tokenMayExpire = tokenExpiresAt === null ? null : tokenExpiresAt - now < (seconds + 300) * 1000;
  return { keyCount, seconds, tokenMayExpire };
}
